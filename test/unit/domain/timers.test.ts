import { isCurrentTimer, plannedTimers, type TimerSubject } from '../../../src/domain/timers';
import type { BusinessHours } from '../../../src/domain/settings';
import { at, iso } from './instants';

const HOURS: BusinessHours = { timezone: 'Europe/Helsinki', workingDays: [1, 2, 3, 4, 5], startMinute: 9 * 60, endMinute: 17 * 60, holidays: [] };
const SETTINGS = { businessHours: HOURS, cadenceMinutes: { urgent: 60, normal: 240 }, graceMinutes: 30 };
const NOW = at('2026-11-23T10:00:00+02:00'); // Monday

const base: TimerSubject = {
  state: 'in_progress',
  priority: 'normal',
  createdAt: at('2026-11-23T09:00:00+02:00'),
  nextUpdateDueAt: at('2026-11-23T14:00:00+02:00'),
  lastUpdateAt: at('2026-11-23T10:00:00+02:00'),
  ownerId: 'U0AINO',
};
const plan = (over: Partial<TimerSubject>) =>
  plannedTimers({ ...base, ...over }, SETTINGS, NOW).map((t) => [t.kind, iso(t.dueAt), iso(t.fireAt)]);

describe('plannedTimers', () => {
  it.each<[string, Partial<TimerSubject>, Array<[string, string, string]>]>([
    [
      'an update due in 4 h: reminded 15 min before, escalated 30 min after',
      {},
      [
        ['reminder', '2026-11-23T12:00:00.000Z', '2026-11-23T11:45:00.000Z'],
        ['escalation', '2026-11-23T12:00:00.000Z', '2026-11-23T12:30:00.000Z'],
      ],
    ],
    [
      'a 20-minute interval: reminded a quarter of it (5 min) before',
      { nextUpdateDueAt: at('2026-11-23T10:20:00+02:00') },
      [
        ['reminder', '2026-11-23T08:20:00.000Z', '2026-11-23T08:15:00.000Z'],
        ['escalation', '2026-11-23T08:20:00.000Z', '2026-11-23T08:50:00.000Z'],
      ],
    ],
    [
      'a due time already past: the reminder fires at once (never before the last update)',
      { nextUpdateDueAt: at('2026-11-23T09:30:00+02:00'), lastUpdateAt: undefined },
      [
        ['reminder', '2026-11-23T07:30:00.000Z', '2026-11-23T07:22:30.000Z'],
        ['escalation', '2026-11-23T07:30:00.000Z', '2026-11-23T08:00:00.000Z'],
      ],
    ],
    [
      'an ETA 14 business hours ahead: "On track?" halfway there (Mon 17:00), the missed check at the ETA',
      { etaAt: at('2026-11-24T16:00:00+02:00') },
      [
        ['reminder', '2026-11-23T12:00:00.000Z', '2026-11-23T11:45:00.000Z'],
        ['escalation', '2026-11-23T12:00:00.000Z', '2026-11-23T12:30:00.000Z'],
        ['on_track', '2026-11-24T14:00:00.000Z', '2026-11-23T15:00:00.000Z'],
        ['eta_missed', '2026-11-24T14:00:00.000Z', '2026-11-24T14:00:00.000Z'],
      ],
    ],
    [
      'an ETA but nobody to ask: only the missed check',
      { etaAt: at('2026-11-24T16:00:00+02:00'), ownerId: undefined, state: 'open' },
      [
        ['reminder', '2026-11-23T12:00:00.000Z', '2026-11-23T11:45:00.000Z'],
        ['escalation', '2026-11-23T12:00:00.000Z', '2026-11-23T12:30:00.000Z'],
        ['eta_missed', '2026-11-24T14:00:00.000Z', '2026-11-24T14:00:00.000Z'],
      ],
    ],
    [
      'everything for these due times already done: nothing planned again',
      {
        etaAt: at('2026-11-24T16:00:00+02:00'),
        remindedFor: at('2026-11-23T14:00:00+02:00'),
        escalatedFor: at('2026-11-23T14:00:00+02:00'),
        onTrackPromptedFor: at('2026-11-24T16:00:00+02:00'),
        etaMissFlaggedFor: at('2026-11-24T16:00:00+02:00'),
      },
      [],
    ],
    ['waiting on the client', { state: 'waiting_on_client', etaAt: at('2026-11-24T16:00:00+02:00') }, []],
    ['resolved', { state: 'resolved' }, []],
    ['dismissed', { state: 'dismissed' }, []],
  ])('when the request has %s, then the timers are as expected', (_label, over, expected) => {
    expect(plan(over)).toEqual(expected);
  });
});

describe('isCurrentTimer', () => {
  const due = base.nextUpdateDueAt;
  const eta = at('2026-11-24T16:00:00+02:00');
  it.each<[string, 'reminder' | 'escalation' | 'on_track' | 'eta_missed', number, Partial<TimerSubject>, boolean]>([
    ['a reminder for the due time in force', 'reminder', due, {}, true],
    ['an escalation for an earlier due time', 'escalation', due - 1, {}, false],
    ['an ETA prompt for the ETA in force', 'on_track', eta, { etaAt: eta }, true],
    ['a missed check for a revised ETA', 'eta_missed', eta, { etaAt: eta + 1 }, false],
    ['a missed check when the ETA was cleared', 'eta_missed', eta, {}, false],
    ['anything while waiting on the client', 'reminder', due, { state: 'waiting_on_client' }, false],
    ['anything once resolved', 'escalation', due, { state: 'resolved' }, false],
  ])('when it is %s, then it is current: %s', (_label, kind, dueAt, over, expected) => {
    expect(isCurrentTimer(kind, dueAt, { ...base, ...over })).toBe(expected);
  });
});
