import fc from 'fast-check';
import { businessMinutesBetween } from '../../../src/domain/business-time';
import {
  ETA_QUICK_PICKS,
  averageSlipMs,
  currentEta,
  etaMissed,
  onTrackPromptAt,
  quickPickEta,
  slipCount,
  slipDurationsMs,
} from '../../../src/domain/eta';
import type { EtaHistory, EtaQuickPick } from '../../../src/domain/eta';
import type { BusinessHours } from '../../../src/domain/settings';
import { at, iso } from './instants';

const HOUR_MS = 3_600_000;

/** Helsinki 9–17 on weekdays; Christmas Eve to Boxing Day 2025 (Wed–Fri) are holidays. */
const HELSINKI: BusinessHours = {
  timezone: 'Europe/Helsinki',
  workingDays: [1, 2, 3, 4, 5],
  startMinute: 9 * 60,
  endMinute: 17 * 60,
  holidays: ['2025-12-24', '2025-12-25', '2025-12-26'],
};
/** On call around the clock every day: a working day ends at the next midnight. */
const ON_CALL: BusinessHours = { ...HELSINKI, workingDays: [1, 2, 3, 4, 5, 6, 7], startMinute: 0, endMinute: 24 * 60, holidays: [] };
const NEW_YORK: BusinessHours = { ...HELSINKI, timezone: 'America/New_York', holidays: [] };

// Calendar: Mon 2025-11-24 … Fri 2025-11-28, Sat 2025-11-22; DST in Helsinki on Sun 2025-03-30
// (03:00 → 04:00) and Sun 2025-10-26 (04:00 → 03:00); in New York on Sun 2025-03-09.
const MONDAY_10 = '2025-11-24T10:00+02:00';

