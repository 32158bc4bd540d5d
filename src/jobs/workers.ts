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
import { fireTimer } from '../app/lifecycle/fire-timer';
import { deliverOwnerNotice } from '../app/lifecycle/owner-notices';
import { announceOwner, askForEta } from '../app/lifecycle/owning';
import { deliverClosing } from '../app/lifecycle/resolution';
import { deliverClientUpdate } from '../app/lifecycle/updates';
import { publishHome } from '../app/status/app-home';
import { trackMessage } from '../app/track-message';
import { PermanentDeliveryError, RetryLaterError, classifyDeliveryError } from '../slack/outbound/delivery-errors';
import { digestJobSchema, intakeJobSchema, outboxJobSchema, timerJobSchema } from './job-schemas';
import { DIGEST_JOB, TIMERS_QUEUE } from './timer-queue';
import { sendDigest } from '../app/status/report';
import { CAPPED_BACKOFF, QueueName, cappedBackoffMs } from './queues';

export interface WorkerOptions {
  prefix: string;
  concurrency: { intake: number; outbox: number; timers: number };
  /** Lock and stall-check periods; shorter ones let tests see a killed worker's jobs sooner. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
}

export function startWorkers(deps: Deps, connection: Redis, options: WorkerOptions): Worker[] {
  const common = {
    connection,
    prefix: `${options.prefix}:bull`,
    settings: { backoffStrategy: (attemptsMade: number) => cappedBackoffMs(attemptsMade) },
    // A job interrupted by a crash or a hurried shutdown is retried, not failed, up to five times.
    maxStalledCount: 5,
    ...(options.lockDurationMs ? { lockDuration: options.lockDurationMs } : {}),
    ...(options.stalledIntervalMs ? { stalledInterval: options.stalledIntervalMs } : {}),
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
        case 'ask_eta':
          return askForEta(deps, data.teamId, data.requestId, data.ownerId);
        case 'client_update':
          return deliverClientUpdate(deps, data.teamId, data.requestId, data.seq, data.update);
        case 'closing':
          return deliverClosing(deps, data.teamId, data.requestId, data.resolvedAt, data.summary);
        case 'home':
          return publishHome(deps, data.teamId, data.userId);
        case 'notify_owner':
          return deliverOwnerNotice(deps, data.teamId, data.requestId, data.messageTs, data.reason);
      }
    }),
    { ...common, concurrency: options.concurrency.outbox },
  );
  const timers = new Worker(
    TIMERS_QUEUE,
    guarded(deps.log, async (job) => {
      if (job.name === DIGEST_JOB) return sendDigest(deps, parse(digestJobSchema, job).teamId);
      return fireTimer(deps, parse(timerJobSchema, job));
    }),
    { ...common, concurrency: options.concurrency.timers },
  );
  for (const worker of [intake, outbox, timers]) {
    worker.on('failed', (job, error) =>
      deps.log.warn({ queue: worker.name, jobId: job?.id, attempts: job?.attemptsMade, err: error }, 'job failed'),
    );
    worker.on('error', (error) => deps.log.error({ queue: worker.name, err: error }, 'worker error'));
  }
  return [intake, outbox, timers];
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
      // A read that Slack refuses for good (an unknown channel or user) fails the job at once too.
      const classified = classifyDeliveryError(error);
      if (classified instanceof PermanentDeliveryError) throw new UnrecoverableError(classified.message);
      throw error;
    }
  };
}

export { CAPPED_BACKOFF };
