import { at } from './instants';
import {
  addLocalDays,
  firstInstantAtOrAfter,
  localDateKey,
  localDateTimeOf,
  localDaysBetween,
} from '../../../src/domain/local-time';
import type { LocalDate } from '../../../src/domain/local-time';

const date = (key: string): LocalDate => {
  const [year, month, day] = key.split('-').map(Number);
  return { year: year ?? NaN, month: month ?? NaN, day: day ?? NaN };
};

describe('localDateTimeOf', () => {
  it.each([
    ['2025-11-24T21:30Z', 'Europe/Helsinki', '2025-11-24', 23, 30, 1],
    ['2025-11-24T22:30Z', 'Europe/Helsinki', '2025-11-25', 0, 30, 2],
    ['2025-06-15T21:00Z', 'Europe/Helsinki', '2025-06-16', 0, 0, 1],
    ['2025-11-24T03:00Z', 'America/New_York', '2025-11-23', 22, 0, 7],
    ['2025-11-24T00:00Z', 'UTC', '2025-11-24', 0, 0, 1],
  ])('when %s is read in %s, then the clock shows %s %s:%s (ISO weekday %s)', (instant, zone, day, hour, minute, isoWeekday) => {
    const local = localDateTimeOf(at(instant), zone);
    expect({ key: localDateKey(local), hour: local.hour, minute: local.minute, isoWeekday: local.isoWeekday }).toEqual({
      key: day,
      hour,
      minute,
      isoWeekday,
    });
  });

  it('when the zone is unknown, then it throws', () => {
    expect(() => localDateTimeOf(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('firstInstantAtOrAfter', () => {
  it.each([
    ['an ordinary winter morning', '2025-11-24', 9 * 60, 'Europe/Helsinki', '2025-11-24T09:00+02:00'],
    ['an ordinary summer morning', '2025-06-16', 9 * 60, 'Europe/Helsinki', '2025-06-16T09:00+03:00'],
    ['a time skipped by the spring change', '2025-03-30', 3 * 60 + 30, 'Europe/Helsinki', '2025-03-30T04:00+03:00'],
    ['the start of the skipped hour', '2025-03-30', 3 * 60, 'Europe/Helsinki', '2025-03-30T04:00+03:00'],
    ['the end of the skipped hour', '2025-03-30', 4 * 60, 'Europe/Helsinki', '2025-03-30T04:00+03:00'],
    ['a time repeated by the autumn change (earlier one)', '2025-10-26', 3 * 60 + 30, 'Europe/Helsinki', '2025-10-26T03:30+03:00'],
    ['midnight at the end of the 23-hour day', '2025-03-30', 24 * 60, 'Europe/Helsinki', '2025-03-31T00:00+03:00'],
    ['a time skipped in New York', '2025-03-09', 2 * 60 + 30, 'America/New_York', '2025-03-09T03:00-04:00'],
    ['noon in UTC', '2025-03-30', 12 * 60, 'UTC', '2025-03-30T12:00Z'],
  ])('when asking for %s, then the instant is right', (_label, day, minute, zone, expected) => {
    expect(new Date(firstInstantAtOrAfter(date(day), minute, zone)).toISOString()).toBe(new Date(at(expected)).toISOString());
  });
});

describe('calendar arithmetic', () => {
  it.each([
    ['2025-12-31', 1, '2026-01-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-03-29', 2, '2025-03-31'],
    ['2025-03-01', -1, '2025-02-28'],
  ])('when %s moves %s days, then it is %s', (from, days, expected) => {
    expect(localDateKey(addLocalDays(date(from), days))).toBe(expected);
  });

  it.each([
    ['2025-03-29', '2025-03-31', 2],
    ['2025-12-31', '2026-01-01', 1],
    ['2025-11-25', '2025-11-24', -1],
  ])('when counting from %s to %s, then there are %s days', (from, to, expected) => {
    expect(localDaysBetween(date(from), date(to))).toBe(expected);
  });
});
