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
  afterAll(() => h.stop());

  it('when the app stops in the middle of a request, then the work left is done once by the next instance', async () => {
    h.slack.failNext('users.info', { kind: 'slow', delayMs: 300 });
    const event = messageEvent({ channel: Channels.shared, user: h.newClient(), user_team: 'T0CLIENT', text: 'Printing fails', ts: tsNow() });
    await h.send.event(eventEnvelope(event, { isExtSharedChannel: true }));
    // Intake is asking who wrote it (slow): the event's is_ext_shared_channel spares conversations.info.
    await h.slack.waitForCall('users.info');
    // SIGTERM's path: stop taking Slack requests, finish the job in progress, close.
    await h.apps[0]?.stop();

    await h.startInstance();
    await h.slack.waitForCall('chat.postMessage', (c) => c.args.thread_ts === event.ts);
    await h.idle();
    expect(h.slack.messagesIn(Channels.shared, event.ts as string)).toHaveLength(1);
  });
});
