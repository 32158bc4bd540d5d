/**
 * What the client is told between the updates the owner writes, and when. Pure; time is an
 * argument.
 *
 * Holding line: when a promised update passes its grace period with nothing posted, the team is
 * escalated and, where the channel wants it, the client reads one honest line saying that we owe
 * them an update and by when they will hear from us. That time is a new promise: it becomes the
 * request's next update due time (so its reminder and escalation are planned like any other),
 * one cadence from now in business time, and never a time already past. One per missed due time:
 * the escalation that carries it happens once per due time.
 *
 * Owed since: the request still owes the client a real update since a due time that was
 * escalated, even when a holding line moved the due time on. A real update (any client-visible
 * update but the holding line) is newer than the escalated due time and clears it.
 *
 * Waiting on the client: after `days` business days of waiting (a business day being the
 * channel's opening hours of one working day) the client is gently reminded of what we need;
 * after as many again the owner is told. 0 days: neither.
 */
import { addBusinessMinutes } from './business-time';
import { nextUpdateDue, type CadenceSettings } from './cadence';
import type { TrackedRequest } from './request';
import type { BusinessHours } from './settings';

/** The time a holding line promises: one cadence from now, counted in business time. */
export function holdingLinePromise(now: number, priority: TrackedRequest['priority'], settings: CadenceSettings): number {
  return nextUpdateDue(now, priority, settings);
}

/** The escalated due time the client is still owed a real update for, if any. */
export function owedSince(request: Pick<TrackedRequest, 'escalatedFor' | 'lastUpdateAt' | 'createdAt' | 'state'>): number | undefined {
  if (request.state === 'resolved' || request.state === 'dismissed' || request.state === 'waiting_on_client') return undefined;
  const escalated = request.escalatedFor;
  if (escalated === undefined) return undefined;
  return escalated > (request.lastUpdateAt ?? request.createdAt) ? escalated : undefined;
}

export type NudgeStep = 'client' | 'owner';

/** When a wait that began at `since` reminds the client (`client`) or tells the owner (`owner`); undefined when off. */
export function nudgeAt(since: number, days: number, step: NudgeStep, hours: BusinessHours): number | undefined {
  if (!Number.isInteger(days) || days <= 0) return undefined;
  const businessDayMinutes = hours.endMinute - hours.startMinute;
  return addBusinessMinutes(since, days * (step === 'client' ? 1 : 2) * businessDayMinutes, hours);
}

/**
 * Whether a holding line recorded for the missed due time `dueAt`, promising `promisedAt`, is
 * still true when it is about to be posted: the request is live and not waiting on the client,
 * that due time was escalated and is still owed (no real update came since), the promise still
 * stands as the request's due time, and it has not passed.
 */
export function holdingLineStillTrue(
  request: Pick<TrackedRequest, 'state' | 'escalatedFor' | 'lastUpdateAt' | 'createdAt' | 'nextUpdateDueAt'>,
  dueAt: number,
  promisedAt: number,
  now: number,
): boolean {
  if (request.state !== 'open' && request.state !== 'in_progress') return false;
  return owedSince(request) === dueAt && request.nextUpdateDueAt === promisedAt && promisedAt > now;
}
