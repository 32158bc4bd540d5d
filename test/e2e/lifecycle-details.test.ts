/**
 * Smaller turns of the lifecycle: "On track?" answered yes, an update that brings a new ETA, the
 * ETA modal's own checks, [No action needed] on a reopen offer, and dismissal cancelling timers.
 */
import Redis from 'ioredis';
import type { TrackedRequest } from '../../src/domain/request';
import { RedisRequestStore } from '../../src/store/redis-request-store';
import { viewInput, viewSubmission } from '../support/builders';
import { type Harness, PinnedClock, Users, startHarness } from './harness';
import { dm, helsinkiDate, lifecycleDriver } from './support/lifecycle-driver';

const MINUTE = 60_000;
const clock = new PinnedClock();
let h: Harness;
let drive: ReturnType<typeof lifecycleDriver>;
let redis: Redis;
let store: RedisRequestStore;

beforeAll(async () => {
  h = await startHarness({ name: 'lifecycle-details', clock, env: { DEFAULT_OWNERS: Users.consultant } });
  drive = lifecycleDriver(h);
  redis = new Redis(process.env.REDIS_URL as string);
  store = new RedisRequestStore(redis, h.prefix);
});
afterAll(async () => {
  redis.disconnect();
  await h.stop();
});
beforeEach(async () => {
  await h.idle();
  h.slack.reset();
});

const request = async (id: string) => (await store.get('T0HOST', id)) as TrackedRequest;
const timersOf = async (id: string) => (await h.apps[0]?.timers.pending('T0HOST', id)) ?? [];

it('when the owner answers "On track?" with yes, then it is recorded, the prompt is marked and the client hears nothing', async () => {
  const { ts, requestId } = await drive.newRequest('Nightly sync is slow');
  await drive.submit(Users.consultant, 'eta_modal', requestId, { eta_quick_pick_block: { eta_quick_pick: viewInput.staticSelect('in_4h') } });
  const { etaAt } = await request(requestId);
  expect((etaAt as number) - clock.now()).toBeGreaterThan(239 * MINUTE);
  const before = drive.clientThread(ts).length;

  await h.advance((etaAt as number) - clock.now() - 30 * MINUTE);
  const prompt = drive.lastDm(Users.consultant, /^On track\?/);
  await drive.clickOn(prompt, Users.consultant, 'request_on_track_yes', requestId);

  const events = (await store.events('T0HOST', requestId)).map((e) => e.type);
  expect(events).toContain('on_track_confirmed');
  const marked = h.slack.callsTo('chat.update', (c) => c.args.channel === dm(Users.consultant)).at(-1);
  expect(JSON.stringify(marked?.args.blocks)).toContain('noted that this is on track');
  expect(drive.clientThread(ts).slice(before).filter((text) => /On track/i.test(text))).toEqual([]);
});

it('when an update brings a new ETA, then the client reads the update and the new estimate in one message', async () => {
  const { ts, requestId } = await drive.newRequest('Backups fail on Sundays');
  const date = helsinkiDate(clock.now() + 3 * 24 * 60 * MINUTE);
  await drive.submit(Users.consultant, 'eta_modal', requestId, {
    eta_date_block: { eta_date: viewInput.date(date) },
    eta_time_block: { eta_time: viewInput.time('10:00') },
  });
  await drive.submit(Users.consultant, 'update_modal', requestId, {
    update_text_block: { update_text: viewInput.text('The patch is ready, we deploy it tonight.') },
    eta_quick_pick_block: { eta_quick_pick: viewInput.staticSelect('tomorrow') },
  });
  expect(drive.clientThread(ts).at(-1)).toMatch(
    /^The patch is ready, we deploy it tonight\.\nNew estimated resolution: .+ \(was [^()]+ at 10:00\)\.\nNext update by .+\.$/,
  );
});

