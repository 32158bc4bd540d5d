/** Job payloads, validated with zod when a worker picks them up (Redis is outside our types). */
import { z } from 'zod';

const messageFacts = z.object({
  channelId: z.string().min(1),
  ts: z.string().min(1),
  threadTs: z.string().optional(),
  subtype: z.string().optional(),
  botId: z.string().optional(),
  userId: z.string().optional(),
  authorTeamId: z.string().optional(),
  /** At most the excerpt of the client's text (see domain/intake-facts). */
  text: z.string(),
  priority: z.enum(['urgent', 'normal']).optional(),
  direct: z.boolean().optional(),
  extSharedChannel: z.boolean().optional(),
});

export const intakeJobSchema = z.discriminatedUnion('kind', [
  /** A message event: decide whether it is a new client request. */
  z.object({ kind: z.literal('message'), teamId: z.string().min(1), message: messageFacts }),
  /** A manual trigger: track this message whatever the automatic rules say. */
  z.object({
    kind: z.literal('track'),
    teamId: z.string().min(1),
    trigger: z.enum(['reaction', 'mention', 'shortcut']),
    actorId: z.string().min(1),
    channelId: z.string().min(1),
    ts: z.string().min(1),
    /** The message itself when the payload carried it; otherwise it is fetched. */
    message: messageFacts.optional(),
  }),
]);
export type IntakeJob = z.infer<typeof intakeJobSchema>;

/** What a client-facing update says; the text itself is rendered in the channel's language. */
export const clientUpdateSchema = z.discriminatedUnion('type', [
  /** The owner's own words (the [Post update] modal). */
  z.object({
    type: z.literal('text'),
    text: z.string().min(1),
    /** A new ETA given with the update. */
    etaAt: z.number().optional(),
    previousEtaAt: z.number().optional(),
    /** The ETA in force had passed: the update owns the slip (with `etaAt`, or with no new estimate yet). */
    missedEta: z.number().optional(),
    nextUpdateDueAt: z.number(),
  }),
  /** [Still on it, no news]; `missedEta`: the ETA in force had passed, and the update owns it (no new one yet). */
  z.object({ type: z.literal('still_on_it'), missedEta: z.number().optional(), nextUpdateDueAt: z.number() }),
  /** An ETA set or revised; `etaAt` absent means "not known yet". */
  z.object({
    type: z.literal('eta'),
    etaAt: z.number().optional(),
    previousEtaAt: z.number().optional(),
    /** The ETA in force (`previousEtaAt`) had passed when this one was given. */
    missedEta: z.number().optional(),
    reason: z.string().optional(),
    nextUpdateDueAt: z.number(),
  }),
  /** The request was reopened. */
  z.object({ type: z.literal('reopened'), nextUpdateDueAt: z.number() }),
]);
export type ClientUpdate = z.infer<typeof clientUpdateSchema>;

/** A message to the client: its place in the request's line, and the place of the one before it. */
const line = { order: z.number().int().optional(), after: z.number().int().optional() };

