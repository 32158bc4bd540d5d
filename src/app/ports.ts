/**
 * Ports: what the use cases need from the outside world, named by capability. Adapters live in
 * src/store (Redis), src/jobs (BullMQ) and src/slack (Web API); in-memory fakes in test/support.
 */
import type { LivingAck } from '../domain/living-ack';
import type { RequestHistory } from '../domain/metrics';
import type { ReminderKind } from '../domain/reminders';
import type { Priority, RequestEvent, RequestState, RequestTrigger, TrackedRequest } from '../domain/request';
import type { ChannelSettings } from '../domain/settings';
import type { UserFacts } from '../domain/spotting-types';
import type { OutboxJob } from '../jobs/job-schemas';

/**
 * What a change promises to tell whom about which request: recorded in the same atomic write as
 * the change, handed to the outbox by the relay, rendered by the Slack side when delivered.
 */
export type Intent = OutboxJob;

/** The intents the client would read: failing one leaves the client in silence. */
export const CLIENT_FACING_INTENTS: ReadonlySet<string> = new Set(['ack', 'client_update', 'closing', 'announce_owner', 'feedback_thanks', 'holding_line', 'waiting_line']);

/**
 * Placeholders a client-facing intent carries into the write, which replaces them with its place
 * in the request's line of client messages (`order`) and the place of the one before (`after`).
 */
export const CLIENT_ORDER = '__client_order__';
export const CLIENT_AFTER = '__client_after__';

/** An intent, with its place in the client's line when it is a message to the client. */
export function inLine(intent: Intent): Intent {
  return CLIENT_LINE_INTENTS.has(intent.kind) ? ({ ...intent, order: CLIENT_ORDER, after: CLIENT_AFTER } as unknown as Intent) : intent;
}

/** What goes into the client's thread, one at a time, in the order decided. */
export const CLIENT_LINE_INTENTS: ReadonlySet<string> = new Set([
  'ack',
  'client_update',
  'closing',
  'announce_owner',
  'retract',
  'feedback_thanks',
  'holding_line',
  'waiting_line',
]);

/** Names, in the intents given to createOrJoin, the request it creates. */
export const NEW_REQUEST_ID = '__new_request__';

/** What a change records besides itself. */
export interface Promises {
  /** Messages to deliver, in order. */
  intents?: Intent[];
  /**
   * The change moves what the timers, the card or Home views show, so the relay must bring them
   * in step (default: true when intents are given).
   */
  relay?: boolean;
  /** Something that could not be delivered, kept for `/status replay` (see DeadLetters). */
  deadLetter?: DeadLetter;
}

/** A delivery that failed for good: what it was (to replay it) and why. */
export interface DeadLetter {
  /** The job id it had; one dead letter per id. */
  id: string;
  /** What failed: an intent of the outbox, or an intake job. */
  job: { queue: 'outbox' | 'intake'; data: unknown };
  requestId?: string;
  code: string;
  /** Epoch ms (real) when it failed. */
  at: number;
}

/** Deliveries that failed for good, until someone replays them. */
export interface DeadLetters {
  add(teamId: string, letter: DeadLetter): Promise<void>;
  list(teamId: string): Promise<DeadLetter[]>;
  remove(teamId: string, ids: string[]): Promise<void>;
}

/** A request's change that the relay has not finished: its intents and the generation read. */
export interface PendingRelay {
  generation: string;
  /** Intents as stored (the raw form settles them) and parsed. */
  intents: Array<{ raw: string; intent: Intent }>;
  /** The request as it was when the generation was read (same step); undefined when gone. */
  request: TrackedRequest | undefined;
}

export interface NewRequest {
  teamId: string;
  channelId: string;
  ts: string;
  /** The thread the client's message is in, when it is a reply (see TrackedRequest.threadTs). */
  threadTs?: string;
  clientUserId: string;
  clientName: string;
  /** See TrackedRequest.clientTz. */
  clientTz?: string;
  excerpt: string;
  priority: Priority;
  trigger: RequestTrigger;
  /** Epoch ms the request counts from (the client message's ts). */
  createdAt: number;
  nextUpdateDueAt: number;
  actorId?: string;
  /** Its first timer (see Timers.first), planned in the same write that creates it. */
  timer?: PlannedTimerName;
  /** Its acknowledgement's channel slot and delivery attempt, taken in the same write (see AtOnce.claim). */
  ackSlot?: SlotClaim;
}

/**
 * A post's channel slot and delivery attempt, taken by the write that creates its request, so
 * that the receiving process can post right after it (see MessagePoster.postOnce).
 */
