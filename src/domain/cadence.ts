/**
 * When the next client-visible update is due, when its owner is reminded and when a missing update
 * is escalated.
 *
 * - Due: the last client-visible update plus the priority's cadence, counted in business minutes
 *   (./business-time), so evenings, weekends and holidays do not count (urgent requests of a
 *   channel that counts them round the clock: every minute, see ./on-call).
 * - Reminder: `lead` minutes before the due time, never before the last update. The default lead
 *   is 15 minutes, or a quarter of the cadence when that is shorter (a 20-minute cadence is
 *   reminded 5 minutes early), so the reminder always falls in the last quarter of the interval.
 *   The lead is wall-clock time: an update due at 09:05 is reminded at 08:50 that morning, not at
 *   16:50 on the working day before.
 * - Escalation: the grace period after the due time, also wall-clock: it measures how long the
 *   client has been left waiting past our promise.
 * - Overdue: from the escalation time on; the instant itself counts, so a job that fires exactly
 *   on time sees the update as overdue.
 */
import { addBusinessMinutes } from './business-time';
import { type HoursSettings, hoursFor } from './on-call';
import type { Priority } from './request';
import type { ChannelSettings } from './settings';

const MINUTE_MS = 60_000;

export const DEFAULT_REMINDER_LEAD_MINUTES = 15;
/** The reminder lead never exceeds this share of the cadence. */
export const MAX_REMINDER_LEAD_SHARE = 0.25;

export type CadenceSettings = Pick<ChannelSettings, 'businessHours' | 'cadenceMinutes'> & HoursSettings;

export interface UpdatePlan {
  /** Epoch ms: the next client-visible update is due. */
  dueAt: number;
  /** Epoch ms: the owner (or the triage channel) is reminded. */
  remindAt: number;
  /** Epoch ms: the team lead hears about it when no update has come. */
  escalateAt: number;
}

/** The last client-visible update plus the priority's cadence, in business minutes. */
export function nextUpdateDue(lastClientVisibleUpdateAt: number, priority: Priority, settings: CadenceSettings): number {
  return addBusinessMinutes(lastClientVisibleUpdateAt, settings.cadenceMinutes[priority], hoursFor(priority, settings));
}

/** 15 minutes, or a quarter of the cadence when that is shorter. */
export function reminderLeadMinutes(cadenceMinutes: number): number {
  assertMinutes('Cadence', cadenceMinutes);
  return Math.min(DEFAULT_REMINDER_LEAD_MINUTES, cadenceMinutes * MAX_REMINDER_LEAD_SHARE);
}

/** `leadMinutes` before the due time, but never before `notBefore` (the last update). */
export function reminderAt(dueAt: number, leadMinutes: number, notBefore = Number.NEGATIVE_INFINITY): number {
  assertMinutes('Reminder lead', leadMinutes);
  return Math.max(dueAt - Math.round(leadMinutes * MINUTE_MS), notBefore);
}

export function escalationAt(dueAt: number, graceMinutes: number): number {
  assertMinutes('Grace', graceMinutes);
  return dueAt + Math.round(graceMinutes * MINUTE_MS);
}

/** Whether the update due at `dueAt` is late by the grace period (0: late at all) at `now`. */
export function isOverdue(dueAt: number, now: number, graceMinutes = 0): boolean {
  return now >= escalationAt(dueAt, graceMinutes);
}

/** Due, reminder and escalation times of the update after one made at `lastClientVisibleUpdateAt`. */
export function planNextUpdate(
  lastClientVisibleUpdateAt: number,
  priority: Priority,
  settings: CadenceSettings & Pick<ChannelSettings, 'graceMinutes'>,
): UpdatePlan {
  const dueAt = nextUpdateDue(lastClientVisibleUpdateAt, priority, settings);
  const lead = reminderLeadMinutes(settings.cadenceMinutes[priority]);
  return {
    dueAt,
    remindAt: reminderAt(dueAt, lead, lastClientVisibleUpdateAt),
    escalateAt: escalationAt(dueAt, settings.graceMinutes),
  };
}

function assertMinutes(what: string, minutes: number): void {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`${what} minutes must be a finite number >= 0, got ${minutes}`);
  }
}
