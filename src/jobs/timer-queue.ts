/**
 * Timers: one pending timer per request, the first of its timers to fire (domain/timers'
 * `timersInOrder`); when it fires, ../app/lifecycle/fire-timer plans the next one. Until it is
 * due, a pending timer is an entry of the team's sorted set `timers` (request id, fire time) and
 * a field of the request's hash naming it (`timer` = `<kind>_<due>`), written in one step (see
 * ../store/timer-scripts): about 150 bytes, where a delayed BullMQ job (its hash, its entry in
 * the delayed set) takes about 450. When it is due, the pump makes it a BullMQ job with a
 * deterministic id (./timer-job), which runs, retries and fails like any other.
 *
 * Every instance pumps about once a second (Kuittaus starts it), with its own clock; the tests
 * and the demo pump through promoteDue after moving a clock of their own.
 *
 * Before 2026-11 every timer a request needed was a delayed BullMQ job from the start, their ids
 * kept in a set per request (`req:<id>:timers`). Those jobs still fire as they are; the first plan
 * of such a request (the reconciler reaches every live request within its period) removes the
 * ones it no longer needs and plans on in the new way.
 */
import { Queue } from 'bullmq';
import type { Result } from 'ioredis';
import type { Clock, PlannedTimerName, Timers } from '../app/ports';
import type { TrackedRequest } from '../domain/request';
import type { ChannelSettings } from '../domain/settings';
import { type PlannedTimer, isCurrentTimer, timersInOrder } from '../domain/timers';
import type { RedisClient } from '../store/redis-client';
import { bullPrefix, teamKeys } from '../store/keys';
import { PLAN_TIMER, TIMER_QUEUED } from '../store/timer-scripts';
import { CAPPED_BACKOFF } from './queues';
import { type TimerJob, timerJobId, timerJobSchema, timerOfJobId } from './timer-job';
import { defineScript } from '../store/script-command';

export const TIMERS_QUEUE = 'timers';
/** Name of the weekly digest's jobs in the timers queue. */
export const DIGEST_JOB = 'digest';
/** Nothing reads the queue's event stream: a short one (BullMQ's default keeps 10 000 events). */
const EVENTS_KEPT = 1000;
/** Due timers queued per pump round trip. */
const PUMP_BATCH = 500;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    kuittausPlanTimer(...args: Array<string | number>): Result<string[] | null, Context>;
    kuittausTimerQueued(...args: Array<string | number>): Result<number, Context>;
  }
}

/** A pending timer as tests and tools see it. */
export interface PendingTimer extends TimerJob {
  id: string;
  fireAt: number;
  /** Its job is queued (it was due). */
  queued: boolean;
}

/** How the request's hash names a timer: its kind and due time. */
const nameOf = (timer: Pick<PlannedTimer, 'kind' | 'dueAt'>) => `${timer.kind}_${timer.dueAt}`;

function timerOfName(name: string): Pick<TimerJob, 'kind' | 'dueAt'> | undefined {
  const match = /^([a-z_]+)_(\d+)$/.exec(name);
  return match ? { kind: match[1] as TimerJob['kind'], dueAt: Number(match[2]) } : undefined;
}

