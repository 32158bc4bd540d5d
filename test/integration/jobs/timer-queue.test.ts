/**
 * TimerQueue against a real Redis: one pending timer per request, the first to fire, scheduled
 * in the team's sorted set and named in the request's hash until it is due; the pump makes a due
 * one a BullMQ job once, whoever pumps and however often; a change replaces it, closing cancels
 * it; a timer whose job failed for good gives way to the next; and requests and delayed jobs of
 * the version before (every timer a delayed job, their ids in a set per request) carry on.
 */
import { UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Clock, NewRequest } from '../../../src/app/ports';
import type { TrackedRequest } from '../../../src/domain/request';
import { timerJobId } from '../../../src/jobs/timer-job';
import { TIMERS_QUEUE, TimerQueue } from '../../../src/jobs/timer-queue';
import { bullPrefix, teamKeys } from '../../../src/store/keys';
import { RedisRequestStore } from '../../../src/store/redis-request-store';
import { ALWAYS_OPEN_SETTINGS } from '../../support/channel-settings';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from '../../support/redis/key-prefix';

const TEAM = 'T0HOST';
const T0 = Date.UTC(2026, 10, 23, 8, 0, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const redisUrl = process.env.REDIS_URL as string;
const prefix = uniqueKeyPrefix('timer-queue');
const k = teamKeys(prefix, TEAM);
let now = T0;
const clock: Clock = { now: () => now, msUntil: (at) => at - now };
let redis: Redis;
let store: RedisRequestStore;
let timers: TimerQueue;
let counter = 0;
const closing: Array<{ close(): Promise<void> }> = [];

beforeAll(() => {
  redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  store = new RedisRequestStore(redis, prefix);
  timers = new TimerQueue(redis, prefix, clock);
});
beforeEach(() => {
  now = T0;
});
afterAll(async () => {
  await Promise.all(closing.map((c) => c.close().catch(() => undefined)));
  await timers.close();
  await deleteKeysWithPrefix(redisUrl, prefix);
  await redis.quit();
});

/** An owned request whose next update is due in an hour: reminded at 45 min, escalated at 90 min. */
async function newRequest(): Promise<TrackedRequest> {
  const input: NewRequest = {
    teamId: TEAM, channelId: 'C0SHARED', ts: `1790000000.${String(++counter).padStart(6, '0')}`, clientUserId: `U0C${counter}`, clientName: 'Maria',
    excerpt: 'Our export fails', priority: 'normal', trigger: 'auto', createdAt: T0, nextUpdateDueAt: T0 + HOUR,
  };
  const created = await store.createOrJoin(input, 0);
  if (created.outcome !== 'created') throw new Error(created.outcome);
  const owned = await store.update(TEAM, created.request.id, { state: 'in_progress', ownerId: 'U0AINO' }, { type: 'claimed', at: T0, actorId: 'U0AINO' });
  if (!owned) throw new Error('not claimed');
  return owned;
}

/** Plans the request, lets its reminder (at 45 min) come due and its job fail for good; the failed job stays. */
async function reminderFailedForGood(r: TrackedRequest): Promise<void> {
  await timers.plan(r, ALWAYS_OPEN_SETTINGS);
  now = T0 + 45 * MINUTE;
  await timers.promoteDue(now);
  const worker = new Worker(TIMERS_QUEUE, async () => {
    throw new UnrecoverableError('refused');
  }, { connection: new Redis(redisUrl, { maxRetriesPerRequest: null }), prefix: bullPrefix(prefix) });
  closing.push(worker);
  const failedId = timerJobId({ kind: 'reminder', teamId: TEAM, requestId: r.id, dueAt: T0 + HOUR });
  await new Promise<void>((resolve) => worker.on('failed', (job) => job?.id === failedId && resolve()));
  await worker.close();
}

const pendingKinds = async (id: string) => (await timers.pending(TEAM, id)).map((t) => `${t.kind}${t.queued ? ' (queued)' : ''}`);
const jobsOf = async (id: string) => (await timers.queue.getJobs(['delayed', 'waiting', 'active', 'failed'])).filter((job) => job?.data?.requestId === id);

describe('planning', () => {
  it('when a request is planned, then only its first timer is pending: scheduled in the team set and named in its hash, with no job yet', async () => {
    const r = await newRequest();
    await timers.plan(r, ALWAYS_OPEN_SETTINGS);
    expect(await redis.zscore(k.timers, r.id)).toBe(String(T0 + 45 * MINUTE));
    expect(await redis.hget(k.request(r.id), 'timer')).toBe(`reminder_${T0 + HOUR}`);
    expect(await jobsOf(r.id)).toEqual([]);
    expect(await pendingKinds(r.id)).toEqual(['reminder']);
  });

  it('when it is planned twice, then it is pending once', async () => {
    const r = await newRequest();
    await timers.plan(r, ALWAYS_OPEN_SETTINGS);
    await timers.plan(r, ALWAYS_OPEN_SETTINGS);
    expect(await redis.zscore(k.timers, r.id)).toBe(String(T0 + 45 * MINUTE));
    expect(await pendingKinds(r.id)).toEqual(['reminder']);
    expect(await jobsOf(r.id)).toEqual([]);
  });

  it('when the same timer is planned again after bookkeeping (the acknowledgement recorded a moment later), then it keeps the time it was first planned for', async () => {
    const r = await newRequest();
    await timers.plan(r, ALWAYS_OPEN_SETTINGS);
    // Planned now, the reminder's lead would be a quarter of the 30 minutes since: 7.5 minutes.
    const acked = (await store.update(TEAM, r.id, { lastUpdateAt: T0 + 30 * MINUTE }, { type: 'acknowledged', at: T0 + 30 * MINUTE })) as TrackedRequest;
    await timers.plan(acked, ALWAYS_OPEN_SETTINGS);
    expect(await redis.zscore(k.timers, r.id)).toBe(String(T0 + 45 * MINUTE));
  });

  it('when the due time moves, then the new reminder replaces the old one', async () => {
    const r = await newRequest();
    await timers.plan(r, ALWAYS_OPEN_SETTINGS);
    const moved = (await store.update(TEAM, r.id, { nextUpdateDueAt: T0 + 3 * HOUR, lastUpdateAt: T0 }, { type: 'update_posted', at: T0 })) as TrackedRequest;
    await timers.plan(moved, ALWAYS_OPEN_SETTINGS);
    expect(await redis.hget(k.request(r.id), 'timer')).toBe(`reminder_${T0 + 3 * HOUR}`);
    expect(await redis.zscore(k.timers, r.id)).toBe(String(T0 + 3 * HOUR - 15 * MINUTE));
  });

  it('when it is closed, then its timer is cancelled: not scheduled, not named, and a queued job removed', async () => {
    const r = await newRequest();
    await timers.plan(r, ALWAYS_OPEN_SETTINGS);
    await timers.promoteDue(T0 + 45 * MINUTE); // queued: due, nobody has run it yet
    expect(await pendingKinds(r.id)).toEqual(['reminder (queued)']);
    await timers.cancelAll(TEAM, r.id);
    expect(await redis.zscore(k.timers, r.id)).toBeNull();
    expect(await redis.hget(k.request(r.id), 'timer')).toBeNull();
    expect(await jobsOf(r.id)).toEqual([]);
  });

  it('when the request is gone (purged), then planning writes nothing for it', async () => {
    const r = await newRequest();
    await redis.del(k.request(r.id));
    await timers.plan(r, ALWAYS_OPEN_SETTINGS);
    expect(await redis.exists(k.request(r.id))).toBe(0);
    expect(await redis.zscore(k.timers, r.id)).toBeNull();
  });

  it('when the fired reminder plans on, then the escalation is next; and when the reminder failed for good, the escalation is next too', async () => {
    const r = await newRequest();
    await timers.plan(r, ALWAYS_OPEN_SETTINGS);
    await timers.plan(r, ALWAYS_OPEN_SETTINGS, { fired: { kind: 'reminder', teamId: TEAM, requestId: r.id, dueAt: T0 + HOUR } });
    expect(await pendingKinds(r.id)).toEqual(['escalation']);

    // Another request's reminder runs and fails for good: its failed job stays, and the plan skips it.
    const other = await newRequest();
    await reminderFailedForGood(other);
    await timers.plan(other, ALWAYS_OPEN_SETTINGS);
    expect(await pendingKinds(other.id)).toEqual(['escalation']);
  });
});

describe('the pump', () => {
  it('when a timer is due, then it becomes one job with the derived id and the whole timer, and leaves the set; pumping again queues nothing more', async () => {
    const r = await newRequest();
    await timers.plan(r, ALWAYS_OPEN_SETTINGS);
    await timers.pump(TEAM, T0 + 45 * MINUTE - 1);
    expect(await jobsOf(r.id)).toEqual([]);
    const second = new TimerQueue(redis, prefix, clock); // another instance
    await Promise.all([timers.pump(TEAM, T0 + 45 * MINUTE), second.pump(TEAM, T0 + 45 * MINUTE)]);
    const jobs = await jobsOf(r.id);
    expect(jobs.map((job) => [job.id, job.data])).toEqual([
      [timerJobId({ kind: 'reminder', teamId: TEAM, requestId: r.id, dueAt: T0 + HOUR }), { kind: 'reminder', teamId: TEAM, requestId: r.id, dueAt: T0 + HOUR, fireAt: T0 + 45 * MINUTE }],
    ]);
    expect(await redis.zscore(k.timers, r.id)).toBeNull();
    await timers.pump(TEAM, T0 + 2 * HOUR);
    expect(await jobsOf(r.id)).toHaveLength(1);
  });

  it('when the timer was planned again between the pump reading it and queuing it, then the new one stays scheduled', async () => {
    const r = await newRequest();
    await timers.plan(r, ALWAYS_OPEN_SETTINGS);
    const moved = (await store.update(TEAM, r.id, { nextUpdateDueAt: T0 + 3 * HOUR, lastUpdateAt: T0 }, { type: 'update_posted', at: T0 })) as TrackedRequest;
    await timers.plan(moved, ALWAYS_OPEN_SETTINGS);
    // The pump read the old reminder (due at 45 min) before the plan: its "queued" finds it replaced.
    expect(await redis.kuittausTimerQueued(k.timers, k.request(r.id), r.id, T0 + 45 * MINUTE, `reminder_${T0 + HOUR}`)).toBe(0);
    expect(await redis.zscore(k.timers, r.id)).toBe(String(T0 + 3 * HOUR - 15 * MINUTE));
  });

  it('when a purged request left an entry, then the pump drops it and queues nothing', async () => {
    await redis.zadd(k.timers, T0 - 1, 'R6b0893cd0a7-999999');
    await timers.pump(TEAM, T0 - 1);
    expect(await redis.zscore(k.timers, 'R6b0893cd0a7-999999')).toBeNull();
    expect(await jobsOf('R6b0893cd0a7-999999')).toEqual([]);
  });

  it('when tests ask for the next fire time, then it is the earliest scheduled one', async () => {
    const r = await newRequest();
    await timers.plan(r, ALWAYS_OPEN_SETTINGS);
    expect(await timers.nextFireAt()).toBeLessThanOrEqual(T0 + 45 * MINUTE);
  });
});

describe('requests and jobs of the version before (every timer a delayed job, their ids in a set)', () => {
  /** What that version left: the reminder and the escalation as delayed jobs, their ids in the set. */
  async function legacy(): Promise<TrackedRequest> {
    const r = await newRequest();
    for (const [kind, fireAt] of [['reminder', T0 + 45 * MINUTE], ['escalation', T0 + 90 * MINUTE]] as const) {
      const job = { kind, teamId: TEAM, requestId: r.id, dueAt: T0 + HOUR, fireAt };
      await timers.queue.add(kind, job, { jobId: timerJobId(job), delay: fireAt - T0 });
      await redis.sadd(k.requestTimers(r.id), timerJobId(job));
    }
    return r;
  }

  it('when such a request is planned, then its set is gone, the reminder job stays as the pending timer and the escalation goes (planned once the reminder fired)', async () => {
    const r = await legacy();
    await timers.plan(r, ALWAYS_OPEN_SETTINGS);
    expect(await redis.exists(k.requestTimers(r.id))).toBe(0);
    expect(await redis.hget(k.request(r.id), 'timer')).toBe(`reminder_${T0 + HOUR}`);
    expect(await redis.zscore(k.timers, r.id)).toBeNull(); // its job is there already
    expect((await jobsOf(r.id)).map((job) => job.data.kind)).toEqual(['reminder']);
  });

  it('when the reconciler meets such a request, then it takes it over without counting a repair, and cancelling it removes the old jobs', async () => {
    const r = await legacy();
    expect(await timers.repair(r, ALWAYS_OPEN_SETTINGS)).toBe(0);
    expect(await redis.exists(k.requestTimers(r.id))).toBe(0);
    const again = await legacy();
    await timers.cancelAll(TEAM, again.id);
    expect(await jobsOf(again.id)).toEqual([]);
    expect(await redis.exists(k.requestTimers(again.id))).toBe(0);
  });

  it('when the reconciler finds a live request without its timer, then it plans it and counts one', async () => {
    const r = await newRequest();
    expect(await timers.repair(r, ALWAYS_OPEN_SETTINGS)).toBe(1);
    expect(await pendingKinds(r.id)).toEqual(['reminder']);
    expect(await timers.repair(r, ALWAYS_OPEN_SETTINGS)).toBe(0);
  });
});
