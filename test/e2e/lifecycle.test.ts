/**
 * One request's whole life, as the client, the owner and the team lead see it: claim, ETA,
 * reminders answered with one click and with a text, a missed update escalated, the ETA revised
 * and missed, thread replies, waiting on the client, resolution, feedback and reopening. Time
 * moves with a clock the test shifts; due timers are promoted through the queue, never slept on.
 */
import Redis from 'ioredis';
import { RedisRequestStore } from '../../src/store/redis-request-store';
import { formatDueTime } from '../../src/i18n';
import type { TrackedRequest } from '../../src/domain/request';
import { viewInput } from '../support/builders';
import { Channels, type Harness, PinnedClock, Users, startHarness } from './harness';
import { dm, helsinkiDate, lifecycleDriver } from './support/lifecycle-driver';

const MINUTE = 60_000;
const clock = new PinnedClock();
let h: Harness;
let drive: ReturnType<typeof lifecycleDriver>;
let redis: Redis;
let store: RedisRequestStore;

beforeAll(async () => {
  h = await startHarness({ name: 'lifecycle', clock, env: { TEAM_LEADS: Users.lead } });
  drive = lifecycleDriver(h);
  redis = new Redis(process.env.REDIS_URL as string);
  store = new RedisRequestStore(redis, h.prefix);
});
afterAll(async () => {
  redis.disconnect();
  await h.stop();
});

const teamId = () => h.apps[0]?.host.teamId as string;
const request = async (id: string) => (await store.get(teamId(), id)) as TrackedRequest;
const etaValues = (date: string, time: string, note?: string) => ({
  eta_date_block: { eta_date: viewInput.date(date) },
  eta_time_block: { eta_time: viewInput.time(time) },
  ...(note ? { eta_note_block: { eta_note: viewInput.text(note) } } : {}),
});
const pendingTimers = async (requestId: string) =>
  (await h.apps[0]?.timers.pending('T0HOST', requestId)) ?? [];