export class TimerQueue implements Timers {
  readonly queue: Queue;
  /** The workspaces whose timers promoteDue and nextFireAt look at: those given, and those planned for here. */
  private readonly teams: Set<string>;

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly clock: Clock,
    teams: string[] = [],
    /** BullMQ's connection for the timers' jobs (default: `redis`; see infra/redis on why apart). */
    jobs: RedisClient = redis,
  ) {
    this.teams = new Set(teams);
    defineScript(redis, 'kuittausPlanTimer', { numberOfKeys: 3, lua: PLAN_TIMER });
    defineScript(redis, 'kuittausTimerQueued', { numberOfKeys: 2, lua: TIMER_QUEUED });
    this.queue = new Queue(TIMERS_QUEUE, {
      connection: jobs,
      prefix: bullPrefix(prefix),
      streams: { events: { maxLen: EVENTS_KEPT } },
      defaultJobOptions: {
        attempts: 40,
        backoff: { type: CAPPED_BACKOFF },
        // A fired timer records what it did on the request itself, so its job can go at once.
        removeOnComplete: true,
        removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
      },
    });
  }

  /**
   * Plans the first of the request's timers to fire that has not failed for good (its job stays a
   * while as failed, and the timer after it is planned instead), but for `fired`, the one whose
   * job is running now; the one it replaces is cancelled.
   */
  async plan(request: TrackedRequest, settings: ChannelSettings, options: { fired?: Omit<TimerJob, 'fireAt'> } = {}): Promise<void> {
    this.teams.add(request.teamId);
    const fired = options.fired ? nameOf(options.fired) : undefined;
    const ordered = timersInOrder(request, settings, this.clock.now());
    const candidates = ordered.filter((timer) => nameOf(timer) !== fired);
    const jobs = await this.jobStates(request, candidates);
    const index = jobs.findIndex((state) => state !== 'failed');
    const next = index >= 0 ? candidates[index] : undefined;
    const queued = index >= 0 && jobs[index] === 'queued';
    const k = teamKeys(this.prefix, request.teamId);
    const result = await this.redis.kuittausPlanTimer(
      k.request(request.id),
      k.timers,
      k.requestTimers(request.id),
      request.id,
      next ? nameOf(next) : '',
      next && !queued ? Math.round(next.fireAt) : '',
    );
    if (!result) return; // the request is gone
    const [previous = '', ...legacy] = result;
    // A job of the timer it replaces (it was due) goes, unless it is still about the request as it
    // is and planning would not choose it at all now (an "On track?" now too close to the ETA to
    // ask): that one runs and lets domain/reminders decide. So do the previous version's jobs.
    const planned = new Set(ordered.map(nameOf));
    const keep = (name: string) => name === fired || (next !== undefined && name === nameOf(next)) || (!planned.has(name) && this.stillCurrent(request, name));
    const ids = [previous, ...legacy.map((id) => this.nameOfId(id))].filter((name) => name !== '' && !keep(name)).map((name) => this.idOf(request, name));
    await this.remove(ids);
  }

  first(request: TrackedRequest, settings: ChannelSettings): PlannedTimerName | undefined {
    const [timer] = timersInOrder(request, settings, this.clock.now());
    return timer ? { name: nameOf(timer), fireAt: Math.round(timer.fireAt) } : undefined;
  }

  async repair(request: TrackedRequest, settings: ChannelSettings): Promise<number> {
    const ordered = timersInOrder(request, settings, this.clock.now());
    const jobs = await this.jobStates(request, ordered);
    const index = jobs.findIndex((state) => state !== 'failed');
    const next = index >= 0 ? ordered[index] : undefined;
    const k = teamKeys(this.prefix, request.teamId);
    const [[, named], [, scheduled], [, legacy]] = (await this.redis
      .multi()
      .hget(k.request(request.id), 'timer')
      .zscore(k.timers, request.id)
      .exists(k.requestTimers(request.id))
      .exec()) as [[unknown, string | null], [unknown, string | null], [unknown, number]];
    // Missing: neither scheduled nor queued as a job. Misnamed: the hash names another timer (or
    // one where none is needed), as the previous version's requests do until their first plan.
    const missing = next !== undefined && jobs[index] !== 'queued' && scheduled === null;
    const misnamed = next !== undefined ? named !== nameOf(next) : named !== null || scheduled !== null;
    if (missing || misnamed || legacy === 1) await this.plan(request, settings);
    return missing ? 1 : 0;
  }

  async cancelAll(teamId: string, requestId: string): Promise<void> {
    const k = teamKeys(this.prefix, teamId);
    const result = (await this.redis.kuittausPlanTimer(k.request(requestId), k.timers, k.requestTimers(requestId), requestId, '', '')) ?? [];
    const request = { teamId, id: requestId };
    await this.remove(result.filter(Boolean).map((name) => this.idOf(request, this.nameOfId(name))));
  }

  /**
   * Queues the timers due by `now` as jobs (every instance runs this about once a second; a job
   * is queued once whoever queues it). Returns how many.
   */
  async pump(teamId: string, now: number): Promise<number> {
    const k = teamKeys(this.prefix, teamId);
    let queued = 0;
    for (;;) {
      const due = await this.redis.zrangebyscore(k.timers, '-inf', now, 'WITHSCORES', 'LIMIT', 0, PUMP_BATCH);
      if (due.length === 0) return queued;
      const entries = Array.from({ length: due.length / 2 }, (_, i) => ({ requestId: due[2 * i] as string, fireAt: Number(due[2 * i + 1]) }));
      const pipe = this.redis.pipeline();
      for (const e of entries) pipe.hget(k.request(e.requestId), 'timer');
      const names = ((await pipe.exec()) ?? []).map(([, name]) => (typeof name === 'string' ? name : ''));
      const done = await Promise.all(
        entries.map(async (e, i) => {
          const timer = timerOfName(names[i] ?? '');
          if (timer) {
            const job: TimerJob = { kind: timer.kind, teamId, requestId: e.requestId, dueAt: timer.dueAt, fireAt: e.fireAt };
            await this.queue.add(job.kind, job, { jobId: timerJobId(job) });
          }
          // Off the set once its job is there (a purged request's entry simply goes).
          return this.redis.kuittausTimerQueued(k.timers, k.request(e.requestId), e.requestId, e.fireAt, names[i] ?? '');
        }),
      );
      queued += done.reduce((sum: number, n) => sum + n, 0);
      if (entries.length < PUMP_BATCH) return queued;
    }
  }

  /**
   * Queues the timers planned to fire by `now` and promotes the previous version's delayed ones
   * (the demo and tests move a clock of their own forward instead of waiting). A due timer that
   * already ran and is waiting to retry (paced, rate limited) keeps its real-time delay. Returns
   * how many were queued or promoted, and how many retry.
   */
  async promoteDue(now: number): Promise<{ promoted: number; retrying: number }> {
    let promoted = 0;
    for (const teamId of this.teams) promoted += await this.pump(teamId, now);
    const delayed = (await this.queue.getDelayed()).filter((job) => typeof job.data?.fireAt === 'number' && job.data.fireAt <= now);
    const fresh = delayed.filter((job) => !job.processedOn);
    await Promise.all(fresh.map((job) => job.promote().catch(() => undefined)));
    return { promoted: promoted + fresh.length, retrying: delayed.length - fresh.length };
  }

  /** When the next timer that has not run yet is planned to fire (tests step a clock of their own from one to the next). */
  async nextFireAt(): Promise<number | undefined> {
    const times: number[] = [];
    for (const teamId of this.teams) {
      const [, score] = await this.redis.zrange(teamKeys(this.prefix, teamId).timers, 0, 0, 'WITHSCORES');
      if (score !== undefined) times.push(Number(score));
    }
    for (const job of await this.queue.getDelayed()) if (!job.processedOn && typeof job.data?.fireAt === 'number') times.push(job.data.fireAt);
    return times.length > 0 ? Math.min(...times) : undefined;
  }

  /** The request's pending timer (and any the previous version left), for tests and tools. */
  async pending(teamId: string, requestId: string): Promise<PendingTimer[]> {
    const k = teamKeys(this.prefix, teamId);
    const [name, score] = await Promise.all([this.redis.hget(k.request(requestId), 'timer'), this.redis.zscore(k.timers, requestId)]);
    const out: PendingTimer[] = [];
    const timer = timerOfName(name ?? '');
    if (timer) {
      const id = timerJobId({ ...timer, teamId, requestId });
      const job = score === null ? await this.queue.getJob(id) : undefined;
      const state = job ? await job.getState() : undefined;
      if (score !== null) out.push({ ...timer, teamId, requestId, id, fireAt: Number(score), queued: false });
      else if (job && (state === 'delayed' || state === 'waiting' || state === 'prioritized' || state === 'active')) {
        out.push({ ...timer, teamId, requestId, id, fireAt: job.data.fireAt as number, queued: true });
      }
    }
    for (const job of await this.queue.getJobs(['delayed', 'waiting', 'prioritized'])) {
      const parsed = timerJobSchema.safeParse(job?.data);
      if (parsed.success && parsed.data.requestId === requestId && parsed.data.teamId === teamId && !out.some((t) => t.id === job.id)) {
        out.push({ ...parsed.data, id: String(job.id), fireAt: parsed.data.fireAt ?? parsed.data.dueAt, queued: true });
      }
    }
    return out.sort((a, b) => a.id.localeCompare(b.id));
  }

  /** The weekly digest as a BullMQ job scheduler (one per team; `undefined` removes it). */
  async scheduleDigest(teamId: string, pattern: string | undefined, timezone: string): Promise<void> {
    const id = `digest_${teamId}`;
    if (!pattern) {
      await this.queue.removeJobScheduler(id);
      return;
    }
    await this.queue.upsertJobScheduler(id, { pattern, tz: timezone }, { name: DIGEST_JOB, data: { teamId }, opts: { removeOnComplete: true } });
  }

  close(): Promise<void> {
    return this.queue.close();
  }

  /** Per candidate: its job failed for good, is queued (delayed, waiting or running), or is not there. */
  private async jobStates(request: TrackedRequest, timers: PlannedTimer[]): Promise<Array<'failed' | 'queued' | 'none'>> {
    if (timers.length === 0) return [];
    const pipe = this.redis.pipeline();
    for (const timer of timers) {
      const key = this.queue.toKey(this.idOf(request, nameOf(timer)));
      pipe.exists(key).hexists(key, 'finishedOn');
    }
    const answers = ((await pipe.exec()) ?? []).map(([, n]) => n === 1);
    return timers.map((_, i) => (answers[2 * i + 1] ? 'failed' : answers[2 * i] ? 'queued' : 'none'));
  }

  /** A previous version's job id as a name (`<kind>_<due>`), or the id itself when it is not a timer's. */
  private nameOfId(id: string): string {
    const timer = timerOfJobId(id);
    return timer ? nameOf(timer) : id;
  }

  private idOf(request: Pick<TrackedRequest, 'teamId' | 'id'>, name: string): string {
    const timer = timerOfName(name);
    return timer ? timerJobId({ ...timer, teamId: request.teamId, requestId: request.id }) : name;
  }

  private stillCurrent(request: TrackedRequest, name: string): boolean {
    const timer = timerOfName(name);
    return timer !== undefined && isCurrentTimer(timer.kind, timer.dueAt, request);
  }

  private async remove(ids: string[]): Promise<void> {
    // A job that is running right now is locked and stays; it finds the request moved on and skips.
    await Promise.all([...new Set(ids)].map((id) => this.queue.remove(id).catch(() => 0)));
  }
}
