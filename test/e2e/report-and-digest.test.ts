/** `/status report` and the weekly digest: the last 7 days' metrics from the event logs. */
import { slashCommand, viewInput } from '../support/builders';
import { Channels, type Harness, PinnedClock, Users, startHarness } from './harness';
import { dm, lifecycleDriver } from './support/lifecycle-driver';

const clock = new PinnedClock();
let h: Harness;
let drive: ReturnType<typeof lifecycleDriver>;

beforeAll(async () => {
  h = await startHarness({ name: 'report', clock, env: { TEAM_LEADS: Users.lead } });
  drive = lifecycleDriver(h);
  const first = await drive.newRequest('Report: exports fail');
  await drive.click(Users.consultant, 'request_claim', first.requestId);
  await drive.submit(Users.consultant, 'eta_modal', first.requestId, { eta_quick_pick_block: { eta_quick_pick: viewInput.staticSelect('in_4h') } });
  await drive.submit(Users.consultant, 'resolve_modal', first.requestId, { resolve_summary_block: { resolve_summary: viewInput.text('Fixed.') } });
  const closing = h.slack.callsTo('chat.postMessage', (c) => c.args.thread_ts === first.ts && /^Resolved/.test(String(c.args.text))).at(-1);
  await drive.react(first.client, '+1', Channels.shared, (closing?.response as { ts: string }).ts);
  await drive.newRequest('Report: still open');
  // A lead asks a little later: the report's window ends at its now, exclusive.
  await h.advance(60_000);
});
afterAll(() => h.stop());

const EXPECTED = [/^\*Client requests, .+ – .+\*$/m, /^2 new requests, 1 resolved$/m, /^Time to acknowledge \(median\): [\d.]+ s$/m, /^ETAs met: 100 % \(1\/1\); average slip —$/m, /^Feedback: :\+1: 1 · :neutral_face: 0 · :-1: 0$/m];

it('when a team member asks for /status report, then the last 7 days come through the response_url', async () => {
  const url = h.slack.responseUrl();
  const res = await h.send.command(slashCommand({ user_id: Users.consultant, channel_id: Channels.internal, text: 'report', response_url: url }));
  expect(JSON.parse(res.body)).toMatchObject({ response_type: 'ephemeral', text: 'Counting the last 7 days…' });
  const report = await h.slack.waitForCall('response_url', (c) => c.args.url === new URL(url).pathname);
  for (const line of EXPECTED) expect(String(report.args.text)).toMatch(line);
});

it('when a client asks for the report, then they get a refusal and no figures', async () => {
  const url = h.slack.responseUrl();
  await h.send.command(slashCommand({ user_id: Users.client, channel_id: Channels.shared, text: 'report', response_url: url }));
  const answer = await h.slack.waitForCall('response_url', (c) => c.args.url === new URL(url).pathname);
  expect(answer.args.text).toBe('Sorry, this is only available to members of Kuittaus Test.');
});

it('when the weekly digest comes due, then each team lead gets the report as a DM, once', async () => {
  const queue = h.apps[0]?.timers.queue;
  const schedulers = (await queue?.getJobSchedulers()) ?? [];
  expect(schedulers).toEqual([expect.objectContaining({ key: 'digest_T0HOST', pattern: '0 8 * * 1', tz: 'Europe/Helsinki' })]);
  const next = ((await queue?.getDelayed()) ?? []).filter((job) => job.name === 'digest');
  expect(next).toHaveLength(1);
  await next[0]?.promote();
  await h.idle();
  const digests = h.slack.callsTo('chat.postMessage', (c) => c.args.channel === dm(Users.lead) && /^\*Client requests/.test(String(c.args.text)));
  expect(digests).toHaveLength(1);
  for (const line of EXPECTED) expect(String(digests[0]?.args.text)).toMatch(line);
});
