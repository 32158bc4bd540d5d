import fc from 'fast-check';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  isBusinessTime,
  nextBusinessOpening,
} from '../../../src/domain/business-time';
import type { BusinessHours } from '../../../src/domain/settings';
import { at, iso } from './instants';


const WEEKDAYS = [1, 2, 3, 4, 5];
/** Helsinki 9–17 on weekdays; Christmas Eve to Boxing Day 2025 (Wed–Fri) are holidays. */
const HELSINKI: BusinessHours = {
  timezone: 'Europe/Helsinki',
  workingDays: WEEKDAYS,
  startMinute: 9 * 60,
  endMinute: 17 * 60,
  holidays: ['2025-12-24', '2025-12-25', '2025-12-26'],
};
/** Around the clock on weekdays: the window contains the DST switch on a working day. */
const HELSINKI_WEEKDAYS_ALL_DAY: BusinessHours = { ...HELSINKI, startMinute: 0, endMinute: 24 * 60, holidays: [] };
/** Around the clock every day: the DST Sundays are working days. */
const HELSINKI_ALWAYS: BusinessHours = { ...HELSINKI_WEEKDAYS_ALL_DAY, workingDays: [1, 2, 3, 4, 5, 6, 7] };
/** Opening at 03:30, a time that does not exist on the last Sunday of March and exists twice in October. */
const HELSINKI_NIGHT_SHIFT: BusinessHours = { ...HELSINKI_ALWAYS, startMinute: 3 * 60 + 30, endMinute: 10 * 60 };
const NEW_YORK: BusinessHours = { ...HELSINKI, timezone: 'America/New_York', holidays: ['2025-07-04'] };
const UTC: BusinessHours = { ...HELSINKI, timezone: 'UTC', holidays: [] };

// Calendar: Mon 2025-11-24; Sat 2025-11-22; DST in Helsinki on Sun 2025-03-30 (03:00 → 04:00,
// at 01:00Z) and Sun 2025-10-26 (04:00 → 03:00, at 01:00Z); in New York on Sun 2025-03-09 and
// Sun 2025-11-02.

describe('isBusinessTime', () => {
  it.each([
    ['opening time on a Monday (start inclusive)', true, HELSINKI, '2025-11-24T09:00+02:00'],
    ['a minute before opening', false, HELSINKI, '2025-11-24T08:59+02:00'],
    ['a millisecond before closing', true, HELSINKI, '2025-11-24T16:59:59.999+02:00'],
    ['closing time (end exclusive)', false, HELSINKI, '2025-11-24T17:00+02:00'],
    ['an evening', false, HELSINKI, '2025-11-24T21:00+02:00'],
    ['Saturday noon', false, HELSINKI, '2025-11-22T12:00+02:00'],
    ['Sunday noon', false, HELSINKI, '2025-11-23T12:00+02:00'],
    ['a holiday noon', false, HELSINKI, '2025-12-24T12:00+02:00'],
    ['the working day before the holidays', true, HELSINKI, '2025-12-23T12:00+02:00'],
    ['summer 09:00 local (summer time offset)', true, HELSINKI, '2025-06-16T09:00+03:00'],
    ['summer 08:30 local, which is 09:30 in winter offset', false, HELSINKI, '2025-06-16T08:30+03:00'],
    ['spring DST Sunday after the jump, open around the clock', true, HELSINKI_ALWAYS, '2025-03-30T04:30+03:00'],
    ['spring DST Sunday, weekdays-only 0–24', false, HELSINKI_WEEKDAYS_ALL_DAY, '2025-03-30T04:30+03:00'],
    ['night shift, the jump instant (03:30 does not exist)', true, HELSINKI_NIGHT_SHIFT, '2025-03-30T04:00+03:00'],
    ['night shift, just before the jump', false, HELSINKI_NIGHT_SHIFT, '2025-03-30T02:59+02:00'],
    ['night shift, first 03:30 of the October Sunday', true, HELSINKI_NIGHT_SHIFT, '2025-10-26T03:30+03:00'],
    ['night shift, the repeated 03:10 after clocks went back', true, HELSINKI_NIGHT_SHIFT, '2025-10-26T03:10+02:00'],
    ['New York 09:00 local on a Monday', true, NEW_YORK, '2025-11-24T09:00-05:00'],
    ['New York 08:00 local, which is 15:00 in Helsinki', false, NEW_YORK, '2025-11-24T08:00-05:00'],
    ['New York on Independence Day', false, NEW_YORK, '2025-07-04T12:00-04:00'],
    ['UTC 09:00', true, UTC, '2025-11-24T09:00Z'],
    ['UTC 17:00', false, UTC, '2025-11-24T17:00Z'],
  ])('when it is %s, then business time is %s', (_label, expected, hours, time) => {
    expect(isBusinessTime(at(time), hours)).toBe(expected);
  });
});