it.each([
  ['nothing chosen', {}, 'eta_quick_pick_block', 'Pick a quick option, or a date and a time.'],
  ['a time without a date', { eta_time_block: { eta_time: viewInput.time('10:00') } }, 'eta_date_block', 'Pick a date as well.'],
  ['a date without a time', { eta_date_block: { eta_date: viewInput.date('2030-01-02') } }, 'eta_time_block', 'Pick a time as well.'],
  ['a time that has passed', { eta_date_block: { eta_date: viewInput.date('2020-01-02') }, eta_time_block: { eta_time: viewInput.time('10:00') } }, 'eta_date_block', 'That time has already passed.'],
])('when the ETA modal is submitted with %s, then the modal stays open with the problem and nothing is posted', async (_label, values, block, text) => {
  const { ts, requestId } = await drive.newRequest(`Search index stale ${block}`);
  const before = drive.clientThread(ts).length;
  const res = await drive.submit(Users.consultant, 'eta_modal', requestId, values);
  expect(res).toMatchObject({ response_action: 'errors', errors: { [block]: text } });
  expect(drive.clientThread(ts)).toHaveLength(before);
});

it('when the owner answers a reopen offer with [No action needed], then the request stays resolved', async () => {
  const { ts, requestId, client } = await drive.newRequest('Label printer jams');
  await drive.submit(Users.consultant, 'resolve_modal', requestId, { resolve_summary_block: { resolve_summary: viewInput.text('') } });
  expect(drive.clientThread(ts).at(-1)).toMatch(/^Resolved\.\n/);
  await drive.threadReply(client, ts, 'Thanks, all good now!', 'T0CLIENT');
  const offer = drive.lastDm(Users.consultant, /Reopen it\?/);
  await drive.clickOn(offer, Users.consultant, 'request_no_action_needed', requestId);

  expect((await request(requestId)).state).toBe('resolved');
  expect((await store.events('T0HOST', requestId)).map((e) => e.type)).toContain('reopen_declined');
  expect(drive.clientThread(ts).at(-1)).toMatch(/^Resolved\.\n/);
});

it('when a request is dismissed as not a request, then its timers are cancelled', async () => {
  const { requestId } = await drive.newRequest('FYI: office closed on Friday');
  // With an ETA it needs all four kinds of timer; the first to fire ("On track?") is the one pending.
  await drive.submit(Users.consultant, 'eta_modal', requestId, { eta_quick_pick_block: { eta_quick_pick: viewInput.staticSelect('in_4h') } });
  expect((await timersOf(requestId)).map((timer) => timer.kind)).toEqual(['on_track']);
  await drive.click(Users.lead, 'request_dismiss', requestId); // on its card
  expect(await timersOf(requestId)).toHaveLength(0);
});

it('when the owner answers a reminder through its [Post update] modal, then the reminder keeps its text and its buttons give way to what was done', async () => {
  const { requestId } = await drive.newRequest('Reports export as empty files');
  await h.advance((await request(requestId)).nextUpdateDueAt - clock.now() - 10 * MINUTE);
  const reminder = drive.lastDm(Users.consultant, /^Update due at/);
  const reminderTs = (reminder.response as { ts: string }).ts;
  await drive.clickOn(reminder, Users.consultant, 'request_post_update', requestId);
  const modal = drive.lastModal();
  expect(modal.callback_id).toBe('update_modal');

  // Submitted as Slack does: with the modal's own private_metadata (which names the prompt).
  const res = await h.send.interaction(
    viewSubmission({ user: Users.consultant, callbackId: 'update_modal', privateMetadata: modal.private_metadata, values: { update_text_block: { update_text: viewInput.text('Found the cause, fixing') } } }),
  );
  expect(res.status).toBe(200);
  await h.idle();

  const marked = h.slack.callsTo('chat.update', (c) => c.args.channel === dm(Users.consultant) && c.args.ts === reminderTs);
  expect(marked).toHaveLength(1);
  const blocks = JSON.stringify(marked[0]?.args.blocks);
  expect(blocks).toContain('Update due at');
  expect(blocks).toContain('Posted to the client.');
  expect(blocks).not.toContain('"type":"actions"');
});
