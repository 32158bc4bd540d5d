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
