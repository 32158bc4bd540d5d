/**
 * The guard that keeps the suite independent of when it runs: one request's life (acknowledged,
 * claimed, estimated, reminded, answered, estimate missed and revised, resolved, digested) from
 * each pinned instant: a Helsinki afternoon, Friday evenings, both DST nights, New Year's Eve and
 * a public holiday, with real business hours (Mon–Fri 09–17, Europe/Helsinki, holidays set).
 *
 * The acknowledgement is checked against a table of exact texts; later texts (the acknowledgement
 * edited as the owner and the ETA come at once, then the posts) are checked against the times the
 * request records, written as the app writes them at that moment.
 */
import Redis from 'ioredis';
import type { TrackedRequest } from '../../src/domain/request';
import { isBusinessTime } from '../../src/domain/business-time';
import type { BusinessHours } from '../../src/domain/settings';
import { formatDueTime } from '../../src/i18n';
import { RedisRequestStore } from '../../src/store/redis-request-store';
import { viewInput } from '../support/builders';
import { PINNED_HOLIDAYS, PINNED_INSTANTS } from '../support/pinned-instants';
import { Channels, type Harness, PinnedClock, Users, startHarness } from './harness';
import { dm, helsinkiDate, lifecycleDriver } from './support/lifecycle-driver';

const MINUTE = 60_000;
const ZONE = 'Europe/Helsinki';

/** What the client reads first, from each instant (first update 60 business minutes later). */
const ACKNOWLEDGEMENT: Record<string, string> = {
  'a Helsinki afternoon (Thu 15:00)': "Thanks, Maria — we've received your request and we're on it. You'll get the next update by 16:00 today.",
  'a Friday evening after closing (Fri 17:59:30)':
    "Thanks, Maria — we've received your request. Our team is back on Monday at 09:00, and you'll get the first update by Mon 26 Oct at 10:00.",
  'a minute before midnight on a Friday (Fri 23:59)':
    "Thanks, Maria — we've received your request. Our team is back on Monday at 09:00, and you'll get the first update by Mon 30 Nov at 10:00.",
  'the night clocks go forward (Sun 29 Mar 02:30)':
    "Thanks, Maria — we've received your request. Our team is back tomorrow at 09:00, and you'll get the first update by 10:00 tomorrow.",
  'the night clocks go back (Sun 25 Oct 03:59, the first time)':
    "Thanks, Maria — we've received your request. Our team is back tomorrow at 09:00, and you'll get the first update by 10:00 tomorrow.",
  "New Year's Eve, a minute before midnight":
    "Thanks, Maria — we've received your request. Our team is back on Monday at 09:00, and you'll get the first update by Mon 4 Jan 2027 at 10:00.",
  'Christmas Eve, a public holiday (Thu 24 Dec 10:00)':
    "Thanks, Maria — we've received your request. Our team is back on Monday at 09:00, and you'll get the first update by Mon 28 Dec at 10:00.",
};

