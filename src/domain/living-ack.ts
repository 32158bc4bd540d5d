/**
 * The living acknowledgement. Pure; time is an argument.
 *
 * Right after a request arrives, its client would otherwise read three messages in a row: the
 * acknowledgement, who is on it, and the estimate. When the owner and the first ETA come within
 * the first minutes after the acknowledgement, and nothing else has been posted in the thread
 * since (by anyone: an edit above later messages goes unseen), they are told by editing the
 * acknowledgement in place ("… Aino from our team is on it; estimated resolution 16:00 today")
 * instead. Everything later, and anything that cannot be folded, is a post of its own.
 *
 * A fold is decided, and recorded on the request, before the acknowledgement is edited: a retry
 * of the same message finds its fold recorded and edits again (the same edit), and never posts.
 */
import type { TrackedRequest } from './request';

/** How long after the acknowledgement the owner and the first ETA are folded into it. */
export const LIVING_ACK_WINDOW_MS = 10 * 60_000;

/** What the acknowledgement says now, beyond the greeting (recorded on the request). */
export interface LivingAck {
  /** Epoch ms the acknowledgement was posted: the window counts from it. */
  at: number;
  /** The next update it promised when it was posted (epoch ms). */
  promisedAt: number;
  /** The owner it names (folded in). */
  ownerId?: string;
  /** The client update numbered so (the first ETA) that it tells (folded in). */
  etaSeq?: number;
}

/** A message that could be folded into the acknowledgement. */
export type FoldCandidate =
  | { kind: 'owner'; ownerId: string }
  /** An ETA update; `first`: a first estimate (no earlier one revised, none missed). */
  | { kind: 'eta'; seq: number; first: boolean };

export type FoldRefusal = 'no_ack' | 'thread_moved_on' | 'window_passed' | 'owner_told' | 'after_eta' | 'not_first_eta';

export type FoldDecision =
  /** Fold: record `living` (unless `again`: recorded before, by an earlier attempt), then edit. */
  | { fold: true; again: boolean; living: LivingAck }
  | { fold: false; reason: FoldRefusal };

/**
 * Whether `candidate` is told by editing the acknowledgement. `living`: what the acknowledgement
 * says (absent until it was posted); `movedOnAt`: when something else was first posted in the
 * thread after it. A fold recorded for the same message stands whatever came since: its edit is
 * made again, never a post.
 */
export function decideFold(
  request: Pick<TrackedRequest, 'living' | 'ackMovedOnAt'>,
  candidate: FoldCandidate,
  now: number,
): FoldDecision {
  const { living } = request;
  if (!living) return { fold: false, reason: 'no_ack' };
  if (candidate.kind === 'owner' ? living.ownerId === candidate.ownerId : living.etaSeq === candidate.seq) {
    return { fold: true, again: true, living };
  }
  if (request.ackMovedOnAt !== undefined) return { fold: false, reason: 'thread_moved_on' };
  if (now - living.at > LIVING_ACK_WINDOW_MS) return { fold: false, reason: 'window_passed' };
  if (candidate.kind === 'owner') {
    // A second owner is news of its own; and the acknowledgement names the owner before the ETA.
    if (living.ownerId !== undefined) return { fold: false, reason: 'owner_told' };
    if (living.etaSeq !== undefined) return { fold: false, reason: 'after_eta' };
    return { fold: true, again: false, living: { ...living, ownerId: candidate.ownerId } };
  }
  if (!candidate.first || living.etaSeq !== undefined) return { fold: false, reason: 'not_first_eta' };
  return { fold: true, again: false, living: { ...living, etaSeq: candidate.seq } };
}

/**
 * Whether a post (or a person's message) in the thread now buries the acknowledgement for good,
 * so that it must be recorded: only while a fold could still come (the acknowledgement was
 * posted, nothing moved on yet, within the window).
 */
export function movesOnNow(request: Pick<TrackedRequest, 'living' | 'ackMovedOnAt'>, now: number): boolean {
  const { living } = request;
  return living !== undefined && request.ackMovedOnAt === undefined && now - living.at <= LIVING_ACK_WINDOW_MS;
}

/** The same record without the fold of `candidate` (its edit failed for good: it is posted instead). */
export function withoutFold(living: LivingAck, candidate: FoldCandidate): LivingAck {
  const { ownerId, etaSeq, ...rest } = living;
  if (candidate.kind === 'owner') return { ...rest, ...(etaSeq !== undefined ? { etaSeq } : {}) };
  return { ...rest, ...(ownerId !== undefined ? { ownerId } : {}) };
}
