/**
 * The daily retention purge as a BullMQ job scheduler in a queue of its own: one job per day and
 * team, which one worker of one instance runs, so two purges never run at once.
 */
import { Queue, Worker } from 'bullmq';
import type { RedisClient } from '../store/redis-client';
import { z } from 'zod';
import type { Deps } from '../app/deps';
import { purgeExpired } from '../app/retention/purge';
import { bullPrefix } from '../store/keys';

export const RETENTION_QUEUE = 'retention';
export const PURGE_JOB = 'purge';
/** Every night at 03:15 in the team's time zone, when little else happens. */
export const PURGE_PATTERN = '15 3 * * *';

const purgeJobSchema = z.object({ teamId: z.string().min(1) });

export class RetentionQueue {
  readonly queue: Queue;

  constructor(connection: RedisClient, prefix: string) {
    this.queue = new Queue(RETENTION_QUEUE, {
      connection,
      prefix: bullPrefix(prefix),
      // A failed run is simply the next night's work too; a few retries cover a Redis blip.
      defaultJobOptions: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 }, removeOnComplete: true, removeOnFail: { count: 30 } },
    });
  }

  async schedule(teamId: string, timezone: string): Promise<void> {
    await this.queue.upsertJobScheduler(`purge_${teamId}`, { pattern: PURGE_PATTERN, tz: timezone }, { name: PURGE_JOB, data: { teamId } });
  }

  /** The worker: one purge at a time; its `now` is the app's clock. */
  work(
    deps: Pick<Deps, 'retention' | 'retentionDays' | 'timers' | 'intake' | 'outbox' | 'settings' | 'log' | 'clock'>,
    connection: RedisClient,
    prefix: string,
    onWorkerError?: (queue: string, error: Error) => void,
  ): Worker {
    const worker = new Worker(
      RETENTION_QUEUE,
      async (job) => {
        const { teamId } = purgeJobSchema.parse(job.data);
        return purgeExpired(deps, teamId, deps.clock.now());
      },
      { connection, prefix: bullPrefix(prefix), concurrency: 1 },
    );
    worker.on('failed', (job, error) => deps.log.warn({ queue: RETENTION_QUEUE, jobId: job?.id, err: error }, 'retention purge failed'));
    worker.on('error', (error) => (onWorkerError ? onWorkerError(RETENTION_QUEUE, error) : deps.log.error({ queue: RETENTION_QUEUE, err: error }, 'worker error')));
    return worker;
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
