/** When the first update of a new request is due, and what the acknowledgement should promise. */
import { addBusinessMinutes, isBusinessTime, nextBusinessOpening } from './business-time';
import { type HoursSettings, hoursFor } from './on-call';
import type { Priority } from './request';
import type { ChannelSettings } from './settings';

export type FirstUpdateSettings = Pick<ChannelSettings, 'businessHours' | 'cadenceMinutes' | 'firstUpdateMinutes'> & HoursSettings;

export interface FirstUpdatePlan {
  /** Epoch ms: the first update is due this many business minutes after `now`. */
  nextUpdateDueAt: number;
  withinBusinessHours: boolean;
  /** Epoch ms when business time next starts; only when `now` is outside business hours. */
  backAt?: number;
}

/**
 * The first update is due after the first-update target or the priority's cadence, whichever is
 * shorter, counted in business minutes from `now`.
 */
export function planFirstUpdate(now: number, priority: Priority, settings: FirstUpdateSettings): FirstUpdatePlan {
  const businessHours = hoursFor(priority, settings);
  const minutes = Math.min(settings.firstUpdateMinutes, settings.cadenceMinutes[priority]);
  const nextUpdateDueAt = addBusinessMinutes(now, minutes, businessHours);
  if (isBusinessTime(now, businessHours)) return { nextUpdateDueAt, withinBusinessHours: true };
  return { nextUpdateDueAt, withinBusinessHours: false, backAt: nextBusinessOpening(now, businessHours) };
}
