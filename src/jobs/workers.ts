/**
 * BullMQ workers. Each job is parsed, handed to one use case, and its failure mapped onto
 * BullMQ's retry semantics (see ../slack/outbound/delivery-errors for the classes):
 * RetryLaterError → delayed by the known time (not an attempt); SlackAuthError, or any job while
 * Slack refuses the token → parked (delayed, not an attempt, no Slack call) until it works again;
 * PermanentDeliveryError → failed at once; anything else → backoff. A job that fails for good
 * (refused, or out of attempts) is handed to `deliveryFailed`, so that a person hears of it.
 */
import { DelayedError, type Job, UnrecoverableError, Worker } from 'bullmq';
import type { RedisClient } from '../store/redis-client';
import type { Logger } from 'pino';
import type { Deps } from '../app/deps';
import { intakeMessage } from '../app/intake-message';
import { fireTimer, planAfter } from '../app/lifecycle/fire-timer';
import { deliverBacklogSummary } from '../slack/delivery/backlog-summary';
import { publishHome } from '../slack/delivery/home';
import { trackMessage } from '../app/track-message';
import { deliveryFailed, type FailedJob } from '../app/delivery-failures';
import type { OutboxJob } from './job-schemas';
import type { JobMetrics } from './job-metrics';
import type { ClientPost } from '../slack/delivery/client-post';
import { deliverAcknowledgement } from '../slack/delivery/acknowledgement';
import { refreshCard } from '../slack/delivery/card';
import { deliverClientUpdate } from '../slack/delivery/client-update';
import { deliverClosing } from '../slack/delivery/closing';
import { deliverFailureNotice } from '../slack/delivery/failure-notice';
import { deliverFeedbackAlert, deliverFeedbackThanks } from '../slack/delivery/feedback';
import { deliverHoldingLine } from '../slack/delivery/holding-line';
import { deliverWaitingLine } from '../slack/delivery/waiting-line';
import { deliverDirectMessageHelp, deliverUnknownAuthor } from '../slack/delivery/spotting-notices';
import { announceOwner, askForEta } from '../slack/delivery/owner';
import { deliverOwnerNotice } from '../slack/delivery/owner-notice';
import { alertOnCall } from '../slack/delivery/on-call';
import { retractAcknowledgement } from '../slack/delivery/retraction';
import type { SlackAuthState } from '../slack/auth-state';
import { ChannelLostError, PermanentDeliveryError, RetryLaterError, SlackAuthError, classifyDeliveryError, failureCode } from '../slack/outbound/delivery-errors';
import { assertChannelOpen } from '../app/lifecycle/channel-events';
import { CLIENT_LINE_INTENTS } from '../app/ports';

/** What the outbox posts into the client's channel (and must not while the channel is lost). */
const INTO_CLIENT_CHANNEL = CLIENT_LINE_INTENTS;
import { digestJobSchema, intakeJobSchema, outboxJobSchema } from './job-schemas';
import { timerJobSchema } from './timer-job';
import { DIGEST_JOB, TIMERS_QUEUE } from './timer-queue';
import { sendDigest } from '../slack/delivery/digest';
import { deliverThanks } from '../slack/delivery/thanks';
import { CAPPED_BACKOFF, QueueName, cappedBackoffMs } from './queues';
import { bullPrefix } from '../store/keys';

/** How long a client message waits for the one before it before going anyway (a lost job). */
const LINE_PATIENCE_MS = 10 * 60_000;

/** A client message goes out only after the one before it in the request's line. */
async function waitForTurn(deps: Deps, teamId: string, place: { requestId: string; order: number; after: number }, queuedAt: number): Promise<void> {
  if (place.after === 0 || (await deps.clientLine.done(teamId, place.requestId, place.after))) return;
  if (Date.now() - queuedAt > LINE_PATIENCE_MS) {
    deps.log.warn({ requestId: place.requestId, order: place.order, after: place.after }, 'the client message before this one never went out; sending this one anyway');
    return;
  }
  throw new RetryLaterError(250, `client message ${place.order} of ${place.requestId} waits for ${place.after}`);
}

export interface WorkerOptions {
  prefix: string;
  concurrency: { intake: number; outbox: number; timers: number };
  /** Lock and stall-check periods; shorter ones let tests see a killed worker's jobs sooner. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** Counts client messages, timers and failures for /metrics. */
  metrics?: JobMetrics;
  /**
   * Where a worker's `error` events go (default: one error line each). The composition root
   * passes its Redis connection log, so that an outage is one line, not one per worker and retry.
   */
  onWorkerError?: (queue: string, error: Error) => void;
}

