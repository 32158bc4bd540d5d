/**
 * What a fired reminder job should do. A job is scheduled for one due time and never edited, so
 * by the time it fires the request may have moved on; a stale job then does nothing.
 *
 * `job.dueAt` is the instant the job was scheduled for: the update due time for `reminder` and
 * `escalation`, the ETA for `on_track` and `eta_missed`. Checks, in this order, the first that
 * applies giving the skip reason:
 * 1. `closed`: the request is resolved or dismissed.
 * 2. `waiting_on_client`: every kind pauses while the client has the ball.
 * 3. Stale: for updates, `due_time_moved` (an update came, so the request's due time differs);
 *    for ETAs, `no_eta` (cleared) or `eta_changed` (revised).
 * 4. Already done for this due time (`already_reminded`, `already_escalated`, `already_prompted`,
 *    `already_flagged`): the app never nags the same person more than once per due time.
 * 5. Timing: `not_yet_due` for an escalation or missed-ETA job that fires before its due time;
 *    `eta_passed` for an on-track prompt that fires after the ETA (the missed-ETA flag takes over).
 *    A late update reminder is still sent: the update is still owed.
 * 6. `no_owner`: nobody to ask "On track?".
 * Otherwise a reminder goes to the owner, or to the triage channel when nobody owns the request;
 * an escalation goes to the team leads, owned or not; the ETA kinds prompt the owner or flag.
 *
 * The nudges of a wait on the client (`client_nudge`, `owner_nudge`) are about the wait itself:
 * `job.dueAt` is the instant it began. They fire only while that very wait goes on (`closed`,
 * `not_waiting`, `wait_changed`), once per wait (`already_nudged`), and the owner's needs an owner.
 */
import { isOverdue } from './cadence';
import { etaMissed } from './eta';
import { isClosed } from './lifecycle';
import type { RequestState } from './request';

export type ReminderKind = 'reminder' | 'escalation' | 'on_track' | 'eta_missed' | 'client_nudge' | 'owner_nudge';
export const REMINDER_KINDS: readonly ReminderKind[] = ['reminder', 'escalation', 'on_track', 'eta_missed', 'client_nudge', 'owner_nudge'];

/** The kinds about a wait on the client rather than an update due time or an ETA. */
export const NUDGE_KINDS: readonly ReminderKind[] = ['client_nudge', 'owner_nudge'];

export interface ReminderJob {
  kind: ReminderKind;
  /** Epoch ms the job is about: the update due time, or the ETA for the ETA kinds. */
  dueAt: number;
}

/** What a reminder decision needs to know about the request, as stored now. */
export interface ReminderSubject {
  state: RequestState;
  /** Epoch ms the next client-visible update is due. */
  nextUpdateDueAt: number;
  /** Epoch ms of the ETA in force, if any. */
  etaAt?: number;
  ownerId?: string;
  /** The update due time that was last reminded of. */
  remindedFor?: number;
  /** The update due time that was last escalated. */
  escalatedFor?: number;
  /** The ETA the owner was last asked "On track?" about. */
  onTrackPromptedFor?: number;
  /** The ETA that was last flagged as missed. */
  etaMissFlaggedFor?: number;
  /** When the present wait on the client began, and the waits already nudged. */
  waitingSince?: number;
  clientNudgedFor?: number;
  ownerNudgedFor?: number;
}

export type ReminderSkipReason =
  | 'closed'
  | 'waiting_on_client'
  | 'due_time_moved'
  | 'no_eta'
  | 'eta_changed'
  | 'already_reminded'
  | 'already_escalated'
  | 'already_prompted'
  | 'already_flagged'
  | 'not_yet_due'
  | 'eta_passed'
  | 'no_owner'
  | 'not_waiting'
  | 'wait_changed'
  | 'already_nudged';

export type ReminderAction = 'remind_owner' | 'remind_triage' | 'escalate' | 'prompt_on_track' | 'flag_eta_missed' | 'nudge_client' | 'nudge_owner';

export type ReminderDecision = { action: 'skip'; reason: ReminderSkipReason } | { action: ReminderAction };

export function decideReminder(job: ReminderJob, request: ReminderSubject, now: number): ReminderDecision {
  const skip = (reason: ReminderSkipReason): ReminderDecision => ({ action: 'skip', reason });
  if (isClosed(request.state)) return skip('closed');
  if (job.kind === 'client_nudge' || job.kind === 'owner_nudge') {
    if (request.state !== 'waiting_on_client') return skip('not_waiting');
    if (request.waitingSince !== job.dueAt) return skip('wait_changed');
    if ((job.kind === 'client_nudge' ? request.clientNudgedFor : request.ownerNudgedFor) === job.dueAt) return skip('already_nudged');
    if (job.kind === 'owner_nudge' && !request.ownerId) return skip('no_owner');
    return { action: job.kind === 'client_nudge' ? 'nudge_client' : 'nudge_owner' };
  }
  if (request.state === 'waiting_on_client') return skip('waiting_on_client');

  switch (job.kind) {
    case 'reminder':
      if (job.dueAt !== request.nextUpdateDueAt) return skip('due_time_moved');
      if (request.remindedFor === job.dueAt) return skip('already_reminded');
      return { action: request.ownerId ? 'remind_owner' : 'remind_triage' };
    case 'escalation':
      if (job.dueAt !== request.nextUpdateDueAt) return skip('due_time_moved');
      if (request.escalatedFor === job.dueAt) return skip('already_escalated');
      if (!isOverdue(job.dueAt, now)) return skip('not_yet_due');
      return { action: 'escalate' };
    case 'on_track':
      if (request.etaAt === undefined) return skip('no_eta');
      if (job.dueAt !== request.etaAt) return skip('eta_changed');
      if (request.onTrackPromptedFor === job.dueAt) return skip('already_prompted');
      if (now >= job.dueAt) return skip('eta_passed');
      if (!request.ownerId) return skip('no_owner');
      return { action: 'prompt_on_track' };
    case 'eta_missed':
      if (request.etaAt === undefined) return skip('no_eta');
      if (job.dueAt !== request.etaAt) return skip('eta_changed');
      if (request.etaMissFlaggedFor === job.dueAt) return skip('already_flagged');
      if (!etaMissed(request.etaAt, now, false)) return skip('not_yet_due');
      return { action: 'flag_eta_missed' };
  }
}
