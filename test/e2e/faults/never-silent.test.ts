/**
 * Failures reach a person: a client message that cannot be posted for good is a state of the
 * request (card, /status), the owner and the team lead are told, the update is owed again, and
 * `/status replay` delivers it once the cause is fixed. A revoked token parks the work (readiness
 * red) instead of failing it, and a request posted meanwhile is acknowledged once it works again.
 */
import { formatDueTime } from '../../../src/i18n';
import { eventEnvelope, messageEvent, slashCommand } from '../../support/builders';
import { Channels, type Harness, PinnedClock, Users, startHarness, tsNow, waitFor } from '../harness';
import { dm, lifecycleDriver } from '../support/lifecycle-driver';
import { teamKeys } from '../../../src/store/keys';

const clock = new PinnedClock();
let h: Harness;
let drive: ReturnType<typeof lifecycleDriver>;

beforeAll(async () => {
  h = await startHarness({ name: 'never-silent', clock, env: { TEAM_LEADS: Users.lead }, authRecheckMs: 200, reconcileMs: 300 });
  drive = lifecycleDriver(h);
});
afterAll(() => h.stop());
afterEach(() => {
  h.slack.clearFaults();
  h.slack.restoreToken();
});

const request = (id: string) => h.request(id);
/** What the client can read in the thread: the bot's messages that exist in Slack. */
const clientSees = (ts: string) => h.slack.messagesIn(Channels.shared, ts).filter((m) => m.bot_id && m.ts !== ts).map((m) => m.text);
const inShared = (args: Record<string, unknown>) => args.channel === Channels.shared;
const texts = (user: string) => drive.dmsTo(user).map((c) => String(c.args.text));
const readyz = async () => (await fetch(`${h.baseUrl()}/readyz`)).status;
const statusFor = async (user: string, text = '') => {
  const res = await h.send.command(slashCommand({ user_id: user, channel_id: Channels.internal, text }));
  return JSON.parse(res.body) as { text: string; blocks?: unknown[] };
};

it('when the bot was removed before an update, then owner and lead are told, the update is owed again, and /status replay delivers it once', async () => {
  const { ts, requestId: id } = await drive.newRequest('Export fails since this morning');
  await drive.click(Users.consultant, 'request_claim', id);
  const before = await request(id);
  const leadBefore = texts(Users.lead).length;

  // Removed from the channel: every post there answers not_in_channel.
  h.slack.failNext('chat.postMessage', { kind: 'slack_error', error: 'not_in_channel' }, 20, inShared);
  await drive.click(Users.consultant, 'request_still_on_it', id);

  const failed = await request(id);
  expect(failed.undelivered).toBe('client_update:not_in_channel');
  expect(failed.nextUpdateDueAt).toBeLessThanOrEqual(clock.now());
  expect(failed.nextUpdateDueAt).toBeLessThan(before.nextUpdateDueAt);
  const told = /^Could not deliver a status update for .+ in <#C0SHARED>: Kuittaus is not a member of the channel\.\nThe client has not heard it; the update is due again\.\nFix the cause .+`\/status replay`\./;
  expect(texts(Users.lead).slice(leadBefore).filter((t) => told.test(t))).toHaveLength(1);
  expect(texts(Users.consultant).filter((t) => told.test(t))).toHaveLength(1);
  // The owner is reminded again: the update they gave never arrived (paced behind the notice).
  await h.slack.waitForCall('chat.postMessage', (c) => c.args.channel === dm(Users.consultant) && /^Update due at/.test(String(c.args.text)));
  const card = h.slack.callsTo('chat.update', (c) => c.args.channel === Channels.triage).at(-1);
  expect(JSON.stringify(card?.args.blocks)).toContain('Could not deliver a status update');
  expect(JSON.stringify((await statusFor(Users.lead)).blocks)).toContain(':warning: undelivered');
  expect(clientSees(ts).filter((t) => t.startsWith('Still working on this'))).toHaveLength(0);

  // Invited back: the replay delivers the update, once.
  h.slack.clearFaults();
  expect((await statusFor(Users.lead, 'replay')).text).toBe('Delivering again: 1. Whatever still fails comes back here, and you will be told.');
  await h.idle();
  expect(clientSees(ts).filter((t) => t.startsWith('Still working on this'))).toHaveLength(1);
  // Delivered at last, it counts: the next update is due a cadence after it, as it promised.
  const delivered = await request(id);
  expect(delivered.undelivered).toBeUndefined();
  expect(delivered.nextUpdateDueAt).toBeGreaterThan(clock.now());
  expect((await statusFor(Users.lead, 'replay')).text).toBe('Nothing is waiting to be delivered again.');
});