export const outboxJobSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ack'), teamId: z.string(), requestId: z.string(), ...line }),
  z.object({ kind: z.literal('card'), teamId: z.string(), requestId: z.string(), revision: z.number().int() }),
  // `ackTs`: the acknowledgement it takes back, when that was posted after the dismissal (a job of its own).
  z.object({ kind: z.literal('retract'), teamId: z.string(), requestId: z.string(), ackTs: z.string().optional(), ...line }),
  /** Tell the client who is working on their request. */
  z.object({
    kind: z.literal('announce_owner'),
    teamId: z.string(),
    requestId: z.string(),
    ownerId: z.string(),
    /** Set when the owner is announced again (reopened before the first announcement went out). */
    again: z.number().optional(),
    ...line,
  }),
  /** An urgent request out of hours: DM an on-call person at once, with the card's buttons. */
  z.object({ kind: z.literal('on_call'), teamId: z.string(), requestId: z.string(), userId: z.string() }),
  /** DM the owner asking for an ETA, with [Set ETA]. */
  z.object({ kind: z.literal('ask_eta'), teamId: z.string(), requestId: z.string(), ownerId: z.string(), again: z.number().optional() }),
  /** A client-facing update in the request thread; `seq` is the request's updateCount after it. */
  z.object({
    kind: z.literal('client_update'),
    teamId: z.string(),
    requestId: z.string(),
    seq: z.number().int(),
    update: clientUpdateSchema,
    ...line,
  }),
  /** The closing message ("Resolved: …", feedback ask) and :eyes: → :white_check_mark:. */
  z.object({
    kind: z.literal('closing'),
    teamId: z.string(),
    requestId: z.string(),
    resolvedAt: z.number(),
    summary: z.string().optional(),
    /** The owner's thank-you to the client, appended to the closing message. */
    thanks: z.string().optional(),
    ...line,
  }),
  /** Thank the client for their feedback in the thread (once per request). */
  z.object({ kind: z.literal('feedback_thanks'), teamId: z.string(), requestId: z.string(), rating: z.enum(['positive', 'neutral', 'negative']), ...line }),
  /** A :-1: or :neutral_face: from the client: the owner and the team leads hear of it at once (DM). */
  z.object({ kind: z.literal('feedback_alert'), teamId: z.string(), requestId: z.string(), userId: z.string(), rating: z.enum(['neutral', 'negative']) }),
  /**
   * After an outage: what is behind now, in one message to an owner, a team lead or a triage
   * channel (`to`), instead of a reminder or an escalation per request (see src/domain/backlog).
   * One per recipient, role and `window` (hour), however many late timers asked for it.
   */
  z.object({ kind: z.literal('backlog_summary'), teamId: z.string(), role: z.enum(['owner', 'lead', 'triage']), to: z.string(), window: z.number() }),
  /**
   * A promised update passed its grace period with nothing posted: the client reads that we owe
   * them one, and by when they will hear from us (`promisedAt`, the request's new due time).
   * `dueAt` is the missed due time: one holding line per missed due time.
   */
  z.object({ kind: z.literal('holding_line'), teamId: z.string(), requestId: z.string(), dueAt: z.number(), promisedAt: z.number(), ...line }),
  /**
   * Waiting on the client, told to them: what we need (`asked`), a gentle reminder of it after the
   * set business days (`nudged`), both about the wait that began at `since`; and, once they
   * answered, that we are back on it (`resumed`, `since` the wait that ended).
   */
  z.object({ kind: z.literal('waiting_line'), teamId: z.string(), requestId: z.string(), step: z.enum(['asked', 'nudged', 'resumed']), since: z.number(), ...line }),
  /**
   * The team's thanks for a week of requests resolved together, passed on by a team lead (`by`)
   * from the weekly digest: one post in the client's channel per channel and `week`.
   */
  z.object({
    kind: z.literal('pass_thanks'),
    teamId: z.string(),
    channelId: z.string(),
    week: z.string(),
    /** The week's first instant (epoch ms): thanks far later than the week are not posted. */
    from: z.number(),
    resolved: z.number().int().positive(),
    people: z.array(z.string()),
    by: z.string(),
  }),
  /** Publish a user's App Home again (a request they see changed). */
  z.object({ kind: z.literal('home'), teamId: z.string(), userId: z.string() }),
  /** DM the owner: the client wrote in the thread (open request), or wrote after it was resolved. */
  z.object({
    kind: z.literal('notify_owner'),
    teamId: z.string(),
    requestId: z.string(),
    messageTs: z.string(),
    reason: z.enum(['client_wrote', 'reopen_offer']),
  }),
  /** A person wrote to Kuittaus in a direct message: a short answer saying what Kuittaus does. */
  z.object({
    kind: z.literal('dm_help'),
    teamId: z.string(),
    channelId: z.string(),
    ts: z.string(),
    /** Where they wrote, when it was in a thread of the DM. */
    threadTs: z.string().optional(),
  }),
  /**
   * A message in a managed channel whose author nobody could place (users.info would not describe
   * them and the event named no team): the triage channel (or the team leads) decide.
   */
  z.object({ kind: z.literal('unknown_author'), teamId: z.string(), channelId: z.string(), ts: z.string(), userId: z.string(), code: z.string() }),
  /**
   * Tell people on our side that something could not be delivered for good: the owner and the
   * channel's team leads (or the triage channel). `failed` names what (an outbox kind, a timer
   * kind, `intake`), `code` why (Slack's error).
   */
  z.object({
    kind: z.literal('failure_notice'),
    teamId: z.string(),
    requestId: z.string().optional(),
    channelId: z.string().optional(),
    failed: z.string(),
    code: z.string(),
    at: z.number(),
    /** Someone else to tell: who asked for what failed (a team lead who passed thanks on). */
    alsoTell: z.string().optional(),
  }),
]);
export type OutboxJob = z.infer<typeof outboxJobSchema>;

