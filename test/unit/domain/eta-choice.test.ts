import { decideEta, isQuickPick } from '../../../src/domain/eta-choice';
import type { BusinessHours } from '../../../src/domain/settings';
import { at, iso } from './instants';

const HOURS: BusinessHours = { timezone: 'Europe/Helsinki', workingDays: [1, 2, 3, 4, 5], startMinute: 9 * 60, endMinute: 17 * 60, holidays: [] };
const NOW = at('2026-03-27T10:00:00+02:00'); // Friday before the spring DST change

describe('decideEta', () => {
  it.each<[string, Parameters<typeof decideEta>[0], ReturnType<typeof decideEta> | { ok: true; at: string; given: true }]>([
    ['a quick pick (in 2 business hours)', { pick: 'in_2h' }, { ok: true, at: '2026-03-27T10:00:00.000Z', given: true }],
    ['end of day', { pick: 'end_of_day' }, { ok: true, at: '2026-03-27T15:00:00.000Z', given: true }],
    ['tomorrow, over the weekend', { pick: 'tomorrow' }, { ok: true, at: '2026-03-30T14:00:00.000Z', given: true }],
    ['"not known yet"', { pick: 'unknown' }, { ok: true, etaAt: undefined, given: true }],
    ['a date and a time (they win over the quick pick)', { pick: 'in_1h', date: '2026-04-01', time: '16:30' }, { ok: true, at: '2026-04-01T13:30:00.000Z', given: true }],
    ['a time in the hour DST skips (Sunday 03:30)', { date: '2026-03-29', time: '03:30' }, { ok: true, at: '2026-03-29T01:00:00.000Z', given: true }],
    ['a time without a date', { time: '16:00' }, { ok: false, problem: 'needs_date', given: true }],
    ['a date without a time', { date: '2026-04-01' }, { ok: false, problem: 'needs_time', given: true }],
    ['a time that has passed', { date: '2026-03-27', time: '09:59' }, { ok: false, problem: 'in_past', given: true }],
    ['the present moment', { date: '2026-03-27', time: '10:00' }, { ok: false, problem: 'in_past', given: true }],
    ['an impossible date', { date: '2026-13-01', time: '10:00' }, { ok: false, problem: 'missing', given: true }],
    ['the 31st of February', { date: '2026-02-31', time: '10:00' }, { ok: false, problem: 'missing', given: true }],
    ['the 29th of February in a common year', { date: '2027-02-29', time: '10:00' }, { ok: false, problem: 'missing', given: true }],
    ['a garbled time', { date: '2026-04-01', time: '4pm' }, { ok: false, problem: 'missing', given: true }],
    ['nothing at all', {}, { ok: false, problem: 'missing', given: false }],
    ['an unknown quick pick', { pick: 'next_year' }, { ok: false, problem: 'missing', given: false }],
  ])('when the modal holds %s, then the decision is as expected', (_label, choice, expected) => {
    const decided = decideEta(choice, NOW, HOURS);
    if ('at' in expected) {
      expect(decided).toEqual({ ok: true, etaAt: expect.any(Number), given: true });
      expect(decided.ok && iso(decided.etaAt)).toBe(expected.at);
    } else {
      expect(decided).toEqual(expected);
    }
  });

  it.each([
    ['in_1h', true],
    ['in_3_days', true],
    ['unknown', true],
    ['in_5h', false],
    ['', false],
  ])('when asked whether %j is a quick pick, then %s', (value, expected) => {
    expect(isQuickPick(value)).toBe(expected);
  });
});

