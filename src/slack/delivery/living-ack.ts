/**
 * Outbox: the living acknowledgement (see ../../domain/living-ack). A message to the client that
 * may be folded into the acknowledgement asks `tellByEditing` first and posts only when it
 * answers false. Every other message in the thread calls `movingOn` before it posts, so that
 * nothing is folded above it afterwards.
 */
import type { Deps } from '../../app/deps';
import { type FoldCandidate, decideFold, movesOnNow, withoutFold } from '../../domain/living-ack';
import type { TrackedRequest } from '../../domain/request';
import { livingAcknowledgementMessage } from '../blocks/acknowledgement';
import { ChannelLostError, PermanentDeliveryError } from '../outbound/delivery-errors';
import { acknowledgementKey, clientUpdateKey, ownerAnnouncementKey } from './delivery-keys';

/** A message that may be told by editing the acknowledgement. */
export type Foldable =
  | { kind: 'owner'; ownerId: string }
  /** An ETA update: its estimate and note, and the next update it promises (as delivered now). */
  | { kind: 'eta'; seq: number; first: boolean; etaAt: number | undefined; note?: string | undefined; promisedAt: number };

/**
 * Tells `message` by editing the acknowledgement when the domain says so: the fold is recorded
 * first, then the acknowledgement is edited. True when it was (nothing is to be posted); false
 * when the caller must post as usual (the thread was marked as moved on, so nothing folds above
 * that post). An edit that Slack refuses for good (the acknowledgement deleted, too old to edit)
 * is taken back, and the caller posts.
 */
export async function tellByEditing(deps: Deps, request: TrackedRequest, message: Foldable): Promise<boolean> {
  const { teamId, id: requestId } = request;
  const candidate: FoldCandidate = message.kind === 'owner' ? message : { kind: 'eta', seq: message.seq, first: message.first && message.etaAt !== undefined };
  const now = deps.clock.now();
  const decision = decideFold(request, candidate, now);
  if (!decision.fold || !request.ackTs) {
    await movingOn(deps, request);
    return false;
  }
  // The owner told again (its job run once more after a crash) once the first ETA was folded after
  // it: that later edit tells the owner too, and editing from the owner alone would take the ETA out.
  if (decision.again && message.kind === 'owner' && decision.living.etaSeq !== undefined) return true;
  const key = message.kind === 'owner' ? ownerAnnouncementKey(teamId, requestId, message.ownerId) : clientUpdateKey(teamId, requestId, message.seq);
  if (!decision.again) {
    const patch = { living: decision.living, ...(message.kind === 'owner' ? { announcedOwnerId: message.ownerId, lastUpdateAt: now } : {}) };
    await deps.requests.update(teamId, requestId, patch, { type: 'ack_folded', at: now, data: { into: message.kind, key } });
  }
  const { living } = decision;
  const [settings, owner] = await Promise.all([
    deps.settings.forChannel(teamId, request.channelId),
    living.ownerId === undefined ? undefined : deps.directory.user(teamId, living.ownerId),
  ]);
  const eta = message.kind === 'eta' && message.etaAt !== undefined ? { etaAt: message.etaAt, ...(message.note ? { note: message.note } : {}) } : undefined;
  const promisedAt = message.kind === 'eta' ? message.promisedAt : living.promisedAt;
  const edited = livingAcknowledgementMessage({
    request,
    settings,
    ...(owner ? { owner: owner.greetingName } : {}),
    ...(eta ? { eta } : {}),
    promisedAt,
    now,
  });
  const folded = [
    ...(living.ownerId !== undefined ? [ownerAnnouncementKey(teamId, requestId, living.ownerId)] : []),
    ...(living.etaSeq !== undefined ? [clientUpdateKey(teamId, requestId, living.etaSeq)] : []),
  ];
  try {
    await deps.poster.edit({ deliveryKey: acknowledgementKey(teamId, requestId), folded, channel: request.channelId, ts: request.ackTs, ...edited, promisedAt });
  } catch (error) {
    if (!(error instanceof PermanentDeliveryError) || error instanceof ChannelLostError) throw error;
    // The acknowledgement cannot be edited: the message is posted after all, and nothing folds any more.
    deps.log.warn({ requestId, key, code: error.slackError }, 'the acknowledgement could not be edited; posting instead');
    await deps.requests.update(teamId, requestId, { living: withoutFold(living, candidate), ackMovedOnAt: now }, { type: 'ack_moved_on', at: now, data: { code: error.slackError } });
    return false;
  }
  deps.log.info({ requestId, into: message.kind }, 'told by editing the acknowledgement');
  return true;
}

/**
 * Something else is about to be posted in the thread: from now on the acknowledgement is edited
 * no more (recorded before the post, so that a retry after an unknown outcome cannot fold).
 */
export async function movingOn(deps: Deps, request: TrackedRequest): Promise<void> {
  const now = deps.clock.now();
  if (!movesOnNow(request, now)) return;
  await deps.requests.update(request.teamId, request.id, { ackMovedOnAt: now }, { type: 'ack_moved_on', at: now });
}