export interface SlotClaim {
  /** The post's delivery key, NEW_REQUEST_ID standing for the id the creation draws. */
  deliveryKey: string;
  /** How far apart posts to one channel are (ms). */
  spacingMs: number;
  /** When the attempt starts (real ms). */
  since: number;
  /** How long the attempt is remembered (s). */
  ttlSeconds: number;
}

/** The request a NewRequest becomes (but for its id, which its creation draws). */
export function draftRequest(input: NewRequest): TrackedRequest {
  const { actorId: _actor, timer: _timer, ackSlot: _slot, ...fields } = input;
  return { ...fields, id: '', joinedTs: [], state: 'open', revision: 0, updateCount: 0 };
}

/** A request's pending timer as recorded: `<kind>_<due>`, and when it fires (epoch ms). */
export interface PlannedTimerName {
  name: string;
  fireAt: number;
}

export type CreateOutcome =
  /** `ackSlot`: when a slot was asked for, the ms to wait for it (0: taken, and the attempt claimed). */
  | { outcome: 'created'; request: TrackedRequest; ackSlot?: number }
  /** The message was tracked before (a Slack retry, a second instance, a second trigger). */
  | { outcome: 'duplicate'; requestId: string }
  /** A continuation: the client wrote again within the window; the message joined their request. */
  | { outcome: 'joined'; request: TrackedRequest };

/**
 * What must still hold for a change to apply: the state is one of `states` (any when absent), the
 * update count is `updateCount` (when given; a change that numbers an update by it), and the next
 * update is still due at `nextUpdateDueAt` (when given; a change that moves that due time on).
 */
export type Guard = RequestState[] | { states?: RequestState[]; updateCount?: number; nextUpdateDueAt?: number };

/** Fields to change; `undefined` leaves a field alone and `null` clears it. */
export interface RequestPatch {
  state?: RequestState;
  priority?: Priority;
  ownerId?: string;
  ackTs?: string;
  /** What the acknowledgement says now (see ../domain/living-ack). */
  living?: LivingAck;
  ackMovedOnAt?: number;
  cardChannelId?: string;
  cardTs?: string;
  lastUpdateAt?: number;
  nextUpdateDueAt?: number;
  dismissedBy?: string;
  etaAt?: number | null;
  etaSlips?: number;
  remindedFor?: number;
  escalatedFor?: number;
  onTrackPromptedFor?: number;
  etaMissFlaggedFor?: number;
  resolvedAt?: number | null;
  resolvedBy?: string | null;
  closingTs?: string | null;
  reopenOfferedAt?: number;
  feedbackThankedAt?: number;
  undelivered?: string | null;
  announcedOwnerId?: string;
  etaAskedOwnerId?: string;
  /** A wait on the client begins (both set) or ends (both null). */
  waitingSince?: number | null;
  waitingFor?: string | null;
  clientNudgedFor?: number;
  ownerNudgedFor?: number;
  /** The client edited their message: the excerpt follows. */
  excerpt?: string;
  /** The channel's id changed. */
  channelId?: string;
  /** Adds one to updateCount in the same step (the new count numbers the update's delivery key). */
  countUpdate?: boolean;
}

export interface RequestStore {
  /**
   * Atomically: if (channel, ts) is tracked already → duplicate; else if `continuationWindowMs`
   * is given and the same client opened a request in the channel within it → joined; else created.
   */
  createOrJoin(input: NewRequest, continuationWindowMs: number, intents?: Intent[]): Promise<CreateOutcome>;
  get(teamId: string, requestId: string): Promise<TrackedRequest | undefined>;
  findByMessage(teamId: string, channelId: string, ts: string): Promise<string | undefined>;
  /**
   * Applies the patch and appends the event in one step. The revision is bumped when the patch
   * changes what a person sees (not for ackTs, cardTs, cardChannelId, lastUpdateAt). `guard` guards a transition:
   * when given and it does not hold, nothing changes and undefined is returned.
   * `promises` are recorded in the same step (see Promises).
   */
  update(
    teamId: string,
    requestId: string,
    patch: RequestPatch,
    event: RequestEvent,
    guard?: Guard,
    promises?: Promises,
  ): Promise<TrackedRequest | undefined>;
  /** As update, for a caller that needs nothing back but whether it applied (nothing is read back). */
  record(teamId: string, requestId: string, patch: RequestPatch, event: RequestEvent, guard?: Guard, promises?: Promises): Promise<boolean>;
  events(teamId: string, requestId: string): Promise<RequestEvent[]>;
  /**
   * A channel's id changed (a private channel became shared): its requests, their message links,
   * indexes and the channel's settings follow the new id. Returns the ids of the requests moved.
   */
  moveChannel(teamId: string, from: string, to: string, at: number): Promise<string[]>;
  /** Ids of the live requests of a channel. */
  liveIn(teamId: string, channelId: string): Promise<string[]>;
  /** Ids of every live request of the team. */
  liveIds(teamId: string): Promise<string[]>;
  /** Makes findByMessage answer for one of our own messages too (e.g. the closing message). */
  linkMessage(teamId: string, channelId: string, ts: string, requestId: string): Promise<void>;
}