describe('decideEta at the edges', () => {
  type Expected = { at: string } | { etaAt: undefined } | { problem: string; given: boolean };
  it.each<[string, string, Parameters<typeof decideEta>[0], Expected]>([
    // Quick picks count in business time from `now`, across evenings, weekends and the DST change.
    ['Mon 16:30', '"in 1 hour" (carries into Tuesday morning)', { pick: 'in_1h' }, { at: '2026-03-24T07:30:00.000Z' }],
    ['Fri 15:00', '"in 4 hours" (over the weekend and the DST change)', { pick: 'in_4h' }, { at: '2026-03-30T08:00:00.000Z' }],
    ['Fri 07:00', '"end of day" before opening (today\'s closing)', { pick: 'end_of_day' }, { at: '2026-03-27T15:00:00.000Z' }],
    ['Fri 18:00', '"end of day" after closing (Monday\'s closing, in summer time)', { pick: 'end_of_day' }, { at: '2026-03-30T14:00:00.000Z' }],
    ['Sat 12:00', '"end of day" on a Saturday', { pick: 'end_of_day' }, { at: '2026-03-30T14:00:00.000Z' }],
    ['Thu 10:00', '"in 3 working days" (Fri, Mon, Tue)', { pick: 'in_3_days' }, { at: '2026-03-31T14:00:00.000Z' }],
    ['Fri 10:00', '"not known yet" with empty date and time inputs', { pick: 'unknown', date: '', time: '' }, { etaAt: undefined }],
    ['Fri 10:00', 'a quick pick with empty date and time inputs', { pick: 'in_2h', date: '', time: '' }, { at: '2026-03-27T10:00:00.000Z' }],
    // An exact date and time is a wall clock in the channel's zone, business hours or not.
    ['Fri 10:00', 'a date and a time a minute ahead', { date: '2026-03-27', time: '10:01' }, { at: '2026-03-27T08:01:00.000Z' }],
    ['Fri 10:00', 'a Saturday evening', { date: '2026-03-28', time: '23:00' }, { at: '2026-03-28T21:00:00.000Z' }],
    ['Fri 10:00', 'a time with a one-digit hour (summer time)', { date: '2026-04-01', time: '9:30' }, { at: '2026-04-01T06:30:00.000Z' }],
    ['Fri 10:00', '"not known yet" and a date and a time', { pick: 'unknown', date: '2026-04-01', time: '16:30' }, { at: '2026-04-01T13:30:00.000Z' }],
    ['Fri 10:00', 'the start of the hour DST skips (03:00)', { date: '2026-03-29', time: '03:00' }, { at: '2026-03-29T01:00:00.000Z' }],
    ['Fri 10:00', 'the end of the hour DST skips (03:59)', { date: '2026-03-29', time: '03:59' }, { at: '2026-03-29T01:00:00.000Z' }],
    ['Fri 10:00', 'the hour after the skipped one (04:00)', { date: '2026-03-29', time: '04:00' }, { at: '2026-03-29T01:00:00.000Z' }],
    ['Fri 10:00', 'a time the autumn change repeats (the earlier one)', { date: '2026-10-25', time: '03:30' }, { at: '2026-10-25T00:30:00.000Z' }],
    // Half an exact time, or a past one, is a mistake to point out, not a reason to fall back to the pick.
    ['Fri 10:00', 'a quick pick and a time without a date', { pick: 'in_1h', time: '16:00' }, { problem: 'needs_date', given: true }],
    ['Fri 10:00', 'a quick pick and a date without a time', { pick: 'in_1h', date: '2026-04-01' }, { problem: 'needs_time', given: true }],
    ['Fri 10:00', 'a quick pick and a past date and time', { pick: 'in_1h', date: '2026-03-26', time: '16:00' }, { problem: 'in_past', given: true }],
    ['Fri 10:00', 'the hour 24', { date: '2026-04-01', time: '24:00' }, { problem: 'missing', given: true }],
    ['Fri 10:00', 'the minute 60', { date: '2026-04-01', time: '23:60' }, { problem: 'missing', given: true }],
    ['Fri 10:00', 'seconds', { date: '2026-04-01', time: '16:00:00' }, { problem: 'missing', given: true }],
    ['Fri 10:00', 'the month 0', { date: '2026-00-10', time: '10:00' }, { problem: 'missing', given: true }],
    ['Fri 10:00', 'the day 32', { date: '2026-04-32', time: '10:00' }, { problem: 'missing', given: true }],
    ['Fri 10:00', 'the day 0', { date: '2026-04-00', time: '10:00' }, { problem: 'missing', given: true }],
    ['Fri 10:00', 'a date without leading zeros', { date: '2026-4-1', time: '10:00' }, { problem: 'missing', given: true }],
    ['Fri 10:00', 'a date in another format', { date: '1.4.2026', time: '10:00' }, { problem: 'missing', given: true }],
    ['Fri 10:00', 'empty strings everywhere', { pick: '', date: '', time: '' }, { problem: 'missing', given: false }],
  ])('when it is %s and the modal holds %s, then the decision is as expected', (when, _label, choice, expected) => {
    const now = {
      'Mon 16:30': at('2026-03-23T16:30:00+02:00'),
      'Thu 10:00': at('2026-03-26T10:00:00+02:00'),
      'Fri 07:00': at('2026-03-27T07:00:00+02:00'),
      'Fri 10:00': NOW,
      'Fri 15:00': at('2026-03-27T15:00:00+02:00'),
      'Fri 18:00': at('2026-03-27T18:00:00+02:00'),
      'Sat 12:00': at('2026-03-28T12:00:00+02:00'),
    }[when]!;
    const decided = decideEta(choice, now, HOURS);
    if ('at' in expected) expect(decided.ok && decided.given ? iso(decided.etaAt) : decided).toBe(expected.at);
    else if ('etaAt' in expected) expect(decided).toEqual({ ok: true, etaAt: undefined, given: true });
    else expect(decided).toEqual({ ok: false, ...expected });
  });
});