describe('quickPickEta', () => {
  it.each<[string, EtaQuickPick, BusinessHours, string, string]>([
    ['in 1 h during the day', 'in_1h', HELSINKI, MONDAY_10, '2025-11-24T11:00+02:00'],
    ['in 1 h just before closing', 'in_1h', HELSINKI, '2025-11-24T16:30+02:00', '2025-11-25T09:30+02:00'],
    ['in 1 h on Friday afternoon', 'in_1h', HELSINKI, '2025-11-28T16:30+02:00', '2025-12-01T09:30+02:00'],
    ['in 1 h on Saturday', 'in_1h', HELSINKI, '2025-11-22T12:00+02:00', '2025-11-24T10:00+02:00'],
    ['in 2 h during the day', 'in_2h', HELSINKI, MONDAY_10, '2025-11-24T12:00+02:00'],
    ['in 2 h in the evening', 'in_2h', HELSINKI, '2025-11-24T20:00+02:00', '2025-11-25T11:00+02:00'],
    ['in 4 h during the day', 'in_4h', HELSINKI, MONDAY_10, '2025-11-24T14:00+02:00'],
    ['in 4 h in the afternoon', 'in_4h', HELSINKI, '2025-11-24T15:00+02:00', '2025-11-25T11:00+02:00'],
    ['in 4 h before Christmas', 'in_4h', HELSINKI, '2025-12-23T15:00+02:00', '2025-12-29T11:00+02:00'],
    ['in 4 h over the spring DST weekend', 'in_4h', HELSINKI, '2025-03-28T15:00+02:00', '2025-03-31T11:00+03:00'],
    ['end of day during the day', 'end_of_day', HELSINKI, MONDAY_10, '2025-11-24T17:00+02:00'],
    ['end of day before opening', 'end_of_day', HELSINKI, '2025-11-24T08:00+02:00', '2025-11-24T17:00+02:00'],
    ['end of day a minute before closing', 'end_of_day', HELSINKI, '2025-11-24T16:59+02:00', '2025-11-24T17:00+02:00'],
    ['end of day at closing', 'end_of_day', HELSINKI, '2025-11-24T17:00+02:00', '2025-11-25T17:00+02:00'],
    ['end of day in the evening', 'end_of_day', HELSINKI, '2025-11-24T20:00+02:00', '2025-11-25T17:00+02:00'],
    ['end of day on Friday evening', 'end_of_day', HELSINKI, '2025-11-28T18:00+02:00', '2025-12-01T17:00+02:00'],
    ['end of day on Saturday', 'end_of_day', HELSINKI, '2025-11-22T12:00+02:00', '2025-11-24T17:00+02:00'],
    ['end of day before Christmas', 'end_of_day', HELSINKI, '2025-12-23T18:00+02:00', '2025-12-29T17:00+02:00'],
    ['end of day before clocks go forward', 'end_of_day', HELSINKI, '2025-03-28T18:00+02:00', '2025-03-31T17:00+03:00'],
    ['end of day before clocks go back', 'end_of_day', HELSINKI, '2025-10-24T18:00+03:00', '2025-10-27T17:00+02:00'],
    ['end of day on call on the spring DST Sunday', 'end_of_day', ON_CALL, '2025-03-30T10:00+03:00', '2025-03-31T00:00+03:00'],
    ['tomorrow during the day', 'tomorrow', HELSINKI, MONDAY_10, '2025-11-25T17:00+02:00'],
    ['tomorrow before opening (today never counts)', 'tomorrow', HELSINKI, '2025-11-24T08:00+02:00', '2025-11-25T17:00+02:00'],
    ['tomorrow late in the evening', 'tomorrow', HELSINKI, '2025-11-24T23:30+02:00', '2025-11-25T17:00+02:00'],
    ['tomorrow just after midnight', 'tomorrow', HELSINKI, '2025-11-25T00:30+02:00', '2025-11-26T17:00+02:00'],
    ['tomorrow on a Friday', 'tomorrow', HELSINKI, '2025-11-28T10:00+02:00', '2025-12-01T17:00+02:00'],
    ['tomorrow on a Saturday', 'tomorrow', HELSINKI, '2025-11-22T12:00+02:00', '2025-11-24T17:00+02:00'],
    ['tomorrow on a Sunday', 'tomorrow', HELSINKI, '2025-11-23T12:00+02:00', '2025-11-24T17:00+02:00'],
    ['tomorrow before Christmas', 'tomorrow', HELSINKI, '2025-12-23T10:00+02:00', '2025-12-29T17:00+02:00'],
    ['tomorrow before clocks go forward', 'tomorrow', HELSINKI, '2025-03-28T10:00+02:00', '2025-03-31T17:00+03:00'],
    ['tomorrow on call before clocks go back', 'tomorrow', ON_CALL, '2025-10-25T12:00+03:00', '2025-10-27T00:00+02:00'],
    ['tomorrow in New York before its clocks go forward', 'tomorrow', NEW_YORK, '2025-03-07T10:00-05:00', '2025-03-10T17:00-04:00'],
    ['in 3 days on a Monday', 'in_3_days', HELSINKI, MONDAY_10, '2025-11-27T17:00+02:00'],
    ['in 3 days on a Wednesday (over the weekend)', 'in_3_days', HELSINKI, '2025-11-26T10:00+02:00', '2025-12-01T17:00+02:00'],
    ['in 3 days on a Friday', 'in_3_days', HELSINKI, '2025-11-28T10:00+02:00', '2025-12-03T17:00+02:00'],
    ['in 3 days on a Saturday', 'in_3_days', HELSINKI, '2025-11-22T12:00+02:00', '2025-11-26T17:00+02:00'],
    ['in 3 days before Christmas', 'in_3_days', HELSINKI, '2025-12-22T10:00+02:00', '2025-12-30T17:00+02:00'],
    ['in 3 days over the spring DST weekend', 'in_3_days', HELSINKI, '2025-03-27T10:00+02:00', '2025-04-01T17:00+03:00'],
  ])('when the pick is %s, then the ETA is the expected instant', (_label, pick, hours, now, expected) => {
    expect(iso(quickPickEta(pick, at(now), hours))).toBe(iso(at(expected)));
  });

  it('when the pick is "not known yet", then there is no ETA', () => {
    expect(quickPickEta('unknown', at(MONDAY_10), HELSINKI)).toBeUndefined();
  });

  it('when any pick is made at any time, then it is later than now, hour picks count business hours and the day picks are ordered', () => {
    const instant = fc.integer({ min: at('2024-01-01T00:00Z'), max: at('2027-12-31T00:00Z') });
    fc.assert(
      fc.property(instant, fc.constantFrom(HELSINKI, ON_CALL, NEW_YORK), (now, hours) => {
        const eta = Object.fromEntries(ETA_QUICK_PICKS.map((pick) => [pick, quickPickEta(pick, now, hours)]));
        for (const [pick, minutes] of [['in_1h', 60], ['in_2h', 120], ['in_4h', 240]] as const) {
          expect(businessMinutesBetween(now, eta[pick] ?? NaN, hours)).toBe(minutes);
        }
        expect(eta.end_of_day).toBeGreaterThan(now);
        expect(eta.tomorrow).toBeGreaterThanOrEqual(eta.end_of_day ?? NaN);
        expect(eta.in_3_days).toBeGreaterThan(eta.tomorrow ?? NaN);
      }),
      { numRuns: 200 },
    );
  });
});