describe('a request from acknowledgement to feedback', () => {
  let ts: string;
  let id: string;
  let client: string;

  it('when the consultant claims it at once, then the client reads who is on it in the acknowledgement, edited in place, and the owner is asked for an ETA', async () => {
    ({ ts, requestId: id, client } = await drive.newRequest('Our export job fails with error 500'));
    await drive.click(Users.consultant, 'request_claim', id);

    // Within the first minutes the acknowledgement lives: one message, not a second one below it.
    expect(drive.clientThread(ts)).toEqual([expect.stringMatching(/^Thanks, Maria — we've received your request\. Aino from our team is on it\. You'll get the next update by .+\.$/)]);
    const ask = drive.lastDm(Users.consultant, /When do you expect to resolve it/);
    expect(JSON.stringify(ask.args.blocks)).toContain('request_set_eta');
    // One pending timer at a time: the first update's reminder (its escalation follows once it fired).
    expect((await pendingTimers(id)).map((timer) => timer.kind)).toEqual(['reminder']);
  });

  it('when the owner sets an ETA with a note at once, then the acknowledgement tells the estimate, the note and the next update time', async () => {
    await drive.clickOn(drive.lastDm(Users.consultant, /When do you expect/), Users.consultant, 'request_set_eta', id);
    const modal = drive.lastModal();
    expect(modal.callback_id).toBe('eta_modal');
    expect(JSON.stringify(modal.blocks)).toContain('"timezone":"Europe/Helsinki"');

    const etaDate = helsinkiDate(clock.now() + 2 * 24 * 60 * MINUTE);
    const res = await drive.submit(Users.consultant, 'eta_modal', id, etaValues(etaDate, '16:00', 'We are checking the export server'));
    expect(res.status).toBe(200);
    expect(res.response_action).toBeUndefined();

    const [ack, ...rest] = drive.clientThread(ts);
    expect(rest).toEqual([]);
    expect(ack).toMatch(
      /^Thanks, Maria — we've received your request\. Aino from our team is on it; estimated resolution .+ at 16:00\. You'll get the next update by .+\.\nNote: We are checking the export server$/,
    );
    expect(drive.clientPosts(ts)).toHaveLength(1);
    expect((await request(id)).etaAt).toBeGreaterThan(clock.now());
    const card = h.slack.callsTo('chat.update', (c) => c.args.channel === Channels.triage).at(-1);
    expect(JSON.stringify(card?.args.blocks)).toContain('*ETA*');
    expect(JSON.stringify(card?.args.blocks)).not.toContain('Not set');
  });

  it('when the reminder comes and the owner answers "still on it", then the client gets the templated update and the prompt is marked answered', async () => {
    await h.advance(226 * MINUTE);
    const reminder = drive.lastDm(Users.consultant, /^Update due at/);
    const buttons = JSON.stringify(reminder.args.blocks);
    for (const action of ['request_post_update', 'request_still_on_it', 'request_set_eta', 'request_wait_on_client', 'request_resolve']) {
      expect(buttons).toContain(action);
    }
    await drive.clickOn(reminder, Users.consultant, 'request_still_on_it', id);

    expect(drive.clientThread(ts).at(-1)).toMatch(/^Still working on this — nothing new yet\.\nNext update by .+\.$/);
    const answered = h.slack.callsTo('chat.update', (c) => c.args.channel === dm(Users.consultant)).at(-1);
    expect(JSON.stringify(answered?.args.blocks)).toContain('still on it, no news');
  });

  it('when the next reminder is answered with [Post update], then the owner\'s words reach the client with the next update time', async () => {
    await h.advance(226 * MINUTE);
    expect(drive.dmsTo(Users.consultant).filter((c) => /^Update due at/.test(String(c.args.text)))).toHaveLength(2);
    await drive.clickOn(drive.lastDm(Users.consultant, /^Update due at/), Users.consultant, 'request_post_update', id);
    expect(drive.lastModal().callback_id).toBe('update_modal');

    const empty = await drive.submit(Users.consultant, 'update_modal', id, { update_text_block: { update_text: viewInput.text('  ') } });
    expect(empty).toMatchObject({ response_action: 'errors', errors: { update_text_block: 'Write the update.' } });

    await drive.submit(Users.consultant, 'update_modal', id, { update_text_block: { update_text: viewInput.text('Found it: the disk is full <!channel>') } });
    expect(drive.clientThread(ts).at(-1)).toMatch(/^Found it: the disk is full &lt;!channel&gt;\nNext update by .+\.$/);
  });

  it('when an update is missed past the grace period, then the owner was reminded once and the team lead is told, on the card too', async () => {
    const before = drive.dmsTo(Users.consultant).length;
    await h.advance(241 * MINUTE + 31 * MINUTE);

    const reminders = drive.dmsTo(Users.consultant).slice(before).filter((c) => /^Update due at/.test(String(c.args.text)));
    expect(reminders).toHaveLength(1);
    expect(String(drive.lastDm(Users.lead, /^Update overdue/).args.text)).toContain('owner <@U0AINO>');
    const card = h.slack.callsTo('chat.update', (c) => c.args.channel === Channels.triage).at(-1);
    expect(JSON.stringify(card?.args.blocks)).toContain('overdue, team leads told');

    // The same due time never nags twice, however often the timers are planned again.
    await h.advance(5 * MINUTE);
    expect(drive.dmsTo(Users.lead).filter((c) => /^Update overdue/.test(String(c.args.text)))).toHaveLength(1);
  });

  it('when the owner revises the ETA with a reason, then the client sees the old and the new time and why', async () => {
    const { etaAt: firstEta } = await request(id);
    const later = helsinkiDate((firstEta as number) + 24 * 60 * MINUTE);
    await drive.submit(Users.consultant, 'eta_modal', id, etaValues(later, '12:00', 'The vendor needs another day'));

    // Both times are written as the app writes them at this moment ("16:00 tomorrow …" or a date).
    const { etaAt: newEta, nextUpdateDueAt } = await request(id);
    const when = (at: number) => formatDueTime(at, clock.now(), 'Europe/Helsinki', 'en', { zone: false });
    expect(when(newEta as number)).toMatch(/12:00/);
    expect(drive.clientThread(ts).at(-1)).toBe(
      `New estimated resolution: ${when(newEta as number)} (was ${when(firstEta as number)}).\nReason: The vendor needs another day\nNext update by ${when(nextUpdateDueAt)}.`,
    );
    expect(await request(id)).toMatchObject({ etaSlips: 1 });
    const history = (await store.events(teamId(), id)).filter((e) => e.type === 'eta_set');
    expect(history.map((e) => e.data?.reason)).toEqual(['We are checking the export server', 'The vendor needs another day']);
  });

  it('when the ETA draws near, then the owner is asked "On track?", and when it passes, the owner and the team lead hear of it', async () => {
    const { etaAt } = await request(id);
    await h.advance((etaAt as number) - clock.now() - 10 * MINUTE);
    const onTrack = drive.lastDm(Users.consultant, /^On track\?/);
    expect(JSON.stringify(onTrack.args.blocks)).toContain('request_on_track_yes');
    const clientSawBefore = drive.clientThread(ts).length;

    await h.advance(11 * MINUTE);
    expect(String(drive.lastDm(Users.consultant, /has passed/).args.text)).toContain('Please give the client a new estimate');
    expect(String(drive.lastDm(Users.lead, /^ETA missed/).args.text)).toContain('<@U0AINO>');
    const card = h.slack.callsTo('chat.update', (c) => c.args.channel === Channels.triage).at(-1);
    expect(JSON.stringify(card?.args.blocks)).toContain(':warning: missed');
    // The app never tells the client of a slip by itself.
    expect(drive.clientThread(ts).slice(clientSawBefore).filter((text) => /estimate|resolution/i.test(text))).toEqual([]);
  });

  it('when the owner replies in the thread, then that counts as an update and the next one is due a cadence later', async () => {
    const dueBefore = (await request(id)).nextUpdateDueAt;
    await drive.threadReply(Users.consultant, ts, 'Disk extended, rerunning the export now.');
    const after = await request(id);
    expect(after.nextUpdateDueAt).toBeGreaterThan(dueBefore);
    expect(after.nextUpdateDueAt - clock.now()).toBeGreaterThan(239 * MINUTE);
  });

  it('when the owner waits on the client, then no reminder comes until the client writes, and then the owner is told', async () => {
    await drive.clickOn(drive.lastDm(Users.consultant, /has passed/), Users.consultant, 'request_set_eta', id); // a modal opener; harmless
    await drive.click(Users.consultant, 'request_wait_on_client', id, { channel: dm(Users.consultant), ts: '1.000001' });
    expect(drive.lastModal().callback_id).toBe('wait_modal');
    await drive.submit(Users.consultant, 'wait_modal', id, { wait_need_block: { wait_need: viewInput.text('The export log of last night') } });
    expect((await request(id)).state).toBe('waiting_on_client');
    expect(drive.clientThread(ts).at(-1)).toBe('To move on, we need from you: The export log of last night');
    // Only the nudges of the wait are planned (two working days on, and two more): the client's
    // is pending, the owner's is planned once it has fired.
    expect((await pendingTimers(id)).map((timer) => timer.kind)).toEqual(['client_nudge']);

    const dmsBefore = drive.dmsTo(Users.consultant).length;
    await h.advance(8 * 60 * MINUTE);
    expect(drive.dmsTo(Users.consultant).slice(dmsBefore)).toHaveLength(0);

    await drive.threadReply(client, ts, 'Here is the log you asked for', 'T0CLIENT');
    expect(String(drive.lastDm(Users.consultant, /wrote in the thread/).args.text)).toContain('wrote in the thread of their request');
    expect((await request(id)).state).toBe('in_progress');
    expect((await pendingTimers(id)).length).toBeGreaterThan(0);
    const { nextUpdateDueAt } = await request(id);
    expect(drive.clientThread(ts).at(-1)).toBe(`Thanks — we're back on it; next update by ${formatDueTime(nextUpdateDueAt, clock.now(), 'Europe/Helsinki', 'en', { zone: false })}.`);
  });

  it('when the owner resolves it with a summary, then the client sees it with a feedback request and every timer is cancelled', async () => {
    await drive.click(Users.consultant, 'request_resolve', id, { channel: dm(Users.consultant), ts: '1.000002' });
    expect(drive.lastModal().callback_id).toBe('resolve_modal');
    await drive.submit(Users.consultant, 'resolve_modal', id, { resolve_summary_block: { resolve_summary: viewInput.text('Disk replaced; exports run again.') } });

    expect(drive.clientThread(ts).at(-1)).toBe(
      'Resolved: Disk replaced; exports run again.\nHow did we do? React to this message with :+1:, :neutral_face: or :-1:.',
    );
    expect(h.slack.reactionsOn(Channels.shared, ts)).toEqual(['white_check_mark']);
    expect(await pendingTimers(id)).toHaveLength(0);
    const card = h.slack.callsTo('chat.update', (c) => c.args.channel === Channels.triage).at(-1);
    expect(JSON.stringify(card?.args.blocks)).toContain('Resolved by <@U0AINO>');
  });

  it('when the client reacts to the closing message, then the feedback is recorded', async () => {
    const { closingTs } = await request(id);
    await drive.react(client, '+1', Channels.shared, closingTs as string);
    await drive.react(client, 'tada', Channels.shared, closingTs as string);
    const feedback = (await store.events(teamId(), id)).filter((e) => e.type === 'feedback');
    expect(feedback).toEqual([expect.objectContaining({ actorId: client, data: { rating: 'positive', fromClient: true } })]);
  });

  it('when the client writes again within the reopen window, then the owner is offered [Reopen], and reopening tells the client', async () => {
    await h.advance(2 * 24 * 60 * MINUTE);
    await drive.threadReply(client, ts, 'It failed again this morning', 'T0CLIENT');
    const offer = drive.lastDm(Users.consultant, /Reopen it\?/);
    await drive.clickOn(offer, Users.consultant, 'request_reopen', id);

    expect(drive.clientThread(ts).at(-1)).toMatch(/^We've reopened this request and are looking at it again\.\nNext update by .+\.$/);
    expect(await request(id)).toMatchObject({ state: 'in_progress' });
    expect(h.slack.reactionsOn(Channels.shared, ts)).toEqual(['eyes']);
    expect((await pendingTimers(id)).length).toBeGreaterThan(0);
  });
});
