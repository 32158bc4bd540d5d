/**
 * BullMQ workers. Each job is parsed, handed to one use case, and its failure mapped onto
 * BullMQ's retry semantics: RetryLaterError → delayed by the known time (not an attempt),
 * PermanentDeliveryError or a malformed payload → UnrecoverableError, anything else → backoff.
 */
import { DelayedError, type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Deps } from '../app/deps';
import { deliverAcknowledgement } from '../app/deliver-acknowledgement';
import { retractAcknowledgement } from '../app/dismiss-request';
import { intakeMessage } from '../app/intake-message';
import { refreshCard } from '../app/refresh-card';
import { announceOwner } from '../app/claim-request';
import { trackMessage } from '../app/track-message';
import { PermanentDeliveryError, RetryLaterError } from '../slack/outbound/delivery-errors';
import { intakeJobSchema, outboxJobSchema } from './job-schemas';
import { CAPPED_BACKOFF, QueueName, cappedBackoffMs } from './queues';

export interface WorkerOptions {
  prefix: string;
  concurrency: { intake: number; outbox: number };
}

export function startWorkers(deps: Deps, connection: Redis, options: WorkerOptions): Worker[] {
  const common = {
    connection,
    prefix: `${options.prefix}:bull`,
    settings: { backoffStrategy: (attemptsMade: number) => cappedBackoffMs(attemptsMade) },
    // A job interrupted by a crash or a hurried shutdown is retried, not failed, up to five times.
    maxStalledCount: 5,
  };
  const intake = new Worker(
    QueueName.Intake,
    guarded(deps.log, async (job) => {
      const data = parse(intakeJobSchema, job);
      const result =
        data.kind === 'message'
          ? await intakeMessage(deps, data.teamId, data.message)
          : await trackMessage(deps, data);
      return result;
    }),
    { ...common, concurrency: options.concurrency.intake },
  );
  const outbox = new Worker(
    QueueName.Outbox,
    guarded(deps.log, async (job) => {
      const data = parse(outboxJobSchema, job);
      switch (data.kind) {
        case 'ack':
          return deliverAcknowledgement(deps, data.teamId, data.requestId);
        case 'card':
          return refreshCard(deps, data.teamId, data.requestId, data.revision);
        case 'retract':
          return retractAcknowledgement(deps, data.teamId, data.requestId);
        case 'announce_owner':
          return announceOwner(deps, data.teamId, data.requestId, data.ownerId);
      }
    }),
    { ...common, concurrency: options.concurrency.outbox },
  );
  for (const worker of [intake, outbox]) {
    worker.on('failed', (job, error) =>
      deps.log.warn({ queue: worker.name, jobId: job?.id, attempts: job?.attemptsMade, err: error }, 'job failed'),
    );
    worker.on('error', (error) => deps.log.error({ queue: worker.name, err: error }, 'worker error'));
  }
  return [intake, outbox];
}

function parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: unknown } }, job: Job): T {
  const parsed = schema.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`malformed ${job.name} job ${job.id}`);
  return parsed.data;
}

function guarded(log: Logger, process: (job: Job) => Promise<unknown>) {
  return async (job: Job, token?: string) => {
    try {
      return await process(job);
    } catch (error) {
      if (error instanceof RetryLaterError) {
        log.debug({ jobId: job.id, delayMs: error.delayMs }, error.message);
        await job.moveToDelayed(Date.now() + error.delayMs, token);
        throw new DelayedError();
      }
      if (error instanceof PermanentDeliveryError) throw new UnrecoverableError(error.message);
      throw error;
    }
  };
}

export { CAPPED_BACKOFF };
