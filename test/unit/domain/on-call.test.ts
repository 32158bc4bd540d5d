import { addBusinessMinutes } from '../../../src/domain/business-time';
import { nextUpdateDue } from '../../../src/domain/cadence';
import { planFirstUpdate } from '../../../src/domain/acknowledgement';
import { hoursFor, onCallToAlert, roundTheClock } from '../../../src/domain/on-call';
import type { BusinessHours } from '../../../src/domain/settings';

const HOURS: BusinessHours = { timezone: 'Europe/Helsinki', workingDays: [1, 2, 3, 4, 5], startMinute: 9 * 60, endMinute: 17 * 60, holidays: ['2026-12-24'] };
/** Sat 28 Nov 2026 11:00 in Helsinki (UTC+2). */
const SATURDAY = Date.parse('2026-11-28T09:00:00Z');
/** Thu 26 Nov 2026 15:00 in Helsinki. */
const THURSDAY = Date.parse('2026-11-26T13:00:00Z');
const base = { businessHours: HOURS, onCallIds: ['U0ONCALL', 'U0OTHER'], cadenceMinutes: { urgent: 60, normal: 240 }, firstUpdateMinutes: 60 };

describe('onCallToAlert', () => {
  it.each<[string, 'urgent' | 'normal', number, string[]]>([
    ['an urgent request on a Saturday', 'urgent', SATURDAY, ['U0ONCALL', 'U0OTHER']],
    ['an urgent request on a holiday morning', 'urgent', Date.parse('2026-12-24T08:00:00Z'), ['U0ONCALL', 'U0OTHER']],
    ['an urgent request at 15:00 on a Thursday', 'urgent', THURSDAY, []],
    ['a normal request on a Saturday', 'normal', SATURDAY, []],
  ])('when %s arrives, then %j are alerted', (_label, priority, at, alerted) => {
    expect(onCallToAlert(priority, at, base)).toEqual(alerted);
  });

  it('when nobody is on call, then nobody is alerted', () => {
    expect(onCallToAlert('urgent', SATURDAY, { ...base, onCallIds: [] })).toEqual([]);
  });

  it('when the channel counts urgent requests round the clock, then the on-call people are still who is alerted out of hours', () => {
    expect(onCallToAlert('urgent', SATURDAY, { ...base, urgentAroundTheClock: true } as typeof base)).toEqual(['U0ONCALL', 'U0OTHER']);
  });
});

describe('hoursFor', () => {
  it('when a channel counts urgent requests round the clock, then only urgent ones get every minute of every day, in the same zone', () => {
    const settings = { businessHours: HOURS, urgentAroundTheClock: true };
    expect(hoursFor('urgent', settings)).toEqual(roundTheClock(HOURS));
    expect(hoursFor('urgent', settings)).toEqual({ timezone: 'Europe/Helsinki', workingDays: [1, 2, 3, 4, 5, 6, 7], startMinute: 0, endMinute: 1440, holidays: [] });
    expect(hoursFor('normal', settings)).toBe(HOURS);
    expect(hoursFor('urgent', { businessHours: HOURS })).toBe(HOURS);
  });

  it('when an urgent request comes on a Saturday in a round-the-clock channel, then its first update and cadence count from now, not from Monday', () => {
    const settings = { ...base, urgentAroundTheClock: true };
    expect(planFirstUpdate(SATURDAY, 'urgent', settings)).toEqual({ nextUpdateDueAt: SATURDAY + 3_600_000, withinBusinessHours: true });
    expect(nextUpdateDue(SATURDAY, 'urgent', settings)).toBe(SATURDAY + 3_600_000);
    // A normal request in the same channel waits for Monday 09:00, and so does an urgent one elsewhere.
    const monday10 = Date.parse('2026-11-30T08:00:00Z');
    expect(planFirstUpdate(SATURDAY, 'normal', settings).nextUpdateDueAt).toBe(monday10);
    expect(planFirstUpdate(SATURDAY, 'urgent', base).nextUpdateDueAt).toBe(monday10);
    expect(addBusinessMinutes(SATURDAY, 60, HOURS)).toBe(monday10);
  });
});
