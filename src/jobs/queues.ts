/** The BullMQ queues: `intake` (decide about Slack events) and `outbox` (talk to Slack). */
import { Queue, type JobsOptions } from 'bullmq';
import type { RedisClient } from '../store/redis-client';
import type { IntakeResubmission, Resubmitted } from '../app/catch-up/ports';
import type { MessageFacts } from '../domain/spotting-types';
import { intakeFacts } from '../domain/intake-facts';
import { type IntakeJob, type OutboxJob, intakeJobId, outboxJobId } from './job-schemas';
import { bullPrefix } from '../store/keys';
import type { RedisIntakeHold } from '../store/redis-intake-hold';

/** A job's data keeps no more of the client's words than the request will (the excerpt). */
function trimmed(job: IntakeJob): IntakeJob {
  if (job.kind === 'message') return { ...job, message: intakeFacts(job.message) };
  return job.message ? { ...job, message: intakeFacts(job.message) } : job;
}

export const QueueName = { Intake: 'intake', Outbox: 'outbox' } as const;

/** Custom backoff type registered by the workers: exponential, capped at five minutes. */
export const CAPPED_BACKOFF = 'capped-exponential';

export function cappedBackoffMs(attemptsMade: number, capMs = 5 * 60_000, baseMs = 1000): number {
  const exp = Math.min(capMs, baseMs * 2 ** Math.max(0, attemptsMade - 1));
  return Math.round(exp * (0.8 + Math.random() * 0.4));
}

