/**
 * The acknowledgement comes from the process that received the client's message, right after its
 * write, with the intake job held back as the write-ahead record. Here that process is killed
 * (SIGKILL) at each point of the way: as soon as Slack got its 200, when the intake asks Slack who
 * wrote, when Slack has the acknowledgement but the process never hears back, and the same for
 * :eyes: (the acknowledgement is then posted and not recorded). Another instance
 * then finishes from the held-back job (catch-up, which would also find the message in the
 * channel's history, is shut out): exactly one acknowledgement, with :eyes:. And an intake
 * that fails in the receiving process is handed to its job at once, not after the hold.
 */
import { spawnApp } from '../../support/app-process/spawn-app';
import { eventEnvelope, messageEvent } from '../../support/builders';
import { createSignedSender } from '../../support/signed-requests';
import { type SlackEmulator, clientUser } from '../../support/slack-emulator';
import type { RecordedCall } from '../../support/slack-emulator/types';
import { Channels, SIGNING_SECRET, type Harness, seedPostedMessage, startHarness, testEnv, tsNow } from '../harness';
import { useCrashStage } from '../support/crash-stage';

const acksOf = (slack: SlackEmulator, ts: string) => slack.messagesIn(Channels.shared, ts).filter((m) => (m.text ?? '').startsWith('Thanks'));

describe('the receiving process killed on the way', () => {
  const stage = useCrashStage('ack-at-once');
  const env = () => ({ ...testEnv(stage.slack, stage.prefix), APP_SLACK_TIMEOUT_MS: '1000', APP_WORKER_LOCK_MS: '1000', APP_INTAKE_FALLBACK_MS: '1500' });

  /** Where it dies: on Slack's 200 (`answered`), or at a call Slack receives. */
  type KillPoint = 'answered' | ((call: RecordedCall, ts: string) => boolean);
  /** The call of the client's message that Slack holds unanswered when the kill waits for it. */
  type Held = 'acknowledgement' | 'eyes';
  it.each<[string, KillPoint, Held]>([
    ['as soon as Slack got its answer', 'answered', 'acknowledgement'],
    ['when the intake asks Slack who wrote', (call) => call.method === 'users.info', 'acknowledgement'],
    ['when Slack has the acknowledgement and the process never hears back', (call, ts) => call.method === 'chat.postMessage' && call.args.thread_ts === ts, 'acknowledgement'],
    ['when Slack has the acknowledgement and :eyes:, and the process never hears back of :eyes:', (call, ts) => call.method === 'reactions.add' && call.args.timestamp === ts, 'eyes'],
  ])('when it dies %s, then another instance acknowledges exactly once', async (_, killAt, held) => {
    const { slack, apps } = stage;
    const first = await spawnApp(env());
    apps.push(first);
    const user = `U0AO${apps.length}`;
    slack.addUser(clientUser(user, `Client ${apps.length}`));
    const ts = tsNow();
    const event = messageEvent({ channel: Channels.shared, user, user_team: 'T0CLIENT', text: `Exports fail (${apps.length})`, ts });
    seedPostedMessage(slack, event as unknown as Record<string, unknown>);
    // Slack holds the acknowledgement (or :eyes:) unanswered when the kill waits for it.
    if (held === 'acknowledgement') slack.failNext('chat.postMessage', { kind: 'slow', delayMs: 5_000 }, 1, (args) => args.thread_ts === ts);
    else slack.failNext('reactions.add', { kind: 'slow', delayMs: 5_000 }, 1, (args) => args.timestamp === ts);
    const stop = slack.onCall((call) => {
      if (killAt !== 'answered' && killAt(call, ts)) first.kill();
    });
    const send = createSignedSender({ url: `http://127.0.0.1:${first.port}/slack/events`, signingSecret: SIGNING_SECRET });
    const res = await send.event(eventEnvelope(event, { isExtSharedChannel: true }));
    if (killAt === 'answered') first.kill();
    await first.exited;
    stop();
    slack.clearFaults();
    // Catch-up would find the message in the channel's history too: shut out, only the held-back
    // write-ahead can hand it to the second instance.
    slack.failNext('conversations.history', { kind: 'rate_limited', retryAfterSeconds: 60 }, 1_000);

    const second = await spawnApp(env());
    apps.push(second);
    // Slack would resend an event that got no 200; one that did is the held-back job's.
    if (res.status !== 200) {
      const again = createSignedSender({ url: `http://127.0.0.1:${second.port}/slack/events`, signingSecret: SIGNING_SECRET });
      expect((await again.event(eventEnvelope(event, { isExtSharedChannel: true }), { retryNum: 1 })).status).toBe(200);
    }
    const deadline = Date.now() + 20_000;
    while ((acksOf(slack, ts).length === 0 || slack.reactionsOn(Channels.shared, ts).length === 0) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // a second one would show by now
    expect(acksOf(slack, ts)).toHaveLength(1);
    expect(slack.reactionsOn(Channels.shared, ts)).toEqual(['eyes']);
    second.kill();
    await second.exited;
  }, 60_000);
});

describe('an intake that fails in the receiving process', () => {
  let h: Harness;
  beforeAll(async () => {
    // Held back far longer than the test waits: only the hand-over can acknowledge in time.
    h = await startHarness({ name: 'ack-at-once-handover', intakeFallbackMs: 60_000 });
  });
  afterAll(() => h.stop());

  it('when Slack fails the lookup of who wrote, then the held-back job takes over at once and the client is acknowledged', async () => {
    // Three 503s: the lookup's own two quick retries fail too.
    h.slack.failNext('users.info', { kind: 'server_error', status: 503 }, 3);
    const client = h.newClient();
    const ts = tsNow();
    const sentAt = Date.now();
    await h.send.event(eventEnvelope(messageEvent({ channel: Channels.shared, user: client, user_team: 'T0CLIENT', text: 'Invoices are missing', ts }), { isExtSharedChannel: true }));
    const ack = await h.slack.waitForCall('chat.postMessage', (c) => c.args.thread_ts === ts, { timeoutMs: 15_000 });
    // The job's first retry waits about a second (capped backoff), not the hold of a minute.
    expect(ack.at - sentAt).toBeLessThan(10_000);
    await h.idle();
    expect(acksOf(h.slack, ts)).toHaveLength(1);
  });
});
