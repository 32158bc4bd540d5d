/**
 * Urgent work out of hours. An urgent request that arrives outside the channel's business hours
 * goes at once to the channel's on-call people; a channel may also count urgent requests round the
 * clock (their first update, cadence and reminders), while normal ones keep business hours. Pure.
 */
import { isBusinessTime } from './business-time';
import type { Priority } from './request';
import type { BusinessHours, ChannelSettings } from './settings';

const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];

/** Every minute of every day, in the same zone. */
export function roundTheClock(hours: BusinessHours): BusinessHours {
  return { timezone: hours.timezone, workingDays: ALL_DAYS, startMinute: 0, endMinute: 24 * 60, holidays: [] };
}

export type HoursSettings = Pick<ChannelSettings, 'businessHours'> & Partial<Pick<ChannelSettings, 'urgentAroundTheClock'>>;

/** The hours a request of `priority` counts its time in. */
export function hoursFor(priority: Priority, settings: HoursSettings): BusinessHours {
  return priority === 'urgent' && settings.urgentAroundTheClock ? roundTheClock(settings.businessHours) : settings.businessHours;
}

/**
 * Whom to alert at once about a request of `priority` arriving at `at`: the on-call people when it
 * is urgent and outside the channel's business hours (its own hours, even when urgent requests
 * count round the clock: the on-call person is who answers then), otherwise nobody.
 */
export function onCallToAlert(priority: Priority, at: number, settings: Pick<ChannelSettings, 'businessHours' | 'onCallIds'>): string[] {
  if (priority !== 'urgent' || settings.onCallIds.length === 0) return [];
  if (isBusinessTime(at, settings.businessHours)) return [];
  return [...new Set(settings.onCallIds)];
}