describe.each(PINNED_INSTANTS)('from $name', ({ name, at }) => {
  const clock = new PinnedClock(at);
  let h: Harness;
  let drive: ReturnType<typeof lifecycleDriver>;
  let redis: Redis;
  let store: RedisRequestStore;
  let hours: BusinessHours;

  beforeAll(async () => {
    h = await startHarness({
      name: 'any-instant',
      clock,
      env: { TEAM_LEADS: Users.lead, BUSINESS_HOURS: '09:00-17:00', WORKING_DAYS: 'mon-fri', HOLIDAYS: PINNED_HOLIDAYS },
    });
    hours = h.config.defaults.businessHours;
    drive = lifecycleDriver(h);
    redis = new Redis(process.env.REDIS_URL as string);
    store = new RedisRequestStore(redis, h.prefix);
  });
  afterAll(async () => {
    redis.disconnect();
    await h.stop();
  });

  const request = async (id: string) => (await store.get(h.apps[0]?.host.teamId as string, id)) as TrackedRequest;
  const when = (instant: number) => formatDueTime(instant, clock.now(), ZONE, 'en', { zone: false });
  /** A due time the app promises lies in business time (or ends it exactly). */
  const inBusinessTime = (instant: number) => isBusinessTime(instant - 1, hours);

  it('a request lives its whole life with every promised time in business hours, written as of that moment', async () => {
    const { ts, requestId: id, client } = await drive.newRequest('Our export job fails with error 500');
    expect(drive.clientThread(ts)).toEqual([ACKNOWLEDGEMENT[name]]);
    expect(inBusinessTime((await request(id)).nextUpdateDueAt)).toBe(true);

    // Claimed and estimated at once: the acknowledgement lives, edited in place (one message, not three).
    await drive.click(Users.consultant, 'request_claim', id);
    const claimed = await request(id);
    expect(drive.clientThread(ts)).toEqual([
      `Thanks, Maria — we've received your request. Aino from our team is on it. You'll get the next update by ${when(claimed.nextUpdateDueAt)}.`,
    ]);

    await drive.submit(Users.consultant, 'eta_modal', id, { eta_quick_pick_block: { eta_quick_pick: viewInput.staticSelect('in_4h') } });
    const estimated = await request(id);
    expect(inBusinessTime(estimated.etaAt as number)).toBe(true);
    expect(drive.clientThread(ts)).toEqual([
      `Thanks, Maria — we've received your request. Aino from our team is on it; estimated resolution ${when(estimated.etaAt as number)}. ` +
        `You'll get the next update by ${when(estimated.nextUpdateDueAt)}.`,
    ]);

    // The reminder comes before the update is due, once.
    await h.advance(estimated.nextUpdateDueAt - clock.now());
    const reminders = drive.dmsTo(Users.consultant).filter((c) => /^Update due at/.test(String(c.args.text)));
    expect(reminders).toHaveLength(1);
    await drive.clickOn(reminders[0] as NonNullable<(typeof reminders)[0]>, Users.consultant, 'request_still_on_it', id);
    const answered = await request(id);
    expect(answered.nextUpdateDueAt).toBeGreaterThan(clock.now());
    expect(inBusinessTime(answered.nextUpdateDueAt)).toBe(true);
    // From some instants the estimate has passed by the time the reminder is answered: then [Still on it] owns it.
    const missed =
      (answered.etaAt as number) <= clock.now() ? `\nWe missed our estimate of ${when(answered.etaAt as number)}. We don't have a new one yet; we'll give you one by the next update.` : '';
    expect(drive.clientThread(ts).at(-1)).toBe(`Still working on this — nothing new yet.${missed}\nNext update by ${when(answered.nextUpdateDueAt)}.`);

    // The estimate passes: the team lead hears of it once.
    await h.advance((answered.etaAt as number) - clock.now() + MINUTE);
    expect(drive.dmsTo(Users.lead).filter((c) => /^ETA missed/.test(String(c.args.text)))).toHaveLength(1);
    expect((await request(id)).etaMissFlaggedFor).toBe(answered.etaAt);

    // Revised to noon two days later: the old and the new time, as of now.
    const revisedDate = helsinkiDate(clock.now() + 2 * 24 * 60 * MINUTE);
    await drive.submit(Users.consultant, 'eta_modal', id, {
      eta_date_block: { eta_date: viewInput.date(revisedDate) },
      eta_time_block: { eta_time: viewInput.time('12:00') },
      eta_note_block: { eta_note: viewInput.text('The vendor needs another day') },
    });
    const revised = await request(id);
    expect(helsinkiDate(revised.etaAt as number)).toBe(revisedDate);
    // Revised after it passed: the client reads that we missed it, and why, in one sentence.
    expect(drive.clientThread(ts).at(-1)).toBe(
      `We missed our estimate of ${when(answered.etaAt as number)}; we now expect it by ${when(revised.etaAt as number)}, because the vendor needs another day.\n` +
        `Next update by ${when(revised.nextUpdateDueAt)}.`,
    );

    await drive.submit(Users.consultant, 'resolve_modal', id, { resolve_summary_block: { resolve_summary: viewInput.text('Disk replaced.') } });
    expect(drive.clientThread(ts).at(-1)).toBe('Resolved: Disk replaced.\nHow did we do? React to this message with :+1:, :neutral_face: or :-1:.');
    await drive.react(client, '+1', Channels.shared, (await request(id)).closingTs as string);

    // The weekly digest, an hour later, counts it.
    await h.advance(60 * MINUTE);
    const digest = ((await h.apps[0]?.timers.queue.getDelayed()) ?? []).filter((job) => job.name === 'digest');
    expect(digest).toHaveLength(1);
    await digest[0]?.promote();
    await h.idle();
    const sent = drive.dmsTo(Users.lead).filter((c) => /^\*Client requests/.test(String(c.args.text)));
    expect(sent).toHaveLength(1);
    expect(String(sent[0]?.args.text)).toMatch(/^1 new request, 1 resolved$/m);
    expect(String(sent[0]?.args.text)).toMatch(/^Feedback: :\+1: 1 · :neutral_face: 0 · :-1: 0$/m);
    expect(drive.dmsTo(Users.consultant).every((c) => c.args.channel === dm(Users.consultant))).toBe(true);
  });
});
