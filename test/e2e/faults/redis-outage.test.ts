/**
 * Redis unreachable for longer than Slack's retry window (about 6 minutes, simulated): the event
 * and its three redeliveries each get a 5xx at once (nothing waits on ioredis' offline queue),
 * Slack gives up and sends nothing more, and once Redis is back catch-up finds the requests in the
 * channel's history and acknowledges each exactly once. A Redis that hangs without answering is
 * bounded by REDIS_COMMAND_TIMEOUT_MS, and stop() by SHUTDOWN_TIMEOUT_MS.
 */
import { eventEnvelope, messageEvent } from '../../support/builders';
import { type LaunchedRedis, launchRedis } from '../../support/redis/launch';
import { redisPid } from '../../support/redis/ping';
import { Channels, type Harness, PinnedClock, startHarness, tsNow } from '../harness';
import { lifecycleDriver } from '../support/lifecycle-driver';

const SHUTDOWN_TIMEOUT_MS = 1500;
const clock = new PinnedClock();
let redis: LaunchedRedis;
let h: Harness;
let drive: ReturnType<typeof lifecycleDriver>;

beforeAll(async () => {
  redis = await launchRedis({ appendOnly: true });
  h = await startHarness({
    name: 'redis-outage',
    clock,
    env: { REDIS_URL: redis.url, CATCH_UP_INTERVAL_MS: '250', REDIS_COMMAND_TIMEOUT_MS: '500', SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS) },
  });
  drive = lifecycleDriver(h);
});
afterAll(async () => {
  await h.stop();
  await redis.stop();
});

const acks = (ts: string) => h.slack.messagesIn(Channels.shared, ts).filter((m) => m.text.startsWith('Thanks'));
const cards = (text: string) => h.slack.messagesIn(Channels.triage).filter((m) => m.thread_ts === undefined && JSON.stringify(m.blocks).includes(text));

async function readyz(): Promise<number> {
  return (await fetch(`${h.baseUrl()}/readyz`).catch(() => ({ status: 0 }))).status;
}

/** A client posts; Slack delivers the event and redelivers it three times. Each answer and how long it took. */
async function postWithRetries(text: string) {
  const ts = tsNow(h.now());
  const envelope = eventEnvelope(messageEvent({ channel: Channels.shared, user: h.newClient(), user_team: 'T0CLIENT', text, ts }), { isExtSharedChannel: true });
  const answers: Array<{ status: number; ms: number }> = [];
  for (let retry = 0; retry <= 3; retry++) {
    const started = Date.now();
    const res = await h.send.event(envelope, retry === 0 ? undefined : { retryNum: retry, retryReason: 'http_error' });
    answers.push({ status: res.status, ms: Date.now() - started });
  }
  return { ts, text, answers };
}

const waitForAck = (ts: string) =>
  h.slack.waitForCall('chat.postMessage', (c) => c.args.thread_ts === ts && String(c.args.text).startsWith('Thanks'), { timeoutMs: 15_000 });

it('when Redis is down past Slack’s retries, then every delivery gets a quick 5xx and catch-up acknowledges each request once Redis is back', async () => {
  const before = await drive.newRequest('Before the outage');

  await redis.kill('SIGKILL');
  const posted = [];
  for (const text of ['Export fails since noon', 'VPN is down for everyone', 'Invoice 4411 is wrong']) posted.push(await postWithRetries(text));
  for (const { answers } of posted) {
    for (const answer of answers) {
      expect(answer.status).toBeGreaterThanOrEqual(500);
      expect(answer.ms).toBeLessThan(2000);
    }
  }
  expect(await readyz()).toBe(503);

  // Slack has given up: nothing is delivered again. Catch-up reads the history once Redis is back.
  await redis.restart();
  for (const { ts } of posted) await waitForAck(ts);
  await h.idle();
  for (const { ts, text } of posted) {
    expect([text, acks(ts).length, cards(text).length]).toEqual([text, 1, 1]);
  }
  expect(acks(before.ts)).toHaveLength(1);
  expect(await readyz()).toBe(200);
}, 60_000);

it('when Redis hangs without answering, then the event is answered 5xx within the command timeout and caught up later', async () => {
  const pid = await redisPid(redis.port);
  if (!pid) throw new Error('no Redis pid');
  process.kill(pid, 'SIGSTOP');
  let post;
  try {
    post = await postWithRetries('Printer queue is stuck');
  } finally {
    process.kill(pid, 'SIGCONT');
  }
  for (const answer of post.answers) {
    expect(answer.status).toBeGreaterThanOrEqual(500);
    expect(answer.ms).toBeLessThan(2000);
  }
  await waitForAck(post.ts);
  await h.idle();
  expect(acks(post.ts)).toHaveLength(1);
}, 60_000);

it('when Redis is down, then stop() still finishes within SHUTDOWN_TIMEOUT_MS', async () => {
  await redis.kill('SIGKILL');
  const started = Date.now();
  await h.apps[0]?.stop();
  expect(Date.now() - started).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 500);
}, 30_000);