describe('nextBusinessOpening', () => {
  it.each([
    ['inside business hours', HELSINKI, '2025-11-24T10:15+02:00', '2025-11-24T10:15+02:00'],
    ['at opening', HELSINKI, '2025-11-24T09:00+02:00', '2025-11-24T09:00+02:00'],
    ['early morning', HELSINKI, '2025-11-24T07:00+02:00', '2025-11-24T09:00+02:00'],
    ['at closing', HELSINKI, '2025-11-24T17:00+02:00', '2025-11-25T09:00+02:00'],
    ['Friday evening', HELSINKI, '2025-11-28T18:00+02:00', '2025-12-01T09:00+02:00'],
    ['Saturday', HELSINKI, '2025-11-22T12:00+02:00', '2025-11-24T09:00+02:00'],
    ['before Christmas holidays and a weekend', HELSINKI, '2025-12-23T17:30+02:00', '2025-12-29T09:00+02:00'],
    ['Friday evening before clocks go forward', HELSINKI, '2025-03-28T18:00+02:00', '2025-03-31T09:00+03:00'],
    ['Friday evening before clocks go back', HELSINKI, '2025-10-24T18:00+03:00', '2025-10-27T09:00+02:00'],
    ['night shift on the spring Sunday: opens at the jump', HELSINKI_NIGHT_SHIFT, '2025-03-30T00:00+02:00', '2025-03-30T04:00+03:00'],
    ['night shift on the autumn Sunday: opens at the first 03:30', HELSINKI_NIGHT_SHIFT, '2025-10-26T00:00+03:00', '2025-10-26T03:30+03:00'],
    ['weekdays 0–24, Saturday of the spring DST weekend', HELSINKI_WEEKDAYS_ALL_DAY, '2025-03-29T12:00+02:00', '2025-03-31T00:00+03:00'],
    ['New York Friday evening before clocks go forward', NEW_YORK, '2025-03-07T18:00-05:00', '2025-03-10T09:00-04:00'],
    ['UTC Sunday', UTC, '2025-11-23T12:00Z', '2025-11-24T09:00Z'],
  ])('when %s, then business time next starts at the expected instant', (_label, hours, from, expected) => {
    expect(iso(nextBusinessOpening(at(from), hours))).toBe(iso(at(expected)));
  });

  it.each([
    ['no working days', { ...HELSINKI, workingDays: [] }, /no working day/],
    ['working days outside 1–7', { ...HELSINKI, workingDays: [0, 8] }, /no working day/],
    ['closing before opening', { ...HELSINKI, startMinute: 17 * 60, endMinute: 9 * 60 }, /startMinute < endMinute/],
    ['closing after midnight', { ...HELSINKI, endMinute: 24 * 60 + 1 }, /endMinute <= 1440/],
    ['every Monday a holiday and only Mondays working', { ...HELSINKI, workingDays: [1], holidays: mondays('2025-11-24', 60) }, /within 400 days/],
  ])('when the hours have %s, then it throws a clear error', (_label, hours, message) => {
    expect(() => nextBusinessOpening(at('2025-11-22T12:00+02:00'), hours)).toThrow(message);
  });
});

