/**
 * Which timers a request needs right now: the update reminder and its escalation for the next
 * due time, and the "On track?" prompt and the missed-ETA check for the ETA in force. Only the
 * first of them to fire is scheduled (one delayed job per request, with a deterministic id, see
 * `timersInOrder`); when it fires, the next one is planned from the request as it is then.
 * ./reminders decides, when a job fires, whether it is still wanted.
 *
 * - Closed requests need none. A request waiting on the client needs only the nudges of its wait
 *   (./client-lines): the client's after the set business days, the owner's after as many again
 *   (an owner's needs an owner); the wait pauses update reminders and ETA prompts.
 * - The reminder lead is a quarter of the interval since the last update, at most 15 minutes,
 *   so a 20-minute first-update target is reminded 5 minutes early.
 * - An ETA prompt needs an owner to ask; the missed-ETA check fires at the ETA itself.
 * - What was already done for a due time (reminded, escalated, prompted, flagged) is not planned
 *   again.
 *
 * `isCurrentTimer` says whether a scheduled timer is still about the request's present due time
 * or ETA; the scheduler lets a replaced timer fire when it still is and its time has come (a due
 * timer that planning would no longer choose, such as an ETA prompt now too close to ask, still
 * fires and lets ./reminders decide), and cancels it otherwise.
 */
import { escalationAt, reminderAt, reminderLeadMinutes } from './cadence';
import { nudgeAt } from './client-lines';
import { onTrackPromptAt } from './eta';
import { isClosed } from './lifecycle';
import { type HoursSettings, hoursFor } from './on-call';
import { NUDGE_KINDS, type ReminderKind } from './reminders';
import type { TrackedRequest } from './request';
import type { ChannelSettings } from './settings';

export interface PlannedTimer {
  kind: ReminderKind;
  /** What the timer is about: the update due time, or the ETA. Part of the job id. */
  dueAt: number;
  /** When it should fire (epoch ms). */
  fireAt: number;
}

export type TimerSubject = Pick<
  TrackedRequest,
  | 'state'
  | 'priority'
  | 'createdAt'
  | 'nextUpdateDueAt'
  | 'lastUpdateAt'
  | 'etaAt'
  | 'ownerId'
  | 'remindedFor'
  | 'escalatedFor'
  | 'onTrackPromptedFor'
  | 'etaMissFlaggedFor'
  | 'waitingSince'
  | 'clientNudgedFor'
  | 'ownerNudgedFor'
>;
/** `clientNudgeDays` absent: no nudges. */
export type TimerSettings = Pick<ChannelSettings, 'businessHours' | 'cadenceMinutes' | 'graceMinutes'> & HoursSettings & Partial<Pick<ChannelSettings, 'clientNudgeDays'>>;

const MINUTE_MS = 60_000;

export function plannedTimers(request: TimerSubject, settings: TimerSettings, now: number): PlannedTimer[] {
  if (isClosed(request.state)) return [];
  if (request.state === 'waiting_on_client') return nudgeTimers(request, settings);
  const dueAt = request.nextUpdateDueAt;
  const since = Math.min(request.lastUpdateAt ?? request.createdAt, dueAt);
  const intervalMinutes = Math.min(settings.cadenceMinutes[request.priority], (dueAt - since) / MINUTE_MS);
  const timers: PlannedTimer[] = [];
  if (request.remindedFor !== dueAt) {
    timers.push({ kind: 'reminder', dueAt, fireAt: reminderAt(dueAt, reminderLeadMinutes(intervalMinutes), since) });
  }
  if (request.escalatedFor !== dueAt) timers.push({ kind: 'escalation', dueAt, fireAt: escalationAt(dueAt, settings.graceMinutes) });
  const eta = request.etaAt;
  if (eta !== undefined) {
    const promptAt = request.ownerId && request.onTrackPromptedFor !== eta ? onTrackPromptAt(eta, now, hoursFor(request.priority, settings)) : undefined;
    if (promptAt !== undefined) timers.push({ kind: 'on_track', dueAt: eta, fireAt: promptAt });
    if (request.etaMissFlaggedFor !== eta) timers.push({ kind: 'eta_missed', dueAt: eta, fireAt: eta });
  }
  return timers;
}

/**
 * plannedTimers, first to fire first (equal times keep plannedTimers' order: reminder before
 * escalation, "On track?" before the missed-ETA check, the client's nudge before the owner's).
 */
export function timersInOrder(request: TimerSubject, settings: TimerSettings, now: number): PlannedTimer[] {
  return plannedTimers(request, settings, now)
    .map((timer, i) => ({ timer, i }))
    .sort((a, b) => a.timer.fireAt - b.timer.fireAt || a.i - b.i)
    .map(({ timer }) => timer);
}

/** The nudges a wait still needs: the client's, then the owner's, each once per wait. */
function nudgeTimers(request: TimerSubject, settings: TimerSettings): PlannedTimer[] {
  const since = request.waitingSince;
  const days = settings.clientNudgeDays ?? 0;
  if (since === undefined) return [];
  const timers: PlannedTimer[] = [];
  const clientAt = nudgeAt(since, days, 'client', settings.businessHours);
  if (clientAt !== undefined && request.clientNudgedFor !== since) timers.push({ kind: 'client_nudge', dueAt: since, fireAt: clientAt });
  const ownerAt = nudgeAt(since, days, 'owner', settings.businessHours);
  if (ownerAt !== undefined && request.ownerId && request.ownerNudgedFor !== since) timers.push({ kind: 'owner_nudge', dueAt: since, fireAt: ownerAt });
  return timers;
}

/** Whether a timer of `kind` about `dueAt` still concerns the request as it is now. */
export function isCurrentTimer(kind: ReminderKind, dueAt: number, request: TimerSubject): boolean {
  if (isClosed(request.state)) return false;
  if (NUDGE_KINDS.includes(kind)) return request.state === 'waiting_on_client' && dueAt === request.waitingSince;
  if (request.state === 'waiting_on_client') return false;
  return kind === 'reminder' || kind === 'escalation' ? dueAt === request.nextUpdateDueAt : dueAt === request.etaAt;
}
