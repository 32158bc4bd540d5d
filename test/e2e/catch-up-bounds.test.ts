/**
 * What catch-up costs: pages of CATCH_UP_PAGE_SIZE, at most CATCH_UP_MAX_PAGES per channel and
 * round (the rest, older, is read in the next rounds without losing anything), and after a 429 no
 * read before Slack's Retry-After.
 */
import type { RecordedCall } from '../support/slack-emulator';
import { Channels, type Harness, PinnedClock, startHarness, tsNow } from './harness';

const clock = new PinnedClock();
let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    name: 'catch-up-bounds',
    clock,
    env: { CATCH_UP_INTERVAL_MS: '300', CATCH_UP_PAGE_SIZE: '2', CATCH_UP_MAX_PAGES: '2' },
  });
  await h.idle(); // the start-up round has seen the channel
});
afterAll(() => h.stop());

const acks = (ts: string) => h.slack.messagesIn(Channels.shared, ts).filter((m) => m.text.startsWith('Thanks'));
const ackFor = (ts: string) =>
  h.slack.waitForCall('chat.postMessage', (c) => c.args.thread_ts === ts && String(c.args.text).startsWith('Thanks'), { timeoutMs: 15_000 });
const historyOf = (since: number) => h.slack.callsTo('conversations.history', (c) => c.args.channel === Channels.shared && c.at >= since);
const tsIn = (call: RecordedCall) => ((call.response.messages ?? []) as Array<{ ts: string }>).map((m) => m.ts);

/** A client's message that never reached us as an event. */
function missed(text: string) {
  const ts = tsNow(h.now());
  h.slack.seedMessage(Channels.shared, { ts, user: h.newClient(), text, team: 'T0CLIENT' });
  return ts;
}

it('when more was missed than a round may read, then the newest come first and the older in the next round, each acknowledged once', async () => {
  const since = Date.now();
  const missedTs = Array.from({ length: 7 }, (_, i) => missed(`Missed request number ${i + 1}`));
  for (const ts of missedTs) await ackFor(ts);
  await h.idle();
  for (const ts of missedTs) expect(acks(ts)).toHaveLength(1);

  const reads = historyOf(since);
  expect(reads.every((c) => Number(c.args.limit) === 2)).toBe(true);
  // The first round: two pages, the four newest; the gap below them is read in the next round.
  const first = reads.findIndex((c) => tsIn(c).includes(missedTs[6] as string));
  expect(reads.slice(first, first + 2).flatMap(tsIn)).toEqual(missedTs.slice(3).reverse());
  const gap = reads.find((c) => c.args.latest === missedTs[3]);
  expect(gap).toBeDefined();
  expect(reads.filter((c) => c.args.latest === missedTs[3]).flatMap(tsIn)).toEqual(missedTs.slice(0, 3).reverse());
}, 30_000);

describe('with two instances', () => {
  let two: Harness;
  beforeAll(async () => {
    two = await startHarness({ name: 'catch-up-429', clock, instances: 2, env: { CATCH_UP_INTERVAL_MS: '300' } });
    await two.idle();
  });
  afterAll(() => two.stop());

  it('when Slack answers 429, then no instance reads the history again before Retry-After', async () => {
    two.slack.failNext('conversations.history', { kind: 'rate_limited', retryAfterSeconds: 2 });
    const since = Date.now();
    const ts = tsNow(two.now());
    two.slack.seedMessage(Channels.shared, { ts, user: two.newClient(), text: 'Rate limits should not lose this', team: 'T0CLIENT' });
    await two.slack.waitForCall('chat.postMessage', (c) => c.args.thread_ts === ts && String(c.args.text).startsWith('Thanks'), { timeoutMs: 15_000 });
    await two.idle();
    expect(two.slack.messagesIn(Channels.shared, ts).filter((m) => m.text.startsWith('Thanks'))).toHaveLength(1);

    const reads = two.slack.callsTo('conversations.history', (c) => c.args.channel === Channels.shared && c.at >= since);
    const limited = reads.findIndex((c) => c.status === 429);
    expect(limited).toBeGreaterThanOrEqual(0);
    const next = reads[limited + 1];
    expect(next).toBeDefined();
    expect((next as RecordedCall).at - (reads[limited] as RecordedCall).at).toBeGreaterThanOrEqual(2000);
  }, 30_000);
});
