/** Start-up and shutdown of the app as a process and as a component. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { eventEnvelope, messageEvent } from '../support/builders';
import { Channels, type Harness, startHarness, tsNow } from './harness';

const root = join(__dirname, '..', '..');

function runMain(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/main.ts')], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('start-up', () => {
  it('when the environment is bad, then the app exits 78 and lists every problem at once', async () => {
    const { code, stderr } = await runMain({ SLACK_BOT_TOKEN: 'nope', PORT: 'eighty', DEFAULT_TIMEZONE: 'Mars/Olympus' });
    expect(code).toBe(78);
    for (const variable of ['SLACK_BOT_TOKEN', 'REDIS_URL', 'PORT', 'DEFAULT_TIMEZONE', 'SLACK_SIGNING_SECRET']) {
      expect(stderr).toContain(variable);
    }
    expect(stderr).toContain('.env.example');
  });
});

describe('shutdown', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ name: 'shutdown' });
  });
  afterAll(() => h.slack.close().catch(() => undefined));

  it('when the app is stopped while an acknowledgement is being sent, then it is finished first', async () => {
    h.slack.failNext('chat.postMessage', { kind: 'slow', delayMs: 500 });
    const event = messageEvent({ channel: Channels.shared, user: h.newClient(), user_team: 'T0CLIENT', text: 'Printing fails', ts: tsNow() });
    await h.send.event(eventEnvelope(event, { isExtSharedChannel: true }));
    // Wait until the outbox has started the call, then stop.
    await new Promise<void>((resolve) => {
      const t = setInterval(() => {
        if (h.slack.callsTo('users.info').length > 0) {
          clearInterval(t);
          resolve();
        }
      }, 5);
    });
    await h.stop();
    expect(h.slack.messagesIn(Channels.shared, event.ts as string)).toHaveLength(1);
  });
});