export function startWorkers(deps: Deps, connection: RedisClient, auth: SlackAuthState, options: WorkerOptions): Worker[] {
  const common = {
    connection,
    prefix: bullPrefix(options.prefix),
    settings: { backoffStrategy: (attemptsMade: number) => cappedBackoffMs(attemptsMade) },
    // A job interrupted by a crash or a hurried shutdown is retried, not failed, up to five times.
    maxStalledCount: 5,
    ...(options.lockDurationMs ? { lockDuration: options.lockDurationMs } : {}),
    ...(options.stalledIntervalMs ? { stalledInterval: options.stalledIntervalMs } : {}),
  };
  const failed = (queue: FailedJob['queue']) => async (job: Job, error: unknown) => {
    options.metrics?.deliveryFailed(queue, queue === 'intake' ? 'intake' : String((job.data as { kind?: string }).kind ?? job.name), failureCode(error));
    await deliveryFailed(deps, { queue, id: job.id ?? '', createdAt: job.timestamp, data: job.data } as FailedJob, failureCode(error), {
      // A lost channel was announced once; each message that waits for it is only recorded.
      // (Thanks a team lead passed on are theirs: they hear of it, even when the channel was announced.)
      quiet: error instanceof ChannelLostError && (job.data as { kind?: string }).kind !== 'pass_thanks',
    });
    // A timer given up on leaves the request its next one (an escalation after a failed reminder).
    const timer = queue === 'timers' ? timerJobSchema.safeParse(job.data) : undefined;
    if (timer?.success) await planAfter(deps, timer.data);
    // A client message given up on lets the ones after it go (it waits as a dead letter).
    const { teamId, requestId, order } = job.data as { teamId?: string; requestId?: string; order?: number };
    if (queue === 'outbox' && teamId && requestId && typeof order === 'number') await deps.clientLine.markDone(teamId, requestId, order);
  };
  const intake = new Worker(
    QueueName.Intake,
    guarded(deps.log, auth, failed('intake'), async (job) => {
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
    guarded(deps.log, auth, failed('outbox'), async (job) => {
      const data = parse(outboxJobSchema, job);
      if (INTO_CLIENT_CHANNEL.has(data.kind) && 'requestId' in data) await assertChannelOpen(deps, data.teamId, data.requestId as string);
      const place = 'order' in data && data.order !== undefined ? { requestId: (data as { requestId: string }).requestId, order: data.order, after: data.after ?? 0 } : undefined;
      if (place) await waitForTurn(deps, data.teamId, place, job.timestamp);
      const posted = await deliverOutbox(data);
      if (posted) options.metrics?.clientPosted(posted);
      if (place) await deps.clientLine.markDone(data.teamId, place.requestId, place.order);
    }),
    { ...common, concurrency: options.concurrency.outbox },
  );
  /** Delivers one outbox job; returns what the client was told, if anything. */
  async function deliverOutbox(data: OutboxJob): Promise<ClientPost | undefined> {
    switch (data.kind) {
      case 'ack':
        return deliverAcknowledgement(deps, data.teamId, data.requestId);
      case 'card':
        return void (await refreshCard(deps, data.teamId, data.requestId, data.revision));
      case 'retract':
        return void (await retractAcknowledgement(deps, data.teamId, data.requestId));
      case 'announce_owner':
        return announceOwner(deps, data.teamId, data.requestId, data.ownerId);
      case 'ask_eta':
        return void (await askForEta(deps, data.teamId, data.requestId, data.ownerId));
      case 'on_call':
        return void (await alertOnCall(deps, data.teamId, data.requestId, data.userId));
      case 'client_update':
        return deliverClientUpdate(deps, data.teamId, data.requestId, data.seq, data.update);
      case 'closing':
        return deliverClosing(deps, data.teamId, data.requestId, data.resolvedAt, data.summary, data.thanks);
      case 'feedback_thanks':
        return void (await deliverFeedbackThanks(deps, data.teamId, data.requestId, data.rating));
      case 'holding_line':
        return deliverHoldingLine(deps, data.teamId, data.requestId, data.dueAt, data.promisedAt);
      case 'waiting_line':
        return deliverWaitingLine(deps, data.teamId, data.requestId, data.step, data.since);
      case 'feedback_alert':
        return void (await deliverFeedbackAlert(deps, data.teamId, data.requestId, data.userId, data.rating));
      case 'dm_help':
        return void (await deliverDirectMessageHelp(deps, data.teamId, data.channelId, data.ts, data.threadTs));
      case 'unknown_author':
        return void (await deliverUnknownAuthor(deps, data));
      case 'backlog_summary':
        return void (await deliverBacklogSummary(deps, data));
      case 'pass_thanks':
        return void (await deliverThanks(deps, data));
      case 'home':
        return void (await publishHome(deps, data.teamId, data.userId));
      case 'notify_owner':
        return void (await deliverOwnerNotice(deps, data.teamId, data.requestId, data.messageTs, data.reason));
      case 'failure_notice':
        return void (await deliverFailureNotice(deps, data));
    }
  }
  const timers = new Worker(
    TIMERS_QUEUE,
    guarded(deps.log, auth, failed('timers'), async (job) => {
      if (job.name === DIGEST_JOB) return sendDigest(deps, parse(digestJobSchema, job).teamId);
      const outcome = await fireTimer(deps, parse(timerJobSchema, job));
      options.metrics?.timerFired(outcome);
      return outcome;
    }),
    { ...common, concurrency: options.concurrency.timers },
  );
  const finalFailures = new Map<Worker, (job: Job, error: unknown) => Promise<void>>([
    [intake, failed('intake')],
    [outbox, failed('outbox')],
    [timers, failed('timers')],
  ]);
  for (const [worker, onFinalFailure] of finalFailures) {
    worker.on('failed', (job, error) => {
      deps.log.warn({ queue: worker.name, jobId: job?.id, attempts: job?.attemptsMade, err: error }, 'job failed');
      // Failed by BullMQ without running (its process kept dying while it ran): nobody has been
      // told yet, so it ends like any delivery given up on.
      if (job && failedWithoutRunning(job, error)) {
        onFinalFailure(job, error).catch((err: unknown) => deps.log.error({ queue: worker.name, jobId: job.id, err }, 'recording a failed job failed'));
      }
    });
    worker.on('error', (error) =>
      options.onWorkerError ? options.onWorkerError(worker.name, error) : deps.log.error({ queue: worker.name, err: error }, 'worker error'),
    );
  }
  return [intake, outbox, timers];
}

/**
 * Whether BullMQ failed the job itself, before our processor ran: it stalled (its worker died or
 * lost its lock) more often than `maxStalledCount`, and the next worker to take it fails it with
 * that recorded reason. Our processor's own final failures are handled where they happen.
 */
export function failedWithoutRunning(job: Pick<Job, 'deferredFailure'>, error: Error): boolean {
  return Boolean(job.deferredFailure) && error.message === job.deferredFailure;
}

function parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: unknown } }, job: Job): T {
  const parsed = schema.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`malformed ${job.name} job ${job.id}`);
  return parsed.data;
}