describe('addBusinessMinutes', () => {
  it.each([
    ['an hour inside the day', HELSINKI, '2025-11-24T10:00+02:00', 60, '2025-11-24T11:00+02:00'],
    ['a full day from opening (stays at closing)', HELSINKI, '2025-11-24T09:00+02:00', 480, '2025-11-24T17:00+02:00'],
    ['up to exactly closing', HELSINKI, '2025-11-24T16:00+02:00', 60, '2025-11-24T17:00+02:00'],
    ['past closing', HELSINKI, '2025-11-24T16:30+02:00', 60, '2025-11-25T09:30+02:00'],
    ['zero inside hours', HELSINKI, '2025-11-24T09:00+02:00', 0, '2025-11-24T09:00+02:00'],
    ['zero on a Saturday (next opening)', HELSINKI, '2025-11-22T12:00+02:00', 0, '2025-11-24T09:00+02:00'],
    ['from Sunday', HELSINKI, '2025-11-23T12:00+02:00', 30, '2025-11-24T09:30+02:00'],
    ['from an early morning', HELSINKI, '2025-11-24T06:00+02:00', 90, '2025-11-24T10:30+02:00'],
    ['over a weekend', HELSINKI, '2025-11-28T16:00+02:00', 120, '2025-12-01T10:00+02:00'],
    ['over Christmas holidays', HELSINKI, '2025-12-23T16:00+02:00', 120, '2025-12-29T10:00+02:00'],
    ['three full days', HELSINKI, '2025-11-24T09:00+02:00', 3 * 480, '2025-11-26T17:00+02:00'],
    ['a working week', HELSINKI, '2025-11-24T10:00+02:00', 5 * 480, '2025-12-01T10:00+02:00'],
    ['over the spring DST weekend', HELSINKI, '2025-03-28T16:00+02:00', 120, '2025-03-31T10:00+03:00'],
    ['over the autumn DST weekend', HELSINKI, '2025-10-24T16:00+03:00', 120, '2025-10-27T10:00+02:00'],
    ['a day on the spring DST Sunday (23 h long)', HELSINKI_ALWAYS, '2025-03-30T00:00+02:00', 1440, '2025-03-31T01:00+03:00'],
    ['a day on the autumn DST Sunday (25 h long)', HELSINKI_ALWAYS, '2025-10-26T00:00+03:00', 1440, '2025-10-26T23:00+02:00'],
    ['across the spring jump itself', HELSINKI_ALWAYS, '2025-03-30T02:30+02:00', 60, '2025-03-30T04:30+03:00'],
    ['across the autumn repeat itself', HELSINKI_ALWAYS, '2025-10-26T03:30+03:00', 60, '2025-10-26T03:30+02:00'],
    ['weekdays 0–24 from Friday night over the DST weekend', HELSINKI_WEEKDAYS_ALL_DAY, '2025-03-28T23:00+02:00', 120, '2025-03-31T01:00+03:00'],
    ['New York over its spring DST weekend', NEW_YORK, '2025-03-07T16:00-05:00', 120, '2025-03-10T10:00-04:00'],
    ['New York over its autumn DST weekend', NEW_YORK, '2025-10-31T16:00-04:00', 120, '2025-11-03T10:00-05:00'],
    ['UTC over a weekend', UTC, '2025-11-28T16:30Z', 60, '2025-12-01T09:30Z'],
  ])('when adding to %s, then the result is the expected instant', (_label, hours, from, minutes, expected) => {
    expect(iso(addBusinessMinutes(at(from), minutes, hours))).toBe(iso(at(expected)));
  });

  it.each([[-1], [Number.NaN], [Number.POSITIVE_INFINITY]])('when the minutes are %s, then it throws', (minutes) => {
    expect(() => addBusinessMinutes(at('2025-11-24T10:00+02:00'), minutes, HELSINKI)).toThrow(RangeError);
  });
});

