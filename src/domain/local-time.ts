/**
 * Wall clocks in IANA time zones, computed with Intl alone (through a cache of zone offsets), so
 * that the answer never depends on the zone the process runs in. Instants are epoch milliseconds; local dates are calendar values.
 */

export interface LocalDate {
  year: number;
  /** 1 = January … 12 = December. */
  month: number;
  day: number;
}

export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
  second: number;
  /** 1 = Monday … 7 = Sunday. */
  isoWeekday: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws a RangeError for an unknown zone. */
function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/** The wall clock at `at` as Intl formats it (no cache): the reference the offset cache is built from. */
export function localDateTimeByIntl(at: number, timezone: string): LocalDateTime {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timezone).formatToParts(at)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const date = { year: fields.year ?? NaN, month: fields.month ?? NaN, day: fields.day ?? NaN };
  return {
    ...date,
    hour: fields.hour ?? NaN,
    minute: fields.minute ?? NaN,
    second: fields.second ?? NaN,
    isoWeekday: isoWeekdayOf(date),
  };
}

/** The zone's offset from UTC at `at` (ms, whole seconds), by Intl. */
function offsetByIntl(at: number, timezone: string): number {
  const t = localDateTimeByIntl(at, timezone);
  const whole = Math.floor(at / 1000) * 1000;
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second) - whole;
}

/**
 * Offsets by zone and hour: the offset at the hour's first and last millisecond, and when they are
 * the same the whole hour has it (no zone changes its offset twice within an hour and back). An
 * hour with a change in it is not cached: each instant in it asks Intl. Exact, then, and about
 * two Intl calls per zone and hour instead of one per question.
 */
const HOUR_MS = 60 * MINUTE_MS;
const MAX_CACHED_HOURS = 50_000;
const offsetCache = new Map<string, Map<number, number | null>>();

export function zoneOffsetMs(at: number, timezone: string): number {
  let hours = offsetCache.get(timezone);
  if (!hours) {
    formatterFor(timezone); // an unknown zone throws here, before anything is cached
    hours = new Map();
    offsetCache.set(timezone, hours);
  }
  const hour = Math.floor(at / HOUR_MS);
  let offset = hours.get(hour);
  if (offset === undefined) {
    const first = offsetByIntl(hour * HOUR_MS, timezone);
    const last = offsetByIntl((hour + 1) * HOUR_MS - 1, timezone);
    offset = first === last ? first : null;
    if (hours.size >= MAX_CACHED_HOURS) hours.clear();
    hours.set(hour, offset);
  }
  return offset ?? offsetByIntl(at, timezone);
}

/** The calendar date and the time of day that a clock in `timezone` shows at `at`. */
export function localDateTimeOf(at: number, timezone: string): LocalDateTime {
  const wall = new Date(at + zoneOffsetMs(at, timezone));
  const date = { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
  return {
    ...date,
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    isoWeekday: isoWeekdayOf(date),
  };
}

export function localDateOf(at: number, timezone: string): LocalDate {
  const { year, month, day } = localDateTimeOf(at, timezone);
  return { year, month, day };
}

/** The wall clock at `at` written as if it were UTC (epoch ms), milliseconds included. */
function wallClockMs(at: number, timezone: string): number {
  return at + zoneOffsetMs(at, timezone);
}

/**
 * The first instant at which a clock in `timezone` shows `date` at `minuteOfDay` or later.
 * In a DST gap (the time never shows) that is the moment of the jump; when clocks go back and the
 * time shows twice it is the earlier one. `minuteOfDay` 1440 gives the start of the next day.
 */
export function firstInstantAtOrAfter(date: LocalDate, minuteOfDay: number, timezone: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day) + minuteOfDay * MINUTE_MS;
  // The zone's offsets a day either side cover any single transition near `wall`.
  const offsets = [wall - DAY_MS, wall, wall + DAY_MS].map((t) => wallClockMs(t, timezone) - t);
  const exact = offsets.map((offset) => wall - offset).filter((t) => wallClockMs(t, timezone) === wall);
  if (exact.length > 0) return Math.min(...exact);

  // A gap: search for the jump between the two offsets (the wall clock rises across it).
  let low = wall - Math.max(...offsets);
  let high = wall - Math.min(...offsets);
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (wallClockMs(middle, timezone) >= wall) high = middle;
    else low = middle + 1;
  }
  return low;
}

export function addLocalDays(date: LocalDate, days: number): LocalDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function localDaysBetween(from: LocalDate, to: LocalDate): number {
  const start = Date.UTC(from.year, from.month - 1, from.day);
  return Math.round((Date.UTC(to.year, to.month - 1, to.day) - start) / DAY_MS);
}

export function isoWeekdayOf(date: LocalDate): number {
  const sundayIsZero = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return sundayIsZero === 0 ? 7 : sundayIsZero;
}

/** `YYYY-MM-DD`, the form holidays are configured in. */
export function localDateKey(date: LocalDate): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}