/** BullMQ job ids: deterministic, so that the same work is never queued twice (no ':' allowed). */
/** BullMQ refuses ':' in custom ids; ids built from payload values are escaped so they can never contain one. */
const safeId = (id: string) => id.replace(/%/g, '%25').replace(/:/g, '%3A');

export function intakeJobId(job: IntakeJob): string {
  return safeId(unsafeIntakeJobId(job));
}

function unsafeIntakeJobId(job: IntakeJob): string {
  return job.kind === 'message'
    ? `msg_${job.teamId}_${job.message.channelId}_${job.message.ts}`
    : `track_${job.teamId}_${job.channelId}_${job.ts}_${job.trigger}_${job.actorId}`;
}

export function outboxJobId(job: OutboxJob): string {
  return safeId(unsafeOutboxJobId(job));
}

function unsafeOutboxJobId(job: OutboxJob): string {
  switch (job.kind) {
    case 'card':
      return `card_${job.teamId}_${job.requestId}_${job.revision}`;
    case 'announce_owner':
    case 'ask_eta':
      return `${job.kind}_${job.teamId}_${job.requestId}_${job.ownerId}${job.again ? `_${job.again}` : ''}`;
    case 'home':
      return `home_${job.teamId}_${job.userId}`;
    case 'on_call':
      return `on_call_${job.teamId}_${job.requestId}_${job.userId}`;
    case 'client_update':
      return `update_${job.teamId}_${job.requestId}_${job.seq}`;
    case 'closing':
      return `closing_${job.teamId}_${job.requestId}_${job.resolvedAt}`;
    case 'notify_owner':
      return `notify_${job.teamId}_${job.requestId}_${job.messageTs}`;
    case 'feedback_alert':
      return `feedback_alert_${job.teamId}_${job.requestId}_${job.userId}_${job.rating}`;
    case 'holding_line':
      return `holding_${job.teamId}_${job.requestId}_${job.dueAt}`;
    case 'waiting_line':
      return `waiting_${job.step}_${job.teamId}_${job.requestId}_${job.since}`;
    case 'dm_help':
    case 'unknown_author':
      return `${job.kind}_${job.teamId}_${job.channelId}_${job.ts}`;
    case 'pass_thanks':
      return `thanks_${job.teamId}_${job.channelId}_${job.week}`;
    case 'backlog_summary':
      return `backlog_${job.teamId}_${job.role}_${job.to}_${job.window}`;
    case 'retract':
      return `retract_${job.teamId}_${job.requestId}${job.ackTs ? `_${job.ackTs}` : ''}`;
    case 'failure_notice':
      return `failure_${job.teamId}_${job.requestId ?? job.channelId ?? 'team'}_${job.failed}_${job.at}`;
    default:
      return `${job.kind}_${job.teamId}_${job.requestId}`;
  }
}

/** The weekly digest (a job scheduler in the timers queue). */
export const digestJobSchema = z.object({ teamId: z.string().min(1) });