describe('businessMinutesBetween', () => {
  it.each([
    ['the same instant', 0, HELSINKI, '2025-11-24T10:00+02:00', '2025-11-24T10:00+02:00'],
    ['to before from', 0, HELSINKI, '2025-11-24T11:00+02:00', '2025-11-24T10:00+02:00'],
    ['an hour inside the day', 60, HELSINKI, '2025-11-24T10:00+02:00', '2025-11-24T11:00+02:00'],
    ['half a minute', 0.5, HELSINKI, '2025-11-24T10:00:00+02:00', '2025-11-24T10:00:30+02:00'],
    ['evening to next morning', 120, HELSINKI, '2025-11-24T16:00+02:00', '2025-11-25T10:00+02:00'],
    ['early morning to opening', 0, HELSINKI, '2025-11-24T06:00+02:00', '2025-11-24T09:00+02:00'],
    ['a weekend only', 0, HELSINKI, '2025-11-22T00:00+02:00', '2025-11-24T00:00+02:00'],
    ['over a weekend', 120, HELSINKI, '2025-11-28T16:00+02:00', '2025-12-01T10:00+02:00'],
    ['a working week', 2400, HELSINKI, '2025-11-24T09:00+02:00', '2025-12-01T09:00+02:00'],
    ['over Christmas holidays', 120, HELSINKI, '2025-12-23T16:00+02:00', '2025-12-29T10:00+02:00'],
    ['the spring DST Sunday, around the clock', 1380, HELSINKI_ALWAYS, '2025-03-30T00:00+02:00', '2025-03-31T00:00+03:00'],
    ['the autumn DST Sunday, around the clock', 1500, HELSINKI_ALWAYS, '2025-10-26T00:00+03:00', '2025-10-27T00:00+02:00'],
    ['the spring DST Sunday, weekdays only', 0, HELSINKI_WEEKDAYS_ALL_DAY, '2025-03-30T00:00+02:00', '2025-03-31T00:00+03:00'],
    ['New York Friday to Monday over DST', 120, NEW_YORK, '2025-03-07T16:00-05:00', '2025-03-10T10:00-04:00'],
  ])('when measuring %s, then it counts %s business minutes', (_label, expected, hours, from, to) => {
    expect(businessMinutesBetween(at(from), at(to), hours)).toBe(expected);
  });
});

describe('business time properties', () => {
  const zones = [HELSINKI, HELSINKI_WEEKDAYS_ALL_DAY, HELSINKI_NIGHT_SHIFT, NEW_YORK, UTC];
  const instant = fc.integer({ min: at('2024-01-01T00:00Z'), max: at('2027-12-31T00:00Z') });
  const hours = fc.constantFrom(...zones);

  it('when minutes are added, then exactly those business minutes lie between', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 5000 }), hours, (from, minutes, h) => {
        expect(businessMinutesBetween(from, addBusinessMinutes(from, minutes, h), h)).toBe(minutes);
      }),
      { numRuns: 300 },
    );
  });

  it('when looking for the next opening, then it is business time, not earlier, and nothing open lies between', () => {
    fc.assert(
      fc.property(instant, hours, (from, h) => {
        const opening = nextBusinessOpening(from, h);
        expect(opening).toBeGreaterThanOrEqual(from);
        expect(isBusinessTime(opening, h)).toBe(true);
        expect(businessMinutesBetween(from, opening, h)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});

/** `count` weekly local dates `YYYY-MM-DD` from `first`. */
function mondays(first: string, count: number): string[] {
  const start = Date.parse(`${first}T00:00Z`);
  return Array.from({ length: count }, (_, i) => iso(start + i * 7 * 24 * 3600 * 1000).slice(0, 10));
}
