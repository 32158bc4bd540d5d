/**
 * Timers as BullMQ delayed jobs, one per (kind, request, due time) with a deterministic id, so
 * planning twice schedules once. Each request's pending job ids are kept in a Redis set; planning
 * removes the ones the request no longer needs, and closing a request removes them all.
 */
import { Queue } from 'bullmq';
import type { RedisClient } from '../store/redis-client';
import type { Clock, Timers } from '../app/ports';
import type { TrackedRequest } from '../domain/request';
import type { ChannelSettings } from '../domain/settings';
import type { ReminderKind } from '../domain/reminders';
import { isCurrentTimer, plannedTimers } from '../domain/timers';
import { bullPrefix, teamKeys } from '../store/keys';
import { type TimerJob, timerJobId } from './job-schemas';
import { CAPPED_BACKOFF } from './queues';

export const TIMERS_QUEUE = 'timers';
/** Name of the weekly digest's jobs in the timers queue. */
export const DIGEST_JOB = 'digest';

const TIMER_ID = /^(reminder|escalation|on_track|eta_missed|client_nudge|owner_nudge)_.+_(\d+)$/;

/** A scheduled timer (by its job id) that is about the request's present due time or ETA. */
function stillCurrent(jobId: string, request: TrackedRequest): boolean {
  const match = TIMER_ID.exec(jobId);
  if (!match) return false;
  return isCurrentTimer(match[1] as ReminderKind, Number(match[2]), request);
}

export class TimerQueue implements Timers {
  readonly queue: Queue;

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly clock: Clock,
  ) {
    this.queue = new Queue(TIMERS_QUEUE, {
      connection: redis,
      prefix: bullPrefix(prefix),
      defaultJobOptions: {
        attempts: 40,
        backoff: { type: CAPPED_BACKOFF },
        // A fired timer records what it did on the request itself, so its job can go at once.
        removeOnComplete: true,
        removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
      },
    });
  }

  async plan(request: TrackedRequest, settings: ChannelSettings): Promise<void> {
    const now = this.clock.now();
    const jobs = plannedTimers(request, settings, now).map((timer) => ({
      timer,
      data: { kind: timer.kind, teamId: request.teamId, requestId: request.id, dueAt: timer.dueAt, fireAt: timer.fireAt } satisfies TimerJob,
    }));
    const setKey = teamKeys(this.prefix, request.teamId).requestTimers(request.id);
    const wanted = new Set(jobs.map((j) => timerJobId(j.data)));
    const known = await this.redis.smembers(setKey);
    const obsolete = known.filter((id) => !wanted.has(id) && !stillCurrent(id, request));
    if (wanted.size > 0) await this.redis.sadd(setKey, ...wanted);
    await Promise.all(
      jobs.map(({ timer, data }) =>
        this.queue.add(data.kind, data, {
          jobId: timerJobId(data),
          delay: Math.max(0, Math.round(this.clock.msUntil(timer.fireAt))),
        }),
      ),
    );
    await this.remove(setKey, obsolete);
  }

  async repair(request: TrackedRequest, settings: ChannelSettings): Promise<number> {
    const ids = plannedTimers(request, settings, this.clock.now()).map((timer) =>
      timerJobId({ kind: timer.kind, teamId: request.teamId, requestId: request.id, dueAt: timer.dueAt }),
    );
    if (ids.length === 0) return 0;
    const pipe = this.redis.pipeline();
    for (const id of ids) pipe.exists(this.queue.toKey(id));
    const missing = ((await pipe.exec()) ?? []).filter(([, exists]) => exists === 0).length;
    if (missing > 0) await this.plan(request, settings);
    return missing;
  }

  async cancelAll(teamId: string, requestId: string): Promise<void> {
    const setKey = teamKeys(this.prefix, teamId).requestTimers(requestId);
    await this.remove(setKey, await this.redis.smembers(setKey));
  }

  private async remove(setKey: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    // A job that is running right now is locked and stays; it finds the request moved on and skips.
    await Promise.all(ids.map((id) => this.queue.remove(id).catch(() => 0)));
    await this.redis.srem(setKey, ...ids);
  }

  /**
   * Promotes every delayed timer planned to fire by `now` (the demo and tests move a clock of their
   * own forward instead of waiting). A due timer that already ran and is waiting to retry (paced,
   * rate limited) keeps its real-time delay. Returns how many were promoted and how many retry.
   */
  async promoteDue(now: number): Promise<{ promoted: number; retrying: number }> {
    const delayed = await this.queue.getDelayed();
    const due = delayed.filter((job) => typeof job.data?.fireAt === 'number' && job.data.fireAt <= now);
    const fresh = due.filter((job) => !job.processedOn);
    await Promise.all(fresh.map((job) => job.promote().catch(() => undefined)));
    return { promoted: fresh.length, retrying: due.length - fresh.length };
  }

  /** When the next timer that has not run yet is planned to fire (tests step a clock of their own from one to the next). */
  async nextFireAt(): Promise<number | undefined> {
    const planned = (await this.queue.getDelayed()).filter((job) => !job.processedOn && typeof job.data?.fireAt === 'number');
    return planned.length > 0 ? Math.min(...planned.map((job) => job.data.fireAt as number)) : undefined;
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
