/**
 * Timers as BullMQ delayed jobs: one pending job per request, for the first of its timers to fire
 * (domain/timers' `timersInOrder`); when it fires, ../app/lifecycle/fire-timer plans the next one.
 * The job id is derived from the timer (kind, request, due time: ./timer-job), so planning twice
 * schedules once, and the job stores only its planned fire time with short options (see
 * ./lean-queue), so that Redis keeps its hash compact. The request's own hash names its pending
 * timer (a field `t:<kind>_<due>`, see ../store/timer-scripts), so that a change replaces it and
 * closing cancels it.
 *
 * Before 2026-11 every timer a request needed was planned at once and their ids kept in a set per
 * request (`req:<id>:timers`); planning, repair and cancelling take those ids over into the
 * request's hash, so requests and jobs of that version carry on (the reconciler reaches every
 * live request within its period).
 */
import type { Result } from 'ioredis';
import type { Clock, Timers } from '../app/ports';
import type { TrackedRequest } from '../domain/request';
import type { ChannelSettings } from '../domain/settings';
import { type PlannedTimer, isCurrentTimer, timersInOrder } from '../domain/timers';
import type { RedisClient } from '../store/redis-client';
import { bullPrefix, teamKeys } from '../store/keys';
import { NAME_TIMER, UNNAME_TIMERS } from '../store/timer-scripts';
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
    kuittausNameTimer(...args: Array<string | number>): Result<string[] | null, Context>;
    kuittausUnnameTimers(...args: Array<string | number>): Result<null, Context>;
  }
}

/** The candidate timer for a request's one pending job, with its job id. */
interface Candidate {
  timer: PlannedTimer;
  id: string;
  /** Its job is there (delayed, waiting or running). */
  queued: boolean;
}

/** How the request's hash names a timer: its kind and due time (see ../store/timer-scripts). */
const nameOf = (timer: Pick<PlannedTimer, 'kind' | 'dueAt'>) => `${timer.kind}_${timer.dueAt}`;
const NAME = /^([a-z_]+)_(\d+)$/;

