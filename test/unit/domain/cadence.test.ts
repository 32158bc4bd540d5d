import fc from 'fast-check';
import { businessMinutesBetween } from '../../../src/domain/business-time';
import {
  escalationAt,
  isOverdue,
  nextUpdateDue,
  planNextUpdate,
  reminderAt,
  reminderLeadMinutes,
} from '../../../src/domain/cadence';
import type { CadenceSettings } from '../../../src/domain/cadence';
import type { Priority } from '../../../src/domain/request';
import type { BusinessHours } from '../../../src/domain/settings';
import { at, iso } from './instants';


/** Helsinki 9–17 on weekdays; Christmas Eve to Boxing Day 2025 (Wed–Fri) are holidays. */
const HELSINKI: BusinessHours = {
  timezone: 'Europe/Helsinki',
  workingDays: [1, 2, 3, 4, 5],
  startMinute: 9 * 60,
  endMinute: 17 * 60,
  holidays: ['2025-12-24', '2025-12-25', '2025-12-26'],
};
/** An on-call channel: every hour of every day is business time, so the DST Sundays count. */
const HELSINKI_ALWAYS: BusinessHours = { ...HELSINKI, workingDays: [1, 2, 3, 4, 5, 6, 7], startMinute: 0, endMinute: 24 * 60, holidays: [] };

const DEFAULTS: CadenceSettings = { businessHours: HELSINKI, cadenceMinutes: { urgent: 60, normal: 240 } };
const ON_CALL: CadenceSettings = { ...DEFAULTS, businessHours: HELSINKI_ALWAYS };
const FAST: CadenceSettings = { ...DEFAULTS, cadenceMinutes: { urgent: 20, normal: 90 } };

// Calendar: Mon 2025-11-24, Fri 2025-11-28, Sat 2025-11-22; DST in Helsinki on Sun 2025-03-30
// (03:00 → 04:00) and Sun 2025-10-26 (04:00 → 03:00).

describe('nextUpdateDue', () => {
  it.each<[string, Priority, CadenceSettings, string, string]>([
    ['an urgent request in the morning', 'urgent', DEFAULTS, '2025-11-24T10:00+02:00', '2025-11-24T11:00+02:00'],
    ['a normal request in the morning', 'normal', DEFAULTS, '2025-11-24T10:00+02:00', '2025-11-24T14:00+02:00'],
    ['a normal request in the afternoon (carries into tomorrow)', 'normal', DEFAULTS, '2025-11-24T15:00+02:00', '2025-11-25T11:00+02:00'],
    ['an urgent request just before closing', 'urgent', DEFAULTS, '2025-11-24T16:30+02:00', '2025-11-25T09:30+02:00'],
    ['an urgent request ending exactly at closing', 'urgent', DEFAULTS, '2025-11-24T16:00+02:00', '2025-11-24T17:00+02:00'],
    ['a normal update in the evening', 'normal', DEFAULTS, '2025-11-24T20:00+02:00', '2025-11-25T13:00+02:00'],
    ['an urgent update before opening', 'urgent', DEFAULTS, '2025-11-24T07:30+02:00', '2025-11-24T10:00+02:00'],
    ['an urgent update on Friday afternoon (over the weekend)', 'urgent', DEFAULTS, '2025-11-28T16:30+02:00', '2025-12-01T09:30+02:00'],
    ['a normal update on Friday afternoon (over the weekend)', 'normal', DEFAULTS, '2025-11-28T14:00+02:00', '2025-12-01T10:00+02:00'],
    ['an urgent update on Saturday', 'urgent', DEFAULTS, '2025-11-22T12:00+02:00', '2025-11-24T10:00+02:00'],
    ['a normal update before Christmas (holidays and a weekend)', 'normal', DEFAULTS, '2025-12-23T15:00+02:00', '2025-12-29T11:00+02:00'],
    ['an urgent update on Christmas Day', 'urgent', DEFAULTS, '2025-12-25T10:00+02:00', '2025-12-29T10:00+02:00'],
    ['a normal update over the spring DST weekend', 'normal', DEFAULTS, '2025-03-28T15:00+02:00', '2025-03-31T11:00+03:00'],
    ['an urgent update over the spring DST weekend', 'urgent', DEFAULTS, '2025-03-28T16:30+02:00', '2025-03-31T09:30+03:00'],
    ['a normal update over the autumn DST weekend', 'normal', DEFAULTS, '2025-10-24T15:00+03:00', '2025-10-27T11:00+02:00'],
    ['an on-call urgent update across the spring jump (60 real minutes)', 'urgent', ON_CALL, '2025-03-30T02:30+02:00', '2025-03-30T04:30+03:00'],
    ['an on-call normal update across the autumn repeat (240 real minutes)', 'normal', ON_CALL, '2025-10-26T02:00+03:00', '2025-10-26T05:00+02:00'],
    ['an on-call urgent update on a Saturday night', 'urgent', ON_CALL, '2025-11-22T23:30+02:00', '2025-11-23T00:30+02:00'],
    ['a channel with its own urgent cadence', 'urgent', FAST, '2025-11-24T10:00+02:00', '2025-11-24T10:20+02:00'],
    ['a channel with its own normal cadence', 'normal', FAST, '2025-11-24T16:00+02:00', '2025-11-25T09:30+02:00'],
  ])('when the last update is %s, then the next is due at the expected instant', (_label, priority, settings, last, expected) => {
    expect(iso(nextUpdateDue(at(last), priority, settings))).toBe(iso(at(expected)));
  });
});

