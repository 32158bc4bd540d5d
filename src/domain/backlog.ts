/**
 * After an outage (every instance or Redis down for a while), the timers planned for that time
 * all fire at once, long after their time. Told one by one, an owner would get a reminder and a
 * lead an escalation per request in the same minute; instead, a timer that fires later than
 * `lateAfterMs` after its planned time is recorded as usual and told in one summary per person
 * (or triage channel) of what is behind. Pure: time is an argument.
 */
import { owedSince } from './client-lines';
import { isClosed } from './lifecycle';
import type { ReminderSubject } from './reminders';
import type { TrackedRequest } from './request';

/** A timer firing later than this after its planned time was held up by an outage. */
export const LATE_TIMER_MS = 15 * 60_000;

/** Who a summary is for: an owner (their requests), a team lead (their channels'), or a triage channel (the unowned). */
export type BacklogRole = 'owner' | 'lead' | 'triage';

export const BACKLOG_ROLES: readonly BacklogRole[] = ['owner', 'lead', 'triage'];

/** One summary per recipient and role within this window, however many timers fed it. */
export const BACKLOG_WINDOW_MS = 60 * 60_000;

export function firedLate(fireAt: number, now: number, lateAfterMs: number = LATE_TIMER_MS): boolean {
  return now - fireAt > lateAfterMs;
}

/**
 * Whether a live request is behind at `now`: its update is due, its ETA has passed, or it was
 * escalated and the client is still owed a real update (a holding line moved the due time on).
 */
export function isBehind(request: ReminderSubject & Pick<TrackedRequest, 'createdAt' | 'lastUpdateAt'>, now: number): boolean {
  if (isClosed(request.state) || request.state === 'waiting_on_client') return false;
  if (owedSince(request) !== undefined) return true;
  return now >= request.nextUpdateDueAt || (request.etaAt !== undefined && now >= request.etaAt);
}

/** The window a late timer's summary belongs to (its start, epoch ms). */
export function backlogWindow(now: number): number {
  return now - (now % BACKLOG_WINDOW_MS);
}