it('when Slack answers an error code nobody listed, then it is not retried for hours: the team hears of it at once', async () => {
  const { ts, requestId: id } = await drive.newRequest('Invoices are missing');
  await drive.click(Users.consultant, 'request_claim', id);
  h.slack.failNext('chat.postMessage', { kind: 'slack_error', error: 'ekm_access_denied' }, 1, inShared);
  await drive.click(Users.consultant, 'request_still_on_it', id);

  expect((await request(id)).undelivered).toBe('client_update:ekm_access_denied');
  expect(texts(Users.lead).filter((t) => t.includes('Slack answered `ekm_access_denied`'))).toHaveLength(1);
  const attempts = h.slack.callsTo('chat.postMessage', (c) => c.args.thread_ts === ts && String(c.args.text).startsWith('Still working'));
  expect(attempts).toHaveLength(1);
});

it('when the token is revoked while a client posts, then readiness goes red, work waits, and the request is acknowledged once the token works again', async () => {
  expect(await readyz()).toBe(200);
  h.slack.revokeToken();
  const client = h.newClient();
  const ts = tsNow(clock.now());
  const res = await h.send.event(eventEnvelope(messageEvent({ channel: Channels.shared, user: client, user_team: 'T0CLIENT', text: 'Payroll run failed', ts }), { isExtSharedChannel: true }));
  expect(res.status).toBe(200); // Slack will not send it again

  await waitFor(async () => (await readyz()) === 503);
  expect(clientSees(ts)).toHaveLength(0);
  const failuresBefore = texts(Users.lead).filter((t) => t.startsWith('Could not deliver')).length;

  h.slack.restoreToken();
  await waitFor(async () => (await readyz()) === 200);
  await waitFor(async () => clientSees(ts).length > 0);
  await h.idle();
  expect(clientSees(ts)).toEqual([expect.stringMatching(/^Thanks, Maria — we've received your request/)]);
  // Parked, not failed: nobody was told of a failure.
  expect(texts(Users.lead).filter((t) => t.startsWith('Could not deliver')).length).toBe(failuresBefore);
});

it('when a request\'s timers are lost (a lost write, a restored backup), then the reconciler plans them again', async () => {
  const { requestId: id } = await drive.newRequest('Backups did not run');
  await drive.click(Users.consultant, 'request_claim', id);
  const timersOf = async () => ((await h.apps[0]?.timers.pending('T0HOST', id)) ?? []).map((timer) => timer.id);
  const planned = await timersOf();
  expect(planned.length).toBeGreaterThan(0);
  // Lost: neither scheduled nor named in the request.
  const k = teamKeys(h.prefix, 'T0HOST');
  await h.redis.zrem(k.timers, id);
  await h.redis.hdel(k.request(id), 'timer');
  expect(await timersOf()).toEqual([]);
  await waitFor(async () => (await timersOf()).length === planned.length);
  expect(await timersOf()).toEqual(planned);
});

it('when the acknowledgement is delayed past the time it would promise, then it promises a time from now and the timers move with it', async () => {
  h.slack.revokeToken();
  const client = h.newClient();
  const ts = tsNow(clock.now());
  await h.send.event(eventEnvelope(messageEvent({ channel: Channels.shared, user: client, user_team: 'T0CLIENT', text: 'Login page is blank', ts }), { isExtSharedChannel: true }));
  await waitFor(async () => (await readyz()) === 503);
  clock.advance(3 * 3600_000); // the first update (due in 60 min) is long past
  h.slack.restoreToken();
  await waitFor(async () => clientSees(ts).length > 0);
  await h.idle();
  const id = (await h.store.findByMessage('T0HOST', Channels.shared, ts)) as string;
  const acknowledged = await request(id);
  expect(acknowledged.nextUpdateDueAt).toBeGreaterThan(clock.now());
  expect(clientSees(ts)).toEqual([expect.stringContaining(`You'll get the next update by ${formatDueTime(acknowledged.nextUpdateDueAt, clock.now(), 'Europe/Helsinki', 'en', { zone: false })}.`)]);
  const timers = (await h.apps[0]?.timers.pending('T0HOST', id)) ?? [];
  expect(timers).toHaveLength(1);
  expect(timers.map((timer) => timer.dueAt)).toEqual(timers.map(() => acknowledged.nextUpdateDueAt));
});