export class TimerQueue implements Timers {
  readonly queue: LeanQueue;

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly clock: Clock,
  ) {
    if (!redis.kuittausNameTimer) {
      redis.defineCommand('kuittausNameTimer', { numberOfKeys: 2, lua: NAME_TIMER });
      redis.defineCommand('kuittausUnnameTimers', { numberOfKeys: 2, lua: UNNAME_TIMERS });
    }
    this.queue = new LeanQueue(TIMERS_QUEUE, {
      connection: redis,
      prefix: bullPrefix(prefix),
      streams: { events: { maxLen: EVENTS_KEPT } },
      // What a fired or failed timer leaves is the workers' to remove (see ./workers): options
      // stored with every job are kept to what must travel with it.
      defaultJobOptions: { attempts: 40, backoff: { type: TIMER_BACKOFF } },
    });
  }

  /**
   * Names the next timer, queues its job, removes the jobs of the timers it replaces, then stops
   * naming them: a crash anywhere leaves every job that may exist named, for the next plan.
   */
  async plan(request: TrackedRequest, settings: ChannelSettings, options: { fired?: Omit<TimerJob, 'fireAt'> } = {}): Promise<void> {
    const fired = options.fired ? nameOf(options.fired) : undefined;
    const ordered = timersInOrder(request, settings, this.clock.now());
    const next = await this.next(request, ordered, fired);
    const named = await this.name(request.teamId, request.id, next ? nameOf(next.timer) : '');
    if (!named) return; // the request is gone
    if (next && !next.queued) {
      const data: StoredTimer = { f: next.timer.fireAt };
      await this.queue.add(next.timer.kind, data, { jobId: next.id, delay: Math.max(0, Math.round(this.clock.msUntil(next.timer.fireAt))) });
    }
    // The ones it replaces go (each is planned again when its turn comes); but a timer still about
    // the request as it is that planning would not choose at all now (an "On track?" now too close
    // to the ETA to ask) fires anyway and lets domain/reminders decide. The fired one's job is
    // finishing: it is only no longer named.
    const planned = new Set(ordered.map(nameOf));
    const keep = (name: string) => name === (next && nameOf(next.timer)) || (!planned.has(name) && this.stillCurrent(request, name));
    const obsolete = named.filter((name) => !keep(name));
    await this.remove(request, obsolete.filter((name) => name !== fired));
    await this.unname(request.teamId, request.id, obsolete);
  }

  async repair(request: TrackedRequest, settings: ChannelSettings): Promise<number> {
    const next = await this.next(request, timersInOrder(request, settings, this.clock.now()));
    // Naming nothing lists what is named (and takes over the previous version's set).
    const named = (await this.name(request.teamId, request.id, '')) ?? [];
    const missing = next !== undefined && !next.queued;
    if (missing || named.join() !== (next ? nameOf(next.timer) : '')) await this.plan(request, settings);
    return missing ? 1 : 0;
  }

  async cancelAll(teamId: string, requestId: string): Promise<void> {
    const named = (await this.name(teamId, requestId, '')) ?? [];
    await this.remove({ teamId, id: requestId }, named);
    await this.unname(teamId, requestId, named);
  }

  /**
   * The first of the request's timers to fire whose job has not failed for good (a failed job
   * stays a while, and its id cannot be queued again: the timer after it is planned instead), but
   * for `fired`, the job running now.
   */
  private async next(request: TrackedRequest, ordered: PlannedTimer[], fired?: string): Promise<Candidate | undefined> {
    const timers = ordered.filter((timer) => nameOf(timer) !== fired).map((timer) => ({ timer, id: this.idOf(request, timer) }));
    if (timers.length === 0) return undefined;
    const pipe = this.redis.pipeline();
    for (const { id } of timers) pipe.exists(this.queue.toKey(id)).hexists(this.queue.toKey(id), 'finishedOn');
    const answers = ((await pipe.exec()) ?? []).map(([, n]) => n === 1);
    for (const [i, c] of timers.entries()) {
      if (!answers[2 * i + 1]) return { ...c, queued: answers[2 * i] === true };
    }
    return undefined;
  }

  /** Names `name` ('' for none) among the request's timers; returns every timer named, or undefined when the request is gone. */
  private async name(teamId: string, requestId: string, name: string): Promise<string[] | undefined> {
    const k = teamKeys(this.prefix, teamId);
    return (await this.redis.kuittausNameTimer(k.request(requestId), k.requestTimers(requestId), name)) ?? undefined;
  }

  private async unname(teamId: string, requestId: string, names: string[]): Promise<void> {
    if (names.length === 0) return;
    const k = teamKeys(this.prefix, teamId);
    await this.redis.kuittausUnnameTimers(k.request(requestId), k.requestTimers(requestId), ...names);
  }

  /** A named timer's job id (a previous version's id that could not be read is its own). */
  private idOf(request: Pick<TrackedRequest, 'teamId' | 'id'>, timer: Pick<PlannedTimer, 'kind' | 'dueAt'> | string): string {
    const t = typeof timer === 'string' ? timerOfName(timer) : timer;
    if (!t) return timer as string;
    return timerJobId({ kind: t.kind, teamId: request.teamId, requestId: request.id, dueAt: t.dueAt });
  }

  /** Whether a named timer is still about the request as it is now. */
  private stillCurrent(request: TrackedRequest, name: string): boolean {
    const timer = timerOfName(name) ?? timerOfJobId(name);
    return timer !== undefined && isCurrentTimer(timer.kind, timer.dueAt, request);
  }

  private async remove(request: Pick<TrackedRequest, 'teamId' | 'id'>, names: string[]): Promise<void> {
    // A job that is running right now is locked and stays; it finds the request moved on and skips.
    await Promise.all([...new Set(names)].map((name) => this.queue.remove(this.idOf(request, name)).catch(() => 0)));
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

/** The timer a name of the request's hash stands for. */
function timerOfName(name: string): Pick<TimerJob, 'kind' | 'dueAt'> | undefined {
  const match = NAME.exec(name);
  return match ? { kind: match[1] as TimerJob['kind'], dueAt: Number(match[2]) } : undefined;
}
