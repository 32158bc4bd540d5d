/**
 * A delivery that failed for good is a state of the request, not a log line. The request records
 * what and why (the card and /status show it), the owner and the channel's team leads are told,
 * the cadence no longer counts an update the client never got (it is due again now, so the owner
 * is reminded), and what failed waits as a dead letter for `/status replay`. All in one write.
 */
import type { IntakeJob, OutboxJob } from '../jobs/job-schemas';
import type { TimerJob } from '../jobs/timer-job';
import type { Deps } from './deps';
import { CLIENT_FACING_INTENTS, type DeadLetter, type Intent } from './ports';
import { relay } from './relay';

export type FailedJob =
  | { queue: 'outbox'; id: string; createdAt: number; data: OutboxJob }
  | { queue: 'timers'; id: string; createdAt: number; data: TimerJob }
  | { queue: 'intake'; id: string; createdAt: number; data: IntakeJob };

/** Failures nobody needs to act on: a Home view is published again on the next change. */
const NOT_WORTH_A_NOTICE = new Set(['home']);

export interface FailureOptions {
  /** The people were told already (a lost channel is announced once): record, tell nobody. */
  quiet?: boolean;
}

export async function deliveryFailed(deps: Deps, failed: FailedJob, code: string, options: FailureOptions = {}): Promise<void> {
  const kind = failed.queue === 'intake' ? 'intake' : failed.data.kind;
  const teamId = failed.data.teamId;
  const requestId = 'requestId' in failed.data ? failed.data.requestId : undefined;
  const log = { queue: failed.queue, jobId: failed.id, kind, code, requestId };
  if (kind === 'failure_notice') {
    deps.log.error(log, 'could not tell anyone that a delivery failed: nobody on our side can be reached');
    return;
  }
  if (NOT_WORTH_A_NOTICE.has(kind)) {
    deps.log.warn(log, 'delivery failed for good');
    return;
  }
  if (options.quiet) deps.log.warn(log, 'not delivered: it waits for its channel');
  else deps.log.error(log, 'delivery failed for good: the team is told');
  // Timers are planned again from the request; what an outbox or intake job carried is kept.
  const deadLetter: DeadLetter | undefined =
    failed.queue === 'timers'
      ? undefined
      : { id: failed.id, job: { queue: failed.queue, data: failed.data }, ...(requestId ? { requestId } : {}), code, at: Date.now() };
  const channelId = failed.queue === 'intake' ? intakeChannel(failed.data) : failed.queue === 'outbox' && failed.data.kind === 'pass_thanks' ? failed.data.channelId : undefined;
  // The job's own time makes the notice's id: a retry of this handler tells nobody twice.
  const askedBy = failed.queue === 'outbox' && failed.data.kind === 'pass_thanks' ? failed.data.by : undefined;
  const notice: Intent = {
    kind: 'failure_notice',
    teamId,
    ...(requestId ? { requestId } : {}),
    ...(channelId ? { channelId } : {}),
    failed: kind,
    code,
    at: failed.createdAt,
    ...(askedBy ? { alsoTell: askedBy } : {}),
  };

  const request = requestId ? await deps.requests.get(teamId, requestId) : undefined;
  const intents = options.quiet ? [] : [notice];
  if (!request) {
    if (deadLetter) await deps.deadLetters.add(teamId, deadLetter);
    for (const intent of intents) await deps.outbox.add(intent);
    return;
  }
  const now = deps.clock.now();
  const live = request.state !== 'resolved' && request.state !== 'dismissed';
  const owed = CLIENT_FACING_INTENTS.has(kind) && live && request.nextUpdateDueAt > now;
  await deps.requests.update(
    teamId,
    request.id,
    { undelivered: `${kind}:${code}`, ...(owed ? { nextUpdateDueAt: now } : {}) },
    { type: 'delivery_failed', at: now, data: { failed: kind, code } },
    undefined,
    { intents, relay: true, ...(deadLetter ? { deadLetter } : {}) },
  );
  await relay(deps, teamId, request.id);
}

function intakeChannel(job: IntakeJob): string {
  return job.kind === 'message' ? job.message.channelId : job.channelId;
}
