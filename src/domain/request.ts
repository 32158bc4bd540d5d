/** The tracked client request and the words used for it everywhere else. Pure data. */
import type { LivingAck } from './living-ack';

export type Priority = 'urgent' | 'normal';
export const PRIORITIES: readonly Priority[] = ['urgent', 'normal'];

export type RequestState = 'open' | 'in_progress' | 'waiting_on_client' | 'resolved' | 'dismissed';

/** How a request came to be tracked. */
export type RequestTrigger = 'auto' | 'reaction' | 'mention' | 'shortcut';

/**
 * Request ids: `R` + the millisecond of creation on Redis's clock (hex) + `-` + a sequence number,
 * e.g. `R6a2f1c403e7-42`. The sequence restarts when Redis loses its data and goes back when a
 * backup is restored, the clock does not: an id never comes back, so a button on an old card
 * cannot act on a newer request. Ids made before were `R` + eight digits (`R00000042`).
 */
export const REQUEST_ID = /^R(?:[0-9a-f]{11,12}-\d{1,15}|\d{1,15})$/;

export const isRequestId = (value: string): boolean => REQUEST_ID.test(value);

export interface TrackedRequest {
  /** Opaque id, unique within a team (see REQUEST_ID). */
  id: string;
  /** Host workspace id; kept in every key so that multi-workspace installs stay possible. */
  teamId: string;
  channelId: string;
  /** ts of the client's message; the thread every client-facing reply goes to (see threadOf). */
  ts: string;
  /**
   * Set when the client's message is itself a reply (a client @mentioned Kuittaus in the thread of
   * someone else's message): the thread's parent, where our replies go.
   */
  threadTs?: string;
  /** Further top-level client messages that joined this request (continuations). */
  joinedTs: string[];
  clientUserId: string;
  /** How we greet the client ("Maria"). */
  clientName: string;
  /**
   * The client's zone (IANA id) as Slack gave it when the request was opened; absent when unknown
   * (Slack gave none, or the request is older than this field). Decides whether client messages
   * name the channel's zone (domain/zone-naming).
   */
  clientTz?: string;
  /** At most EXCERPT_LENGTH characters of the client's text; never the whole message. */
  excerpt: string;
  priority: Priority;
  state: RequestState;
  trigger: RequestTrigger;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Epoch ms when the first client-visible update is due (counted in business time). */
  nextUpdateDueAt: number;
  /** Epoch ms of the last client-visible message (the acknowledgement counts). */
  lastUpdateAt?: number;
  ownerId?: string;
  /** ts of our acknowledgement in the client thread, once posted. */
  ackTs?: string;
  /** Epoch ms :eyes: was added to the client's message, with the acknowledgement posted at once. */
  eyesAt?: number;
  /** What the acknowledgement says now: it is edited as the owner and the first ETA come (see ./living-ack). */
  living?: LivingAck;
  /** Epoch ms something else was first posted in the thread after the acknowledgement (it is edited no more). */
  ackMovedOnAt?: number;
  /** Where the triage card was posted, once posted. */
  cardChannelId?: string;
  cardTs?: string;
  dismissedBy?: string;
  /** Epoch ms of the ETA in force; absent when none was given or it is "not known yet". */
  etaAt?: number;
  /** The update due time (epoch ms) the owner or triage was last reminded of. */
  remindedFor?: number;
  /** The update due time that was last escalated to the team leads. */
  escalatedFor?: number;
  /** The ETA the owner was last asked "On track?" about. */
  onTrackPromptedFor?: number;
  /** The owner the client was told of, and the owner asked for an ETA (once they were). */
  announcedOwnerId?: string;
  etaAskedOwnerId?: string;
  /**
   * What could not be delivered for good, and why ("client_update:not_in_channel"), until the
   * dead letter is replayed: the card and /status show it, people were told.
   */
  undelivered?: string;
  /** How often the ETA was revised to a later time. */
  etaSlips?: number;
  /** The ETA that was flagged as missed (the flag holds while it equals etaAt). */
  etaMissFlaggedFor?: number;
  /** Epoch ms the present wait on the client began ([Waiting on client]); names its nudges. */
  waitingSince?: number;
  /** What we need from the client to move on (the owner's words), while waiting. */
  waitingFor?: string;
  /** The wait (its waitingSince) whose client was gently reminded, and whose owner was told. */
  clientNudgedFor?: number;
  ownerNudgedFor?: number;
  /** How many client-facing updates were posted; numbers their delivery keys. */
  updateCount: number;
  resolvedAt?: number;
  resolvedBy?: string;
  /** ts of the closing message in the client's thread; feedback reactions are counted on it. */
  closingTs?: string;
  /** Epoch ms when the client was thanked for their feedback (once per request). */
  feedbackThankedAt?: number;
  /** Epoch ms of the client's last message in the thread after it was resolved (reopen offers). */
  reopenOfferedAt?: number;
  /** Bumped on every change; card refresh jobs carry it so that only the newest one renders. */
  revision: number;
}

export const EXCERPT_LENGTH = 300;

/** At most this many characters of what we need from the client (the [Waiting on client] modal). */
export const WAITING_FOR_LENGTH = 300;

/** The thread our replies to the client go to: the client's message, or the thread it is in. */
export const threadOf = (request: Pick<TrackedRequest, 'ts' | 'threadTs'>): string => request.threadTs ?? request.ts;

/** Kinds of entries in a request's append-only event log. */
export type RequestEventType =
  | 'created'
  | 'joined'
  | 'acknowledged'
  /** The owner or the first ETA is told by editing the acknowledgement (see ./living-ack). */
  | 'ack_folded'
  /** Something else was posted in the thread: the acknowledgement is edited no more. */
  | 'ack_moved_on'
  | 'card_posted'
  | 'on_call_alerted'
  | 'claimed'
  | 'owner_announced'
  | 'assigned'
  | 'eta_asked'
  | 'eta_set'
  | 'update_posted'
  /** A message other than an update promised the next one (see TrackedRequest.nextUpdateDueAt). */
  | 'update_promised'
  | 'reminded'
  | 'escalated'
  | 'on_track_prompted'
  | 'on_track_confirmed'
  | 'eta_missed'
  | 'waiting_on_client'
  | 'client_nudged'
  | 'owner_nudged'
  | 'client_replied'
  | 'client_wrote'
  | 'delivery_failed'
  | 'withdrawn'
  | 'edited'
  | 'channel_moved'
  | 'delivery_replayed'
  | 'owner_notified'
  | 'resolved'
  | 'closing_posted'
  | 'feedback'
  | 'feedback_removed'
  | 'reopen_offered'
  | 'reopened'
  | 'reopen_declined'
  | 'priority_changed'
  | 'dismissed';

export interface RequestEvent {
  type: RequestEventType;
  /** Epoch ms. */
  at: number;
  /** Slack user who caused it, when one did. */
  actorId?: string;
  data?: Record<string, string | number | boolean>;
}

/** Cut client text to an excerpt without splitting a surrogate pair. */
export function excerptOf(text: string, max = EXCERPT_LENGTH): string {
  const chars = Array.from(text.trim().replace(/\s+/g, ' '));
  if (chars.length <= max) return chars.join('');
  return chars.slice(0, max - 1).join('') + '…';
}