/**
 * The relay's view of recorded promises: what a change promised and nobody has handed on yet.
 * Any instance may relay any request; handing on twice is harmless (job ids are deterministic).
 */
export interface RelayLedger {
  pending(teamId: string, requestId: string): Promise<PendingRelay>;
  /** Marks the intents handed on; true when nothing is left to relay for the request. */
  settle(teamId: string, requestId: string, pending: PendingRelay): Promise<boolean>;
  /**
   * The relay of a request just created, done by its acknowledgement at once: posted and :eyes:
   * added (recorded, and not dismissed), its `ack` intent needs no job (see app/relay). When that
   * intent is all there is to hand on and no change came since the creation (whose write planned
   * the timers), the intent is marked done in the client's line and the relay is settled, in one
   * step. True when it was; otherwise nothing changes and the relay does it as usual.
   */
  settleAcknowledged(teamId: string, requestId: string): Promise<boolean>;
  /**
   * Requests marked for the relay at least `olderThanMs` ago (real time): a crash, or a process
   * still at work. Those returned are pushed back by `olderThanMs`, so a failing one is retried
   * then rather than at every sweep.
   */
  stale(teamId: string, olderThanMs: number, limit: number): Promise<string[]>;
}

/**
 * Channels Kuittaus cannot post in for now (the bot removed, the channel archived, unshared or
 * deleted), with Slack's word for why: deliveries there wait as dead letters, reminders pause.
 */
export interface ChannelStates {
  /** Records the loss; true when it is news (the team is told once). */
  lose(teamId: string, channelId: string, reason: string): Promise<boolean>;
  /** Clears the loss; true when the channel was lost. */
  regain(teamId: string, channelId: string): Promise<boolean>;
  lostReason(teamId: string, channelId: string): Promise<string | undefined>;
}

/** Which messages of a request's client line went out (or were given up on), by their order. */
export interface ClientLine {
  done(teamId: string, requestId: string, order: number): Promise<boolean>;
  markDone(teamId: string, requestId: string, order: number): Promise<void>;
}

/**
 * The same click changes things once: a button pressed twice on the same message (two devices, a
 * slow client) counts once. `claim` is true for the first; `release` lets a failed one be retried.
 */
export interface ClickLedger {
  claim(teamId: string, key: string): Promise<boolean>;
  release(teamId: string, key: string): Promise<void>;
}

/**
 * The team's thanks to a client's channel, one per channel and week (see ../domain/thanks): who
 * passed them on (the first click counts) and whether they were posted; kept long after the
 * digest that offered them, so that a late click is answered.
 */
export interface PassedThanks {
  /** Records `userId` as who passed them on unless someone did before; answers the record. */
  claim(teamId: string, channelId: string, week: string, userId: string): Promise<{ by: string; posted: boolean }>;
  state(teamId: string, channelId: string, week: string): Promise<{ by?: string; posted: boolean }>;
  markPosted(teamId: string, channelId: string, week: string): Promise<void>;
}

/** The relay generation a creation that promised something leaves (the store's kuittausPromise counts from 0). */
export const CREATED_RELAY_GEN = '1';

export type AckAtOnce = 'not_posted' | 'posted' | 'relayed';

/**
 * Work done by the process that made a change, right after its write, instead of one queue hop
 * later: one attempt that never throws; the recorded intent's outbox job does whatever it left.
 */