describe('onTrackPromptAt', () => {
  it.each<[string, BusinessHours, string, string, string | undefined]>([
    ['an ETA that has passed', HELSINKI, MONDAY_10, '2025-11-24T09:00+02:00', undefined],
    ['an ETA right now', HELSINKI, MONDAY_10, MONDAY_10, undefined],
    ['an ETA 20 minutes away (too close to ask)', HELSINKI, MONDAY_10, '2025-11-24T10:20+02:00', undefined],
    ['an ETA 30 minutes away (halfway)', HELSINKI, MONDAY_10, '2025-11-24T10:30+02:00', '2025-11-24T10:15+02:00'],
    ['an ETA 1 h away (30 min before)', HELSINKI, MONDAY_10, '2025-11-24T11:00+02:00', '2025-11-24T10:30+02:00'],
    ['an ETA 90 min away (30 min before)', HELSINKI, MONDAY_10, '2025-11-24T11:30+02:00', '2025-11-24T11:00+02:00'],
    ['an ETA 2 h away (2 h before, capped at halfway)', HELSINKI, MONDAY_10, '2025-11-24T12:00+02:00', '2025-11-24T11:00+02:00'],
    ['an ETA 3 h away (capped at halfway)', HELSINKI, MONDAY_10, '2025-11-24T13:00+02:00', '2025-11-24T11:30+02:00'],
    ['an ETA 5 h away (2 h before)', HELSINKI, MONDAY_10, '2025-11-24T15:00+02:00', '2025-11-24T13:00+02:00'],
    ['an ETA at closing (2 h before)', HELSINKI, MONDAY_10, '2025-11-24T17:00+02:00', '2025-11-24T15:00+02:00'],
    ['an ETA in the evening (2 h of business time before)', HELSINKI, MONDAY_10, '2025-11-24T20:00+02:00', '2025-11-24T15:00+02:00'],
    ['an ETA early tomorrow (2 h of business time before)', HELSINKI, MONDAY_10, '2025-11-25T09:30+02:00', '2025-11-24T15:30+02:00'],
    ['an ETA 1¼ business days away (capped at halfway)', HELSINKI, MONDAY_10, '2025-11-25T12:00+02:00', '2025-11-24T15:00+02:00'],
    ['an ETA in two days (one business day before)', HELSINKI, MONDAY_10, '2025-11-26T12:00+02:00', '2025-11-25T12:00+02:00'],
    ['an ETA on Thursday (one business day before)', HELSINKI, MONDAY_10, '2025-11-27T16:00+02:00', '2025-11-26T16:00+02:00'],
    ['an ETA on Monday set on Friday (asked on Friday)', HELSINKI, '2025-11-28T10:00+02:00', '2025-12-01T12:00+02:00', '2025-11-28T15:00+02:00'],
    ['an ETA on Monday set late on Friday (asked on Monday, not at the weekend)', HELSINKI, '2025-11-28T16:00+02:00', '2025-12-01T11:00+02:00', '2025-12-01T09:30+02:00'],
    ['an ETA on Monday set on Saturday', HELSINKI, '2025-11-22T12:00+02:00', '2025-11-24T12:00+02:00', '2025-11-24T10:30+02:00'],
    ['an ETA at Monday opening set on Friday evening (no business time before it)', HELSINKI, '2025-11-28T18:00+02:00', '2025-12-01T09:00+02:00', undefined],
    ['an ETA on Saturday afternoon set on Saturday morning', HELSINKI, '2025-11-22T10:00+02:00', '2025-11-22T14:00+02:00', undefined],
    ['an ETA after Christmas set before it', HELSINKI, '2025-12-23T16:00+02:00', '2025-12-29T12:00+02:00', '2025-12-29T10:00+02:00'],
    ['an ETA after the spring DST weekend', HELSINKI, '2025-03-28T16:00+02:00', '2025-03-31T12:00+03:00', '2025-03-31T10:00+03:00'],
    ['an ETA after the autumn DST weekend', HELSINKI, '2025-10-24T16:00+03:00', '2025-10-27T12:00+02:00', '2025-10-27T10:00+02:00'],
    ['an on-call ETA across the spring jump (2 real hours)', ON_CALL, '2025-03-30T02:00+02:00', '2025-03-30T05:00+03:00', '2025-03-30T04:00+03:00'],
    ['an on-call ETA across the autumn repeat (2 real hours)', ON_CALL, '2025-10-26T03:00+03:00', '2025-10-26T04:00+02:00', '2025-10-26T03:00+02:00'],
    ['an on-call ETA two days away (one day before)', ON_CALL, MONDAY_10, '2025-11-26T10:00+02:00', '2025-11-25T10:00+02:00'],
  ])('when it is %s, then the prompt time is as expected', (_label, hours, now, eta, expected) => {
    expect(iso(onTrackPromptAt(at(eta), at(now), hours))).toBe(expected === undefined ? undefined : iso(at(expected)));
  });

  it('when any ETA is set at any time, then the prompt is absent or strictly between now and the ETA', () => {
    const instant = fc.integer({ min: at('2024-01-01T00:00Z'), max: at('2027-12-31T00:00Z') });
    fc.assert(
      fc.property(instant, fc.integer({ min: -HOUR_MS, max: 10 * 24 * HOUR_MS }), fc.constantFrom(HELSINKI, ON_CALL, NEW_YORK), (now, ahead, hours) => {
        const prompt = onTrackPromptAt(now + ahead, now, hours);
        if (prompt === undefined) return;
        expect(prompt).toBeGreaterThan(now);
        expect(prompt).toBeLessThan(now + ahead);
      }),
      { numRuns: 300 },
    );
  });
});