function guarded(
  log: Logger,
  auth: SlackAuthState,
  onFinalFailure: (job: Job, error: unknown) => Promise<void>,
  process: (job: Job) => Promise<unknown>,
) {
  const park = async (job: Job, token: string | undefined, delayMs: number, reason: string) => {
    log.debug({ jobId: job.id, delayMs }, reason);
    await job.moveToDelayed(Date.now() + delayMs, token);
    throw new DelayedError();
  };
  return async (job: Job, token?: string) => {
    // While Slack refuses the token, nothing is tried: the job waits for the next auth check.
    if (!auth.ok) return park(job, token, auth.options.brokenRecheckMs, `parked while Slack refuses the token (${auth.reason})`);
    try {
      return await process(job);
    } catch (error) {
      if (error instanceof UnrecoverableError) throw error; // a malformed payload
      const classified = classifyDeliveryError(error);
      if (classified instanceof RetryLaterError) return park(job, token, classified.delayMs, classified.message);
      if (classified instanceof SlackAuthError) {
        auth.markBroken(classified.slackError);
        return park(job, token, auth.options.brokenRecheckMs, classified.message);
      }
      const last = classified instanceof PermanentDeliveryError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (last) await onFinalFailure(job, classified);
      if (classified instanceof PermanentDeliveryError) throw new UnrecoverableError(classified.message);
      throw error;
    }
  };
}

export { CAPPED_BACKOFF };