describe('reminderLeadMinutes', () => {
  it.each([
    [240, 15],
    [60, 15],
    [1440, 15],
    [40, 10],
    [30, 7.5],
    [20, 5],
    [0, 0],
  ])('when the cadence is %s minutes, then the reminder comes %s minutes early', (cadence, expected) => {
    expect(reminderLeadMinutes(cadence)).toBe(expected);
  });

  it.each([[-1], [Number.NaN], [Number.POSITIVE_INFINITY]])('when the cadence is %s, then it throws', (cadence) => {
    expect(() => reminderLeadMinutes(cadence)).toThrow(RangeError);
  });
});

describe('reminderAt', () => {
  it.each<[string, string, number, string | undefined, string]>([
    ['the default lead', '2025-11-24T11:00+02:00', 15, undefined, '2025-11-24T10:45+02:00'],
    ['a short lead', '2025-11-24T11:00+02:00', 5, undefined, '2025-11-24T10:55+02:00'],
    ['a fractional lead', '2025-11-24T11:00+02:00', 7.5, undefined, '2025-11-24T10:52:30+02:00'],
    ['no lead', '2025-11-24T11:00+02:00', 0, undefined, '2025-11-24T11:00+02:00'],
    ['a lead reaching back past the last update', '2025-11-24T11:00+02:00', 15, '2025-11-24T10:50+02:00', '2025-11-24T10:50+02:00'],
    ['a lead that stays after the last update', '2025-11-24T11:00+02:00', 15, '2025-11-24T10:00+02:00', '2025-11-24T10:45+02:00'],
    ['an update due just after opening (wall clock, before opening)', '2025-11-24T09:05+02:00', 15, undefined, '2025-11-24T08:50+02:00'],
    ['an update due on the Monday after clocks went forward', '2025-03-31T09:30+03:00', 15, undefined, '2025-03-31T09:15+03:00'],
    ['an update due just after the spring jump (15 real minutes)', '2025-03-30T04:10+03:00', 15, undefined, '2025-03-30T02:55+02:00'],
    ['an update due just after the autumn repeat began', '2025-10-26T03:05+02:00', 15, undefined, '2025-10-26T03:50+03:00'],
  ])('when it is %s, then the reminder is at the expected instant', (_label, due, lead, notBefore, expected) => {
    const result = notBefore === undefined ? reminderAt(at(due), lead) : reminderAt(at(due), lead, at(notBefore));
    expect(iso(result)).toBe(iso(at(expected)));
  });

  it('when the lead is negative, then it throws', () => {
    expect(() => reminderAt(at('2025-11-24T11:00+02:00'), -15)).toThrow(RangeError);
  });
});