const jobDefaults: JobsOptions = {
  // ~40 attempts with a 5-minute cap keeps retrying through a Slack outage of about three hours.
  attempts: 40,
  backoff: { type: CAPPED_BACKOFF },
  // Completed jobs stay a day so that their deterministic ids keep deduplicating retries.
  removeOnComplete: { age: 24 * 3600, count: 100_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
};

/** Outbox jobs whose completed copies nothing reads (see JobQueues.outboxPort.add). */
const FORGET_WHEN_DONE: ReadonlySet<OutboxJob['kind']> = new Set(['ack', 'card']);

/**
 * A completed intake job's id keeps catch-up from handing the same message over again; an hour
 * covers its rounds. Later, a message handed over again meets the request's message key (or is
 * ignored again, its notices deduplicated by their outbox ids), so the job need not stay a day.
 */
const INTAKE_KEEP_DONE = { age: 3600, count: 100_000 };

const messageJobId = (teamId: string, channelId: string, ts: string) => intakeJobId({ kind: 'message', teamId, message: { channelId, ts, text: '' } });

/** A held job's data, or undefined when it is not one (the worker parses it in full). */
function parseHeld(data: string): IntakeJob | undefined {
  try {
    const job = JSON.parse(data) as unknown;
    return typeof job === 'object' && job !== null && typeof (job as { kind?: unknown }).kind === 'string' ? (job as IntakeJob) : undefined;
  } catch {
    return undefined;
  }
}

/** Removes a finished (failed or completed) job so that its id can be queued again. */
async function removeJob(queue: Queue, id: string): Promise<void> {
  const job = await queue.getJob(id);
  if (job) await job.remove().catch(() => undefined);
}

/** Ports the use cases enqueue through. */
export interface IntakeQueue {
  /**
   * `delayMs`: held back that long, as a write-ahead of the receiving process, which handles it
   * first (see handled and release); queued as a job only when its time is up.
   */
  add(job: IntakeJob, options?: { delayMs?: number }): Promise<void>;
  /** Queues a job that failed for good once more (its failed copy is removed first). */
  replay(job: IntakeJob): Promise<void>;
  /** Removes the job of a message event, held or queued, whatever its state (its data holds the client's excerpt). */
  forget(teamId: string, channelId: string, ts: string): Promise<void>;
  /** The receiving process handled the held-back message: nothing is left to queue. */
  handled(teamId: string, channelId: string, ts: string): Promise<void>;
  /** Queues the held-back job of a message event now (the receiving process could not do it). */
  release(teamId: string, channelId: string, ts: string): Promise<void>;
}
export interface OutboxQueue {
  add(job: OutboxJob): Promise<void>;
  /** Queues a job that failed for good once more (its failed copy is removed first). */
  replay(job: OutboxJob): Promise<void>;
  /** Removes jobs by id, whatever their state (a purged request's, kept after they ran). */
  forget(jobIds: string[]): Promise<void>;
}

export class JobQueues implements IntakeQueue, IntakeResubmission {
  readonly intake: Queue;
  readonly outbox: Queue;
  readonly outboxPort: OutboxQueue;

  /**
   * `backlogGatherMs`: how long a backlog summary waits before it reads what is behind, so that
   * the late timers of one outage (which fire at once, as fast as the timer workers go) all count.
   * `held`: where a message held back for its receiving process waits (without it, a held-back
   * job is queued at once: for tools and tests that do not run a pump).
   */
  constructor(
    connection: RedisClient,
    prefix: string,
    private readonly backlogGatherMs = 20_000,
    private readonly held?: RedisIntakeHold,
  ) {
    this.intake = new Queue(QueueName.Intake, { connection, prefix: bullPrefix(prefix), defaultJobOptions: jobDefaults });
    this.outbox = new Queue(QueueName.Outbox, { connection, prefix: bullPrefix(prefix), defaultJobOptions: jobDefaults });
    this.outboxPort = {
      add: async (job) => {
        // A Home refresh waits a moment so that a burst of changes publishes once (same job id),
        // and leaves at once when done so that the next change can queue another.
        const home = job.kind === 'home' ? { delay: 1000, removeOnComplete: true } : {};
        // A backlog summary waits until the late timers of an outage have all fired (same job id).
        const backlog = job.kind === 'backlog_summary' ? { delay: this.backlogGatherMs } : {};
        // The acknowledgement and the card are safe to run again (the request records the ack and
        // the card; postOnce finds a post by its key): nothing needs their finished jobs' ids.
        const forgotten = FORGET_WHEN_DONE.has(job.kind) ? { removeOnComplete: true } : {};
        await this.outbox.add(job.kind, job, { jobId: outboxJobId(job), ...home, ...backlog, ...forgotten });
      },
      replay: async (job) => {
        await removeJob(this.outbox, outboxJobId(job));
        await this.outboxPort.add(job);
      },
      forget: async (jobIds) => {
        for (const id of jobIds) await removeJob(this.outbox, id);
      },
    };
  }

  async add(job: IntakeJob, options: { delayMs?: number } = {}): Promise<void> {
    if (options.delayMs && this.held) {
      await this.held.hold(job.teamId, intakeJobId(job), JSON.stringify(trimmed(job)), Date.now() + options.delayMs);
      return;
    }
    await this.queue(intakeJobId(job), trimmed(job));
  }

  async replay(job: IntakeJob): Promise<void> {
    await removeJob(this.intake, intakeJobId(job));
    await this.add(job);
  }

  async forget(teamId: string, channelId: string, ts: string): Promise<void> {
    const id = messageJobId(teamId, channelId, ts);
    await this.held?.drop(teamId, id);
    await removeJob(this.intake, id);
  }

  async handled(teamId: string, channelId: string, ts: string): Promise<void> {
    await this.held?.drop(teamId, messageJobId(teamId, channelId, ts));
  }

  async release(teamId: string, channelId: string, ts: string): Promise<void> {
    const id = messageJobId(teamId, channelId, ts);
    const data = await this.held?.data(teamId, id);
    // Gone (handled, or queued already by a pump), or unreadable: the pump drops and reports that.
    const job = data === undefined ? undefined : parseHeld(data);
    if (job) await this.queueHeldJob(teamId, id, job);
  }

  /**
   * Queues the held-back jobs whose time is up (their receiving process died, or is stuck): every
   * instance runs this about once a second; the job id makes it once, whoever gets there first.
   * Returns how many were queued, the ids of entries that could not be read (dropped: catch-up
   * hands their messages over again), and the errors of those that could not be queued (they
   * stay, and the next round tries them again).
   */
  async queueHeld(teamId: string, now: number, batch = 100): Promise<{ queued: number; damaged: string[]; failed: unknown[] }> {
    const outcome = { queued: 0, damaged: [] as string[], failed: [] as unknown[] };
    if (!this.held) return outcome;
    for (const { id, data } of await this.held.due(teamId, now, batch)) {
      const job = parseHeld(data);
      try {
        if (job) {
          await this.queueHeldJob(teamId, id, job);
          outcome.queued++;
        } else {
          outcome.damaged.push(id);
          await this.held.drop(teamId, id);
        }
      } catch (error) {
        outcome.failed.push(error);
      }
    }
    return outcome;
  }

  /** How many messages are held back for their receiving process. */
  async heldCount(teamId: string): Promise<number> {
    return this.held ? this.held.count(teamId) : 0;
  }

  /** A held job becomes its intake job, then is let go (dropped first, it could be lost). */
  private async queueHeldJob(teamId: string, id: string, job: IntakeJob): Promise<void> {
    await this.queue(id, job);
    await this.held?.drop(teamId, id);
  }

  private async queue(jobId: string, job: IntakeJob): Promise<void> {
    await this.intake.add(job.kind, job, { jobId, removeOnComplete: INTAKE_KEEP_DONE });
  }

  /**
   * Catch-up hands a message to intake again. The job id is the event's, so a message already
   * queued or handled is left alone; one whose intake failed for good (say users.info answered
   * invalid_auth while the token was revoked) would make a plain add a no-op: it is retried.
   */
  async resubmit(teamId: string, message: MessageFacts): Promise<Resubmitted> {
    const job: IntakeJob = { kind: 'message', teamId, message: intakeFacts(message) };
    const jobId = intakeJobId(job);
    // Held back for the process that received it: it is being handled, or will be queued.
    if (await this.held?.isHeld(teamId, jobId)) return 'known';
    const existing = await this.intake.getJob(jobId);
    if (!existing) {
      await this.intake.add(job.kind, job, { jobId, removeOnComplete: INTAKE_KEEP_DONE });
      return 'added';
    }
    if ((await existing.getState()) !== 'failed') return 'known';
    try {
      await existing.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      return 'retried';
    } catch (error) {
      // Another instance retried it first.
      if ((await existing.getState()) !== 'failed') return 'known';
      throw error;
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.intake.close(), this.outbox.close()]);
  }
}
