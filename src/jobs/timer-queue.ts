/**
 * Timers as BullMQ delayed jobs: one pending job per request, for the first of its timers to fire
 * (domain/timers' `timersInOrder`); when it fires, ../app/lifecycle/fire-timer plans the next one.
 * The job id is derived from the timer (kind, request, due time: ./timer-job), so planning twice
 * schedules once, and the job stores only its planned fire time with short options (see
 * ./lean-queue), so that Redis keeps its hash compact. The request's own hash names its pending
 * timer (field `timer`: `<kind>_<due>_<fire>`), so that a change replaces it and closing cancels it.
 *
 * Before 2026-11 every timer a request needed was planned at once and their ids kept in a set per
 * request (`req:<id>:timers`); planning, repair and cancelling read that set too and retire it,
 * so requests and jobs of that version carry on (the reconciler reaches every live request).
 */
import type { Result } from 'ioredis';
import type { Clock, Timers } from '../app/ports';
import type { TrackedRequest } from '../domain/request';
import type { ChannelSettings } from '../domain/settings';
import { type PlannedTimer, isCurrentTimer, timersInOrder } from '../domain/timers';
import type { RedisClient } from '../store/redis-client';
import { bullPrefix, teamKeys } from '../store/keys';
import { SWAP_TIMER } from '../store/timer-scripts';
import { LeanQueue } from './lean-queue';
import { type StoredTimer, type TimerJob, timerJobId, timerOfJob, timerOfJobId } from './timer-job';

export const TIMERS_QUEUE = 'timers';
/** Name of the weekly digest's jobs in the timers queue. */
export const DIGEST_JOB = 'digest';
/** Any name but BullMQ's own strategies reaches the workers' capped backoff; a short one keeps the job's options short. */
export const TIMER_BACKOFF = 'capped';
/** Nothing reads the queue's event stream: a short one (BullMQ's default keeps 10 000 events). */
const EVENTS_KEPT = 1000;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    kuittausSwapTimer(...args: Array<string | number>): Result<string[] | null, Context>;
  }
}

/** The candidate timer for a request's one pending job, with its job id. */
interface Candidate {
  timer: PlannedTimer;
  id: string;
  /** Its job is there (delayed, waiting or running). */
  queued: boolean;
}

const pointerOf = (timer: PlannedTimer) => `${timerOf(timer)}${timer.fireAt}`;
/** The start of a pointer that names this timer, whatever fire time it was planned for. */
const timerOf = (timer: Pick<PlannedTimer, 'kind' | 'dueAt'>) => `${timer.kind}_${timer.dueAt}_`;
const POINTER = /^([a-z_]+)_(\d+)_(-?\d+)$/;