describe('escalationAt', () => {
  it.each([
    ['the default grace', '2025-11-24T11:00+02:00', 30, '2025-11-24T11:30+02:00'],
    ['no grace', '2025-11-24T11:00+02:00', 0, '2025-11-24T11:00+02:00'],
    ['an update due just before closing (wall clock, after closing)', '2025-11-28T16:50+02:00', 30, '2025-11-28T17:20+02:00'],
    ['an update due as the autumn repeat begins (30 real minutes)', '2025-10-26T03:50+03:00', 30, '2025-10-26T03:20+02:00'],
    ['an update due just before the spring jump', '2025-03-30T02:45+02:00', 30, '2025-03-30T04:15+03:00'],
  ])('when it is %s, then the escalation is at the expected instant', (_label, due, grace, expected) => {
    expect(iso(escalationAt(at(due), grace))).toBe(iso(at(expected)));
  });

  it('when the grace is negative, then it throws', () => {
    expect(() => escalationAt(at('2025-11-24T11:00+02:00'), -1)).toThrow(RangeError);
  });
});

describe('isOverdue', () => {
  const due = '2025-11-24T11:00+02:00';
  it.each<[string, string, number | undefined, boolean]>([
    ['well before the due time', '2025-11-24T10:00+02:00', 30, false],
    ['inside the grace period', '2025-11-24T11:29+02:00', 30, false],
    ['a millisecond before the grace ends', '2025-11-24T11:29:59.999+02:00', 30, false],
    ['exactly when the grace ends', '2025-11-24T11:30+02:00', 30, true],
    ['long after the grace ended', '2025-11-24T15:00+02:00', 30, true],
    ['exactly at the due time without grace', due, 0, true],
    ['a millisecond before the due time without grace', '2025-11-24T10:59:59.999+02:00', 0, false],
    ['exactly at the due time, grace left out', due, undefined, true],
  ])('when it is %s, then overdue is %s', (_label, now, grace, expected) => {
    const result = grace === undefined ? isOverdue(at(due), at(now)) : isOverdue(at(due), at(now), grace);
    expect(result).toBe(expected);
  });
});

describe('planNextUpdate', () => {
  const settings = { ...DEFAULTS, graceMinutes: 30 };
  it.each<[string, Priority, CadenceSettings, string, { due: string; remind: string; escalate: string }]>([
    ['an urgent update in the morning', 'urgent', DEFAULTS, '2025-11-24T10:00+02:00', { due: '2025-11-24T11:00+02:00', remind: '2025-11-24T10:45+02:00', escalate: '2025-11-24T11:30+02:00' }],
    ['a normal update on Friday afternoon', 'normal', DEFAULTS, '2025-11-28T16:00+02:00', { due: '2025-12-01T12:00+02:00', remind: '2025-12-01T11:45+02:00', escalate: '2025-12-01T12:30+02:00' }],
    ['an urgent update late in the day', 'urgent', DEFAULTS, '2025-11-24T16:30+02:00', { due: '2025-11-25T09:30+02:00', remind: '2025-11-25T09:15+02:00', escalate: '2025-11-25T10:00+02:00' }],
    ['an urgent update with a 20-minute cadence', 'urgent', FAST, '2025-11-24T10:00+02:00', { due: '2025-11-24T10:20+02:00', remind: '2025-11-24T10:15+02:00', escalate: '2025-11-24T10:50+02:00' }],
  ])('when it is %s, then due, reminder and escalation are as expected', (_label, priority, cadence, last, expected) => {
    expect(planNextUpdate(at(last), priority, { ...settings, ...cadence })).toEqual({
      dueAt: at(expected.due),
      remindAt: at(expected.remind),
      escalateAt: at(expected.escalate),
    });
  });

  it('when any update is planned, then last update ≤ reminder ≤ due ≤ escalation and the cadence lies between', () => {
    const instant = fc.integer({ min: at('2024-01-01T00:00Z'), max: at('2027-12-31T00:00Z') });
    const cadence = fc.record({ urgent: fc.integer({ min: 0, max: 600 }), normal: fc.integer({ min: 0, max: 2400 }) });
    fc.assert(
      fc.property(
        instant,
        fc.constantFrom<Priority>('urgent', 'normal'),
        cadence,
        fc.constantFrom(HELSINKI, HELSINKI_ALWAYS),
        (last, priority, cadenceMinutes, businessHours) => {
          const plan = planNextUpdate(last, priority, { businessHours, cadenceMinutes, graceMinutes: 30 });
          expect(plan.remindAt).toBeGreaterThanOrEqual(last);
          expect(plan.remindAt).toBeLessThanOrEqual(plan.dueAt);
          expect(plan.escalateAt).toBe(plan.dueAt + 30 * 60_000);
          expect(businessMinutesBetween(last, plan.dueAt, businessHours)).toBe(cadenceMinutes[priority]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
