/**
 * Slack events that change what Kuittaus may do are handled, not discovered by failing posts:
 * the bot removed (requests paused, the team told once, nothing posted into the void, all resumed
 * when it is back), a tracked message deleted (withdrawn) or edited (the excerpt follows), the
 * channel's id changed (requests follow), the app uninstalled (readiness red).
 */
import { formatDueTime } from '../../../src/i18n';
import { channelIdChangedEvent, eventEnvelope, messageChangedEvent, messageDeletedEvent, messageEvent } from '../../support/builders';
import { BOT_USER } from '../../support/slack-emulator';
import { Channels, type Harness, PinnedClock, Users, startHarness, tsNow } from '../harness';
import { dm, lifecycleDriver } from '../support/lifecycle-driver';

const MINUTE = 60_000;
const clock = new PinnedClock();
let h: Harness;
let drive: ReturnType<typeof lifecycleDriver>;

beforeAll(async () => {
  h = await startHarness({ name: 'workspace-events', clock, env: { TEAM_LEADS: Users.lead } });
  drive = lifecycleDriver(h);
});
afterAll(() => h.stop());

const request = (id: string) => h.request(id);
const clientSees = (channel: string, ts: string) => h.slack.messagesIn(channel, ts).filter((m) => m.bot_id && m.ts !== ts).map((m) => m.text);
const send = async (event: Record<string, unknown>) => {
  const res = await h.send.event(eventEnvelope(event, { isExtSharedChannel: true }));
  expect(res.status).toBe(200);
  await h.idle();
};
const lostNotices = () => drive.dmsTo(Users.lead).filter((c) => /^Could not deliver anything to the client in <#C0SHARED>/.test(String(c.args.text)));

it('when the bot is removed from the channel, then its requests pause, the team is told once, and everything resumes when it is back', async () => {
  const { ts, requestId: id } = await drive.newRequest('Reports are empty');
  await drive.click(Users.consultant, 'request_claim', id);
  const postsBefore = h.slack.callsTo('chat.postMessage', (c) => c.args.channel === Channels.shared).length;

  await send({ type: 'member_left_channel', user: BOT_USER, channel: Channels.shared, channel_type: 'C', team: 'T0HOST' });
  await send({ type: 'member_left_channel', user: BOT_USER, channel: Channels.shared, channel_type: 'C', team: 'T0HOST' });
  expect(lostNotices()).toHaveLength(1);
  expect(String(lostNotices()[0]?.args.text)).toContain('Kuittaus is not a member of the channel.\nIts open requests are paused');

  // The owner answers anyway: nothing is tried in the channel, the update waits, nobody is told twice.
  await drive.click(Users.consultant, 'request_still_on_it', id);
  expect(h.slack.callsTo('chat.postMessage', (c) => c.args.channel === Channels.shared)).toHaveLength(postsBefore);
  expect((await request(id)).undelivered).toBe('client_update:not_in_channel');
  expect(drive.dmsTo(Users.lead).filter((c) => String(c.args.text).startsWith('Could not deliver'))).toHaveLength(1);
  // Reminders pause.
  const remindersBefore = drive.dmsTo(Users.consultant).filter((c) => /^Update due at/.test(String(c.args.text))).length;
  await h.advance(5 * 60 * MINUTE);
  expect(drive.dmsTo(Users.consultant).filter((c) => /^Update due at/.test(String(c.args.text)))).toHaveLength(remindersBefore);

  // Invited back: the waiting update goes out once, counts as given when it arrives, and the
  // timers are planned again from there.
  await send({ type: 'member_joined_channel', user: BOT_USER, channel: Channels.shared, channel_type: 'C', team: 'T0HOST' });
  await h.idle();
  const stillOnIt = clientSees(Channels.shared, ts).filter((t) => t.startsWith('Still working on this'));
  expect(stillOnIt).toHaveLength(1);
  const resumed = await request(id);
  expect(resumed.undelivered).toBeUndefined();
  expect(resumed.nextUpdateDueAt).toBeGreaterThan(clock.now());
  expect(stillOnIt[0]).toContain(formatDueTime(resumed.nextUpdateDueAt, clock.now(), 'Europe/Helsinki', 'en', { zone: false }));
  const timers = (await h.apps[0]?.timers.pending('T0HOST', id)) ?? [];
  expect(timers.map((timer) => timer.kind)).toEqual(['reminder']); // one pending timer: the first to fire
});

it('when the client deletes the message of a request, then it is withdrawn: timers cancelled, the card says so', async () => {
  const { ts, requestId: id, client } = await drive.newRequest('Please reset my password');
  await send(messageDeletedEvent({ channel: Channels.shared, deleted_ts: ts, previous: { user: client, text: 'Please reset my password' } }));
  expect(await request(id)).toMatchObject({ state: 'dismissed', dismissedBy: client });
  expect((await h.store.events('T0HOST', id)).map((e) => e.type)).toContain('withdrawn');
  expect(await h.apps[0]?.timers.pending('T0HOST', id)).toEqual([]);
  const card = h.slack.callsTo('chat.update', (c) => c.args.channel === Channels.triage).at(-1);
  expect(JSON.stringify(card?.args.blocks)).toContain(`Dismissed by <@${client}>`);
});

it('when the client edits the message of a request, then the excerpt and the card follow the edit', async () => {
  const { ts, requestId: id, client } = await drive.newRequest('Export fails on Mondays');
  await send(messageChangedEvent({ channel: Channels.shared, user: client, user_team: 'T0CLIENT', ts, text: 'Export fails on Mondays and Tuesdays' }));
  expect((await request(id)).excerpt).toBe('Export fails on Mondays and Tuesdays');
  const card = h.slack.callsTo('chat.update', (c) => c.args.channel === Channels.triage).at(-1);
  expect(JSON.stringify(card?.args.blocks)).toContain('Mondays and Tuesdays');
});

it('when the channel id changes, then its requests follow: a client reply in the old thread still reaches the owner', async () => {
  const { ts, requestId: id, client } = await drive.newRequest('VPN drops every hour');
  await drive.click(Users.consultant, 'request_claim', id);
  const NEW = 'C0SHAREDNEW';
  h.slack.addChannel({ id: NEW, name: 'acme-support', is_ext_shared: true, is_shared: true, is_private: false });
  await send(channelIdChangedEvent({ old_channel_id: Channels.shared, new_channel_id: NEW }));
  expect((await request(id)).channelId).toBe(NEW);
  expect(await h.store.findByMessage('T0HOST', NEW, ts)).toBe(id);

  const before = drive.dmsTo(Users.consultant).length;
  await send(messageEvent({ channel: NEW, user: client, user_team: 'T0CLIENT', text: 'It dropped again', ts: tsNow(clock.now() + 30_000), thread_ts: ts }));
  const notices = drive.dmsTo(Users.consultant).slice(before).filter((c) => /wrote in the thread/.test(String(c.args.text)));
  expect(notices).toHaveLength(1);
  expect(dm(Users.consultant)).toBe(notices[0]?.args.channel);
});

it('when the app is uninstalled, then readiness turns red', async () => {
  expect((await fetch(`${h.baseUrl()}/readyz`)).status).toBe(200);
  await send({ type: 'app_uninstalled' });
  expect((await fetch(`${h.baseUrl()}/readyz`)).status).toBe(503);
});