export class TimerQueue implements Timers {
  readonly queue: LeanQueue;

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly clock: Clock,
  ) {
    if (!redis.kuittausSwapTimer) redis.defineCommand('kuittausSwapTimer', { numberOfKeys: 2, lua: SWAP_TIMER });
    this.queue = new LeanQueue(TIMERS_QUEUE, {
      connection: redis,
      prefix: bullPrefix(prefix),
      streams: { events: { maxLen: EVENTS_KEPT } },
      // What a fired or failed timer leaves is the workers' to remove (see ./workers): options
      // stored with every job are kept to what must travel with it.
      defaultJobOptions: { attempts: 40, backoff: { type: TIMER_BACKOFF } },
    });
  }

  async plan(request: TrackedRequest, settings: ChannelSettings, options: { fired?: Omit<TimerJob, 'fireAt'> } = {}): Promise<void> {
    const fired = options.fired ? timerJobId(options.fired) : undefined;
    const next = await this.next(request, settings, fired);
    const swapped = await this.swap(request.teamId, request.id, next ? pointerOf(next.timer) : '', next?.queued ? timerOf(next.timer) : '');
    if (!swapped) return; // the request is gone
    if (next && !next.queued) {
      const data: StoredTimer = { f: next.timer.fireAt };
      await this.queue.add(next.timer.kind, data, { jobId: next.id, delay: Math.max(0, Math.round(this.clock.msUntil(next.timer.fireAt))) });
    }
    const now = this.clock.now();
    const replaced = this.pointed(request, swapped.previous);
    const obsolete = [
      // The timer it replaces, unless that one's time has come and it is still about the request as it is.
      ...(replaced && !(replaced.fireAt <= now && isCurrentTimer(replaced.kind, replaced.dueAt, request)) ? [replaced.id] : []),
      // The previous version's, but for those still about the request (they fire, and fire-timer plans on).
      ...swapped.legacy.filter((id) => !isStillCurrent(id, request)),
    ].filter((id) => id !== next?.id && id !== fired);
    await this.remove(obsolete);
  }

  async repair(request: TrackedRequest, settings: ChannelSettings): Promise<number> {
    const next = await this.next(request, settings);
    const k = teamKeys(this.prefix, request.teamId);
    const [[, pointer], [, legacy]] = (await this.redis.multi().hget(k.request(request.id), 'timer').exists(k.requestTimers(request.id)).exec()) as [
      [unknown, string | null],
      [unknown, number],
    ];
    const missing = next !== undefined && !next.queued;
    const named = next ? (pointer ?? '').startsWith(timerOf(next.timer)) : pointer === null;
    if (missing || legacy === 1 || !named) await this.plan(request, settings);
    return missing ? 1 : 0;
  }

  async cancelAll(teamId: string, requestId: string): Promise<void> {
    const swapped = await this.swap(teamId, requestId, '');
    if (!swapped) return;
    const previous = swapped.previous ? pointerTimer(swapped.previous) : undefined;
    await this.remove([...(previous ? [timerJobId({ ...previous, teamId, requestId })] : []), ...swapped.legacy]);
  }

  /**
   * The first of the request's timers to fire whose job has not failed for good (a failed job
   * stays a while, and its id cannot be queued again: the timer after it is planned instead), but
   * for `fired`, the job running now.
   */
  private async next(request: TrackedRequest, settings: ChannelSettings, fired?: string): Promise<Candidate | undefined> {
    const timers = timersInOrder(request, settings, this.clock.now())
      .map((timer) => ({ timer, id: timerJobId({ kind: timer.kind, teamId: request.teamId, requestId: request.id, dueAt: timer.dueAt }) }))
      .filter((c) => c.id !== fired);
    if (timers.length === 0) return undefined;
    const pipe = this.redis.pipeline();
    for (const { id } of timers) pipe.exists(this.queue.toKey(id)).hexists(this.queue.toKey(id), 'finishedOn');
    const answers = ((await pipe.exec()) ?? []).map(([, n]) => n === 1);
    for (const [i, c] of timers.entries()) {
      if (!answers[2 * i + 1]) return { ...c, queued: answers[2 * i] === true };
    }
    return undefined;
  }

  /** Names `pointer` as the request's pending timer; the one it named before and the previous version's ids, or undefined when the request is gone. */
  private async swap(teamId: string, requestId: string, pointer: string, keepIfNamed = ''): Promise<{ previous: string; legacy: string[] } | undefined> {
    const k = teamKeys(this.prefix, teamId);
    const result = await this.redis.kuittausSwapTimer(k.request(requestId), k.requestTimers(requestId), pointer, keepIfNamed);
    if (!result) return undefined;
    const [previous = '', ...legacy] = result;
    return { previous, legacy };
  }

  private pointed(request: TrackedRequest, pointer: string): { id: string; kind: TimerJob['kind']; dueAt: number; fireAt: number } | undefined {
    const timer = pointerTimer(pointer);
    return timer && { ...timer, id: timerJobId({ ...timer, teamId: request.teamId, requestId: request.id }) };
  }

  private async remove(ids: string[]): Promise<void> {
    // A job that is running right now is locked and stays; it finds the request moved on and skips.
    await Promise.all([...new Set(ids)].map((id) => this.queue.remove(id).catch(() => 0)));
  }

  /**
   * Promotes every delayed timer planned to fire by `now` (the demo and tests move a clock of their
   * own forward instead of waiting). A due timer that already ran and is waiting to retry (paced,
   * rate limited) keeps its real-time delay. Returns how many were promoted and how many retry.
   */
  async promoteDue(now: number): Promise<{ promoted: number; retrying: number }> {
    const delayed = await this.queue.getDelayed();
    const due = delayed.filter((job) => (timerOfJob(job)?.fireAt ?? Number.POSITIVE_INFINITY) <= now);
    const fresh = due.filter((job) => !job.processedOn);
    await Promise.all(fresh.map((job) => job.promote().catch(() => undefined)));
    return { promoted: fresh.length, retrying: due.length - fresh.length };
  }

  /** When the next timer that has not run yet is planned to fire (tests step a clock of their own from one to the next). */
  async nextFireAt(): Promise<number | undefined> {
    const planned = (await this.queue.getDelayed()).filter((job) => !job.processedOn).map((job) => timerOfJob(job)?.fireAt).filter((at) => at !== undefined);
    return planned.length > 0 ? Math.min(...planned) : undefined;
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
}

/** The timer a request's `timer` field names. */
function pointerTimer(pointer: string): { kind: TimerJob['kind']; dueAt: number; fireAt: number } | undefined {
  const match = POINTER.exec(pointer);
  return match ? { kind: match[1] as TimerJob['kind'], dueAt: Number(match[2]), fireAt: Number(match[3]) } : undefined;
}

/** A previous version's timer id that is still about the request as it is now. */
function isStillCurrent(jobId: string, request: TrackedRequest): boolean {
  const timer = timerOfJobId(jobId);
  return timer !== undefined && isCurrentTimer(timer.kind, timer.dueAt, request);
}
