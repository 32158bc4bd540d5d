/**
 * Every instance down while clients post: Slack's deliveries all fail and it gives up, so no event
 * ever arrives. The messages are in the channel's history; the next instance to start reads it
 * (catch-up at start-up, no periodic round here) and acknowledges each request exactly once, and
 * nothing from before the channel was first seen is imported.
 */
import { Channels, type Harness, PinnedClock, Users, startHarness, tsNow } from '../harness';
import { lifecycleDriver } from '../support/lifecycle-driver';

const HOUR = 3_600_000;
const clock = new PinnedClock();
let h: Harness;

beforeAll(async () => {
  // CATCH_UP_INTERVAL_MS=0: only the start-up round, so that it is the one that catches up.
  h = await startHarness({ name: 'instances-down', clock, env: { CATCH_UP_INTERVAL_MS: '0' } });
});
afterAll(() => h.stop());

const acks = (ts: string) => h.slack.messagesIn(Channels.shared, ts).filter((m) => m.text.startsWith('Thanks'));
const cards = (text: string) => h.slack.messagesIn(Channels.triage).filter((m) => m.thread_ts === undefined && JSON.stringify(m.blocks).includes(text));

/** Posted in Slack while no instance runs: in the history, no event sent. */
function postedWhileDown(user: string, text: string, at = h.now()) {
  const ts = tsNow(at);
  h.slack.seedMessage(Channels.shared, { ts, user, text, team: user === Users.consultant ? 'T0HOST' : 'T0CLIENT' });
  return { ts, text };
}

it('when every instance is down while clients post, then the next one to start acknowledges each request exactly once', async () => {
  const drive = lifecycleDriver(h);
  const before = await drive.newRequest('Posted while we were up');
  // Older than the first look at the channel: not ours to import.
  const ancient = postedWhileDown(h.newClient(), 'A question from last year', h.now() - 24 * HOUR);
  await h.apps[0]?.stop();
  clock.advance(HOUR / 6); // down for ten minutes: Slack's retries are long over

  const missed = [
    postedWhileDown(h.newClient(), 'The nightly export did not run'),
    postedWhileDown(h.newClient(), 'Login page shows error 502'),
    postedWhileDown(h.newClient('Pekka Client'), 'Can you renew our certificate?'),
  ];
  const thanks = postedWhileDown(h.newClient(), 'thanks!');
  const ours = postedWhileDown(Users.consultant, 'Deploying the fix now');

  await h.startInstance();
  await h.idle();

  for (const { ts, text } of missed) expect([text, acks(ts).length, cards(text).length]).toEqual([text, 1, 1]);
  for (const { ts, text } of [thanks, ours, ancient]) expect([text, acks(ts).length, cards(text).length]).toEqual([text, 0, 0]);
  expect(acks(before.ts)).toHaveLength(1);
  expect(h.slack.callsTo('conversations.history', (c) => c.args.channel === Channels.shared).length).toBeGreaterThan(0);

  // A second start reads the same history again: still one acknowledgement each.
  await h.apps[1]?.stop();
  await h.startInstance();
  await h.idle();
  for (const { ts, text } of missed) expect([text, acks(ts).length, cards(text).length]).toEqual([text, 1, 1]);
}, 60_000);
