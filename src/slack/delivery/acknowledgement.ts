/**
 * Outbox: post the acknowledgement in the client's thread (exactly once) and add :eyes:.
 * Every step is safe to repeat, so a retry after any failure finishes what is missing; a
 * dismissal that raced with the post is honoured by taking the acknowledgement back.
 */
import type { Deps } from '../../app/deps';
import { EYES } from '../../app/reactions';
import { relay } from '../../app/relay';
import { planFirstUpdate } from '../../domain/acknowledgement';
import { isBusinessTime, nextBusinessOpening } from '../../domain/business-time';
import { hoursFor, onCallToAlert } from '../../domain/on-call';
import { acknowledgementMessage } from '../blocks/acknowledgement';
import type { ClientPost } from './client-post';
import { retractAcknowledgement } from './retraction';
import { type RequestState, type TrackedRequest, threadOf } from '../../domain/request';
import type { ChannelSettings } from '../../domain/settings';
import { type AtOnce, NEW_REQUEST_ID } from '../../app/ports';
import type { JobMetrics } from '../../jobs/job-metrics';
import { acknowledgementKey } from './delivery-keys';
import { RetryLaterError } from '../outbound/delivery-errors';
import { Lane } from '../../app/lane';

/** Returns the acknowledgement when this call posted it (a retry that finds it recorded returns undefined). */
export async function deliverAcknowledgement(deps: Deps, teamId: string, requestId: string): Promise<ClientPost | undefined> {
  const request = await deps.requests.get(teamId, requestId);
  if (!request || (request.state === 'dismissed' && !request.ackTs)) return undefined;
  const posted = request.ackTs ? undefined : await postAcknowledgement(deps, request).catch(sooner);

  // Nothing was posted: the request just read is as current as a second read would be.
  if (posted === undefined ? await dismissedAlready(deps, request) : await dismissedMeanwhile(deps, teamId, requestId)) return posted;
  // Added at once with the acknowledgement (a job queued before that was recorded finds it so).
  if (request.eyesAt !== undefined) return posted;
  await deps.poster.addReaction(request.channelId, request.ts, EYES);
  // A dismissal between the check and the reaction may have retracted before :eyes: landed.
  await dismissedMeanwhile(deps, teamId, requestId);
  return posted;
}

/**
 * Relays after an acknowledgement at once that run at the same time; the others wait their turn.
 * Unbounded, at 200 messages a second each relay's steps queued in the event loop ahead of the next
 * acknowledgements: with four, the median of per-round p99 ratios in `npm run bench` went from
 * 6.38x to 2.28x (three alternating runs of two rounds, 2026-11-27), for the same CPU per event.
 */
const RELAYS_AT_ONCE = 4;
/** Beyond this many waiting (a sustained overload), a relay runs at once rather than queue without bound. */
const RELAYS_WAITING = 1_000;

/**
 * The acknowledgement, posted by the process that created the request right after its write (see
 * app/open-request): one attempt at the post and one at :eyes:, nothing more. Whatever it leaves
 * undone (a post paced, refused, timed out; the reaction) the `ack` intent's outbox job does.
 */
export function acknowledgerAtOnce(deps: Deps, fallbackMs: number, metrics?: Pick<JobMetrics, 'clientPosted'>): AtOnce {
  const lane = new Lane(RELAYS_AT_ONCE, RELAYS_WAITING);
  return {
    fallbackMs,
    afterwards: (work) => lane.run(work),
    claim: (teamId) => deps.poster.claimFor(acknowledgementKey(teamId, NEW_REQUEST_ID)),
    async acknowledge(request, settings, slot, letGo) {
      // The slot is reserved for later: the job takes it then.
      if (slot && slot.waitMs > 0) return 'not_posted';
      try {
        const posted = await postAcknowledgement(deps, request, settings, { claimedAt: slot?.since, letGo: letGo === true });
        metrics?.clientPosted(posted);
        return posted.relayed ? 'relayed' : 'posted';
      } catch (error) {
        deps.log.debug({ requestId: request.id, err: error }, 'acknowledgement at once not posted: its outbox job will');
        return 'not_posted';
      }
    },
  };
}

/**
 * At once: the request was created just now by this process, so no attempt can have gone before;
 * `claimedAt`, when its creation took the delivery attempt; `letGo`, see AtOnce.acknowledge.
 */
interface AtOnceAttempt {
  claimedAt: number | undefined;
  letGo: boolean;
}