export interface AtOnce {
  /**
   * Posts the acknowledgement of a request just created, and :eyes:: 'not_posted' (its outbox job
   * will), 'posted' (recorded with :eyes: it is whole, and the job is not queued: app/relay), or
   * 'relayed' (whole, and with it all the relay had to do: see RelayLedger.settleAcknowledged).
   * `letGo`: nothing of the message's intake is left for a crash to redo once the acknowledgement
   * is recorded, so its held intake job (app/receive-message) is let go in the same round trip as
   * that record (done when the answer is not 'not_posted'; if the let-go failed, the job finds the
   * message handled).
   */
  acknowledge(request: TrackedRequest, settings: ChannelSettings, slot?: { waitMs: number; since: number }, letGo?: boolean): Promise<AckAtOnce>;
  /**
   * The acknowledgement's channel slot and delivery attempt, for the creation's write to take
   * (NewRequest.ackSlot); its outcome goes to `acknowledge` as `slot` (a wait: posted by its job).
   */
  claim(teamId: string): SlotClaim;
  /** How long a received message's intake job waits for the receiving process (see app/receive-message). */
  fallbackMs: number;
  /**
   * What follows an acknowledgement posted at once (the relay: the timers, the card, Home) waits its turn among a few at a time, so that under load the next messages'
   * acknowledgements are not queued behind it.
   */
  afterwards(work: () => Promise<void>): Promise<void>;
}

/** Remembers Slack event ids so that retries and duplicate deliveries are handled once. */
export interface EventLedger {
  /** True for the first claim of an event id (one `SET NX`); false when it was claimed before. */
  claim(eventId: string): Promise<boolean>;
  /** Lets a retry of the event be handled (its first handling failed). */
  release(eventId: string): Promise<void>;
}

export interface ChannelFacts {
  id: string;
  isExtShared: boolean;
  name?: string;
}

/** Facts about Slack users and channels, cached (Redis with a TTL) in front of the Web API. */
export interface SlackDirectory {
  user(teamId: string, userId: string): Promise<UserFacts>;
  channel(teamId: string, channelId: string): Promise<ChannelFacts>;
}

export interface SettingsStore {
  forChannel(teamId: string, channelId: string): Promise<ChannelSettings>;
  /** Stores a channel's overrides (a partial ChannelSettings) over the defaults. */
  save(teamId: string, channelId: string, overrides: Partial<ChannelSettings>): Promise<void>;
  /** The overrides stored for a channel (what the settings modal shows as changed). */
  overrides(teamId: string, channelId: string): Promise<Partial<ChannelSettings>>;
}

/** Requests of a time window with their event logs, for reports. */
export interface HistoryReader {
  /** Requests created or resolved in [from, to), plus every event of theirs. */
  between(teamId: string, from: number, to: number): Promise<RequestHistory[]>;
}

/** Client names as channel settings give them, for `/status <client name>`. */
export interface ClientDirectory {
  /** The client's channels, matched case-insensitively; undefined for an unknown name. */
  channelsOf(teamId: string, name: string): Promise<{ name: string; channelIds: string[] } | undefined>;
}

/**
 * Now, and how long to wait in real time until an instant. The two differ only under a clock that
 * runs faster than real time (the demo) or a test clock that is moved by hand.
 */
export interface Clock {
  now(): number;
  /** Real milliseconds until `at` (may be negative when it has passed). */
  msUntil(at: number): number;
}

export const systemClock: Clock = { now: () => Date.now(), msUntil: (at) => at - Date.now() };

/** Whose turn it is among a channel's default owners (round-robin across instances). */
export interface Turns {
  /** 0, 1, 2, … for successive calls per channel. */
  next(teamId: string, channelId: string): Promise<number>;
}

/** Keeps each request's timers (reminders, escalations, ETA prompts) in step with its state. */
export interface Timers {
  /**
   * Schedules the first of the timers the request needs now (one pending timer per request) and
   * cancels the one it replaces. `fired`: the timer whose job is running now (it plans the next).
   */
  plan(request: TrackedRequest, settings: ChannelSettings, options?: { fired?: { kind: ReminderKind; teamId: string; requestId: string; dueAt: number } }): Promise<void>;
  /**
   * The timer a request about to be created is planned with, in its creation's write (a new
   * request has no jobs, so the first of its timers is the one).
   */
  first(request: TrackedRequest, settings: ChannelSettings): PlannedTimerName | undefined;
  /** Cancels every pending timer of a request (it was resolved or dismissed). */
  cancelAll(teamId: string, requestId: string): Promise<void>;
  /** Plans again the timers the request needs whose jobs are gone; returns how many were missing. */
  repair(request: TrackedRequest, settings: ChannelSettings): Promise<number>;
}

/** Users who opened Home at least once; only their Home is refreshed on changes. */
export interface HomeViewers {
  add(teamId: string, userId: string): Promise<void>;
  has(teamId: string, userId: string): Promise<boolean>;
}
