import { at } from './instants';
import { planFirstUpdate } from '../../../src/domain/acknowledgement';
import type { FirstUpdateSettings } from '../../../src/domain/acknowledgement';
import type { Priority } from '../../../src/domain/request';


const settings: FirstUpdateSettings = {
  businessHours: {
    timezone: 'Europe/Helsinki',
    workingDays: [1, 2, 3, 4, 5],
    startMinute: 9 * 60,
    endMinute: 17 * 60,
    holidays: ['2025-12-24'],
  },
  cadenceMinutes: { urgent: 60, normal: 240 },
  firstUpdateMinutes: 120,
};
const slowFirstUpdate: FirstUpdateSettings = { ...settings, firstUpdateMinutes: 600 };

// Mon 2025-11-24; Helsinki is at +02:00 in November.
describe('planFirstUpdate', () => {
  it.each<[string, string, Priority, FirstUpdateSettings, { due: string; within: boolean; back?: string }]>([
    ['a normal request in the morning', '2025-11-24T10:00+02:00', 'normal', settings, { due: '2025-11-24T12:00+02:00', within: true }],
    ['an urgent request in the morning (cadence is shorter)', '2025-11-24T10:00+02:00', 'urgent', settings, { due: '2025-11-24T11:00+02:00', within: true }],
    ['a normal request when the cadence beats a slow first update', '2025-11-24T10:00+02:00', 'normal', slowFirstUpdate, { due: '2025-11-24T14:00+02:00', within: true }],
    ['a normal request late in the day', '2025-11-24T16:30+02:00', 'normal', settings, { due: '2025-11-25T10:30+02:00', within: true }],
    ['a normal request in the evening', '2025-11-24T20:00+02:00', 'normal', settings, { due: '2025-11-25T11:00+02:00', within: false, back: '2025-11-25T09:00+02:00' }],
    ['an urgent request on Saturday', '2025-11-22T12:00+02:00', 'urgent', settings, { due: '2025-11-24T10:00+02:00', within: false, back: '2025-11-24T09:00+02:00' }],
    ['a normal request before a holiday', '2025-12-23T18:00+02:00', 'normal', settings, { due: '2025-12-25T11:00+02:00', within: false, back: '2025-12-25T09:00+02:00' }],
    ['an urgent request on the Friday night before clocks go forward', '2025-03-28T22:00+02:00', 'urgent', settings, { due: '2025-03-31T10:00+03:00', within: false, back: '2025-03-31T09:00+03:00' }],
  ])('when %s, then the plan is as expected', (_label, now, priority, s, expected) => {
    const plan = planFirstUpdate(at(now), priority, s);
    expect(plan).toEqual({
      nextUpdateDueAt: at(expected.due),
      withinBusinessHours: expected.within,
      ...(expected.back === undefined ? {} : { backAt: at(expected.back) }),
    });
  });
});