/** Posts the acknowledgement of a request that has none yet (exactly once, see postOnce) and records it. */
async function postAcknowledgement(deps: Deps, request: TrackedRequest, known?: ChannelSettings, atOnce?: AtOnceAttempt): Promise<ClientPost & { relayed?: boolean }> {
  const { teamId, id: requestId } = request;
  const fresh = atOnce !== undefined;
  const claimedAt = atOnce?.claimedAt;
  const settings = known ?? (await deps.settings.forChannel(teamId, request.channelId));
  const now = deps.clock.now();
  const hours = hoursFor(request.priority, settings);
  const onCall = onCallToAlert(request.priority, request.createdAt, settings).length > 0;
  const backAt = isBusinessTime(now, hours) ? undefined : nextBusinessOpening(now, hours);
  // Late (Slack was down, the channel was lost): the first update is planned from now, so the
  // client never reads a time that has passed; the timers move with it.
  const late = request.nextUpdateDueAt <= now;
  const promised = late ? { ...request, nextUpdateDueAt: planFirstUpdate(now, request.priority, settings).nextUpdateDueAt } : request;
  const message = acknowledgementMessage({ request: promised, settings, now, onCall, ...(backAt === undefined ? {} : { backAt }) });
  const ts = await deps.poster.postOnce({
    deliveryKey: acknowledgementKey(teamId, requestId),
    channel: request.channelId,
    threadTs: threadOf(request),
    ...message,
    promisedAt: promised.nextUpdateDueAt,
    ...(fresh ? { fresh } : {}),
    ...(claimedAt === undefined ? {} : { claimedAt }),
  });
  // At once, :eyes: too, before the record: an acknowledgement recorded with it is whole, and its
  // outbox job is not queued (see app/relay). Left undone, the job adds it.
  const eyesAt = fresh ? await addEyesAtOnce(deps, request) : undefined;
  const moved = late && promised.nextUpdateDueAt !== request.nextUpdateDueAt && request.state !== 'resolved' && request.state !== 'dismissed';
  const patch = {
    ackTs: ts,
    lastUpdateAt: now,
    // It lives on: the owner and the first ETA may be told by editing it (see ./living-ack).
    living: { at: now, promisedAt: promised.nextUpdateDueAt },
    ...(eyesAt === undefined ? {} : { eyesAt }),
    ...(moved ? { nextUpdateDueAt: promised.nextUpdateDueAt } : {}),
  };
  const event = { type: 'acknowledged' as const, at: now, data: { ts, latencyMs: now - request.createdAt } };
  // Whole at once, with nothing moved and no card to post: the relay is done with the record, in
  // the same round trip (a change that came meanwhile leaves it to the relay, see settleAcknowledged).
  const settles = fresh && eyesAt !== undefined && !moved && !settings.triageChannelId;
  // At once, recorded only while the request is not dismissed (the job checks that itself, below).
  // Sent in the same tick, so auto-pipelined into one write with the record: the settle and the
  // let-go of the held intake.
  const [recorded, relayed] = await Promise.all([
    deps.requests.record(teamId, requestId, patch, event, fresh ? NOT_DISMISSED : undefined, { relay: moved }),
    settles ? deps.relay.settleAcknowledged(teamId, requestId) : false,
    atOnce?.letGo ? letGoOfIntake(deps, request) : undefined,
  ]);
  if (fresh && !recorded && (await deps.requests.get(teamId, requestId))?.state === 'dismissed') {
    // Dismissed while it was on its way: the dismissal's own retraction found nothing to take back.
    // Recorded with a retraction of its own (a job apart from the dismissal's, which is done), which
    // its job does and retries as any other.
    await deps.requests.record(teamId, requestId, patch, event, undefined, { intents: [{ kind: 'retract', teamId, requestId, ackTs: ts }] });
    await relay(deps, teamId, requestId);
  }
  if (moved) await relay(deps, teamId, requestId);
  deps.log.info({ requestId, channel: request.channelId, latencyMs: now - request.createdAt }, 'acknowledged');
  return { kind: 'acknowledgement', latencyMs: now - request.createdAt, trigger: request.trigger, ...(relayed ? { relayed } : {}) };
}

const NOT_DISMISSED: RequestState[] = ['open', 'in_progress', 'waiting_on_client', 'resolved'];

/** Lets go of the message's held intake job; left held (Redis failing), the job finds the message handled. */
async function letGoOfIntake(deps: Deps, request: TrackedRequest): Promise<void> {
  await deps.intake.handled(request.teamId, request.channelId, request.ts).catch((error: unknown) => {
    deps.log.debug({ requestId: request.id, err: error }, 'the held-back intake job stays: it will find the message handled');
  });
}

/** Adds :eyes: to the client's message; the time it did, or undefined (the job will). */
async function addEyesAtOnce(deps: Deps, request: TrackedRequest): Promise<number | undefined> {
  try {
    await deps.poster.addReaction(request.channelId, request.ts, EYES);
    return deps.clock.now();
  } catch (error) {
    deps.log.debug({ requestId: request.id, err: error }, ':eyes: at once not added: the acknowledgement job will');
    return undefined;
  }
}

/**
 * Another attempt is posting the acknowledgement (the receiving process, at once): look again
 * soon, when it will likely have recorded it, instead of after the whole settle time.
 */
const ACK_RECHECK_MS = 500;
function sooner(error: unknown): never {
  if (error instanceof RetryLaterError && error.inFlight && error.delayMs > ACK_RECHECK_MS) {
    throw new RetryLaterError(ACK_RECHECK_MS, `${error.message} (looking again sooner)`, true);
  }
  throw error;
}

async function dismissedAlready(deps: Deps, request: TrackedRequest): Promise<boolean> {
  if (request.state !== 'dismissed') return false;
  await retractAcknowledgement(deps, request.teamId, request.id);
  return true;
}

async function dismissedMeanwhile(deps: Deps, teamId: string, requestId: string): Promise<boolean> {
  const current = await deps.requests.get(teamId, requestId);
  if (current?.state !== 'dismissed') return false;
  await retractAcknowledgement(deps, teamId, requestId);
  return true;
}