describe('etaMissed', () => {
  const eta = '2025-11-24T16:00+02:00';
  it.each<[string, string, boolean, boolean]>([
    ['before the ETA', '2025-11-24T15:59+02:00', false, false],
    ['exactly at the ETA', eta, false, true],
    ['after the ETA', '2025-11-24T18:00+02:00', false, true],
    ['after the ETA, but it was revised', '2025-11-24T18:00+02:00', true, false],
    ['before the ETA, and it was revised', '2025-11-24T15:00+02:00', true, false],
  ])('when it is %s (revised: %s), then missed is %s', (_label, now, revised, expected) => {
    expect(etaMissed(at(eta), at(now), revised)).toBe(expected);
  });
});

describe('ETA history', () => {
  /** Entries as [ETA hour, hour it was set] on Mon 2025-11-24, in Helsinki time. */
  const history = (...entries: [number, number][]): EtaHistory =>
    entries.map(([eta, set], i) => ({ at: hour(eta), setAt: hour(set), setBy: 'U_AINO', ...(i > 0 ? { reason: 'more work' } : {}) }));
  const hour = (h: number): number => at('2025-11-24T00:00+02:00') + h * HOUR_MS;

  it.each<[string, EtaHistory, number | undefined, number[]]>([
    ['no ETA', [], undefined, []],
    ['no ETA, resolved', [], hour(12), []],
    ['one ETA, not resolved yet', history([12, 10]), undefined, []],
    ['one ETA, resolved early', history([12, 10]), hour(11), []],
    ['one ETA, resolved exactly on it', history([12, 10]), hour(12), []],
    ['one ETA, resolved an hour late', history([12, 10]), hour(13), [HOUR_MS]],
    ['two later revisions, resolved on time', history([12, 10], [14, 11], [15, 13]), hour(14.5), [2 * HOUR_MS, HOUR_MS]],
    ['a later revision, then resolved late', history([12, 10], [14, 11]), hour(15), [2 * HOUR_MS, HOUR_MS]],
    ['a revision pulled in earlier', history([14, 10], [12, 11]), hour(12), []],
    ['a revision to the same time', history([12, 10], [12, 11]), undefined, []],
    ['later, earlier, later again (earlier offsets nothing)', history([12, 10], [14, 11], [13, 12], [15, 12.5]), undefined, [2 * HOUR_MS, 2 * HOUR_MS]],
    ['entries stored out of order (sorted by when they were set)', history([15, 13], [12, 10], [14, 11]), undefined, [2 * HOUR_MS, HOUR_MS]],
  ])('when the history has %s, then the slips are as expected', (_label, entries, resolvedAt, expected) => {
    expect(slipDurationsMs(entries, resolvedAt)).toEqual(expected);
    expect(slipCount(entries, resolvedAt)).toBe(expected.length);
    const average = expected.length === 0 ? undefined : expected.reduce((a, b) => a + b, 0) / expected.length;
    expect(averageSlipMs(entries, resolvedAt)).toBe(average);
  });

  it.each<[string, EtaHistory, number | undefined]>([
    ['no ETA', [], undefined],
    ['one ETA', history([12, 10]), hour(12)],
    ['a revision pulled in earlier', history([14, 10], [12, 11]), hour(12)],
    ['entries stored out of order', history([15, 13], [12, 10], [14, 11]), hour(15)],
  ])('when the history has %s, then the current ETA is the last one set', (_label, entries, expected) => {
    expect(currentEta(entries)).toBe(expected);
  });

  it('when summarising, then the stored history is left as it was', () => {
    const entries = history([15, 13], [12, 10]);
    const copy = JSON.parse(JSON.stringify(entries)) as unknown;
    slipDurationsMs(entries, hour(16));
    currentEta(entries);
    expect(entries).toEqual(copy);
  });
});
