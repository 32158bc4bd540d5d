/**
 * Business-time arithmetic: which instants are business time and how many business minutes lie
 * between two instants, in the channel's zone, working days, hours and holidays.
 *
 * A working day's business time is the window [opening, closing), where opening is the first
 * instant the local clock shows `startMinute` on that date and closing the first instant it shows
 * `endMinute` (1440: the next midnight). Minutes are real elapsed minutes, so a 0–24 h day has
 * 1380 business minutes when clocks go forward and 1500 when they go back. An opening inside a DST
 * gap is the moment of the jump.
 */
import { addLocalDays, firstInstantAtOrAfter, isoWeekdayOf, localDateKey, localDateOf } from './local-time';
import type { LocalDate } from './local-time';
import type { BusinessHours } from './settings';

const MINUTE_MS = 60_000;

/** How many days ahead an opening is looked for before the hours are declared to have none. */
export const MAX_DAYS_AHEAD = 400;

/** A stretch of business time: `start` is inside it (or its opening), `close` ends it. */
interface OpenStretch {
  start: number;
  close: number;
}

export function isBusinessTime(at: number, hours: BusinessHours): boolean {
  assertUsable(hours);
  const window = windowOn(localDateOf(at, hours.timezone), hours);
  return window !== undefined && window.start <= at && at < window.close;
}

/** `at` itself when it is business time, otherwise the instant business time next starts. */
export function nextBusinessOpening(at: number, hours: BusinessHours): number {
  assertUsable(hours);
  return stretchFrom(at, hours).start;
}

/**
 * The instant `minutes` business minutes after `at`, counting from the next opening when `at` is
 * outside business hours. A result that lands exactly on a closing stays there.
 */
export function addBusinessMinutes(at: number, minutes: number, hours: BusinessHours): number {
  assertUsable(hours);
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`Business minutes to add must be a finite number >= 0, got ${minutes}`);
  }
  let remaining = minutes * MINUTE_MS;
  let stretch = stretchFrom(at, hours);
  while (remaining > stretch.close - stretch.start) {
    remaining -= stretch.close - stretch.start;
    stretch = stretchFrom(stretch.close, hours);
  }
  return stretch.start + remaining;
}

/** Business minutes in [from, to); exact, so fractional when the instants are not whole minutes. */
export function businessMinutesBetween(from: number, to: number, hours: BusinessHours): number {
  assertUsable(hours);
  let total = 0;
  let cursor = from;
  while (cursor < to) {
    const stretch = stretchFrom(cursor, hours);
    if (stretch.start >= to) break;
    total += Math.min(stretch.close, to) - stretch.start;
    cursor = stretch.close;
  }
  return total / MINUTE_MS;
}

/** The business time that contains `at`, or else the next one, from `at` or its opening. */
function stretchFrom(at: number, hours: BusinessHours): OpenStretch {
  let date = localDateOf(at, hours.timezone);
  for (let day = 0; day <= MAX_DAYS_AHEAD; day++) {
    const window = windowOn(date, hours);
    if (window && at < window.close) return { start: Math.max(at, window.start), close: window.close };
    date = addLocalDays(date, 1);
  }
  throw new Error(
    `No business time within ${MAX_DAYS_AHEAD} days after ${new Date(at).toISOString()} ` +
      `in ${hours.timezone}: every working day is a holiday`,
  );
}

function windowOn(date: LocalDate, hours: BusinessHours): OpenStretch | undefined {
  if (!hours.workingDays.includes(isoWeekdayOf(date))) return undefined;
  if (hours.holidays.includes(localDateKey(date))) return undefined;
  const start = firstInstantAtOrAfter(date, hours.startMinute, hours.timezone);
  const close = firstInstantAtOrAfter(date, hours.endMinute, hours.timezone);
  // Empty when both ends fall into the same DST gap.
  return start < close ? { start, close } : undefined;
}

function assertUsable(hours: BusinessHours): void {
  const { workingDays, startMinute, endMinute } = hours;
  if (!workingDays.some((day) => Number.isInteger(day) && day >= 1 && day <= 7)) {
    throw new Error(
      `Business hours have no working day: workingDays must hold ISO weekdays 1 (Monday) … 7 (Sunday), got [${workingDays.join(', ')}]`,
    );
  }
  if (!(startMinute >= 0 && startMinute < endMinute && endMinute <= 24 * 60)) {
    throw new Error(
      `Business hours must satisfy 0 <= startMinute < endMinute <= 1440, got ${startMinute}–${endMinute}`,
    );
  }
}
