import fc from 'fast-check';
import { isCurrentTimer, plannedTimers, timersInOrder, type TimerSubject } from '../../../src/domain/timers';
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

describe('plannedTimers in more detail', () => {
  const planWith = (over: Partial<TimerSubject>, settings: Partial<typeof SETTINGS> = {}, now = NOW) =>
    plannedTimers({ ...base, ...over }, { ...SETTINGS, ...settings }, now).map((t) => [t.kind, iso(t.dueAt), iso(t.fireAt)]);

  it.each<[string, Partial<TimerSubject>, Partial<typeof SETTINGS>, Array<[string, string, string]>]>([
    [
      'a first update due 20 minutes after the request and no update yet: the lead is 5 minutes, from the creation',
      { createdAt: at('2026-11-23T10:00:00+02:00'), lastUpdateAt: undefined, nextUpdateDueAt: at('2026-11-23T10:20:00+02:00'), priority: 'urgent' },
      {},
      [
        ['reminder', '2026-11-23T08:20:00.000Z', '2026-11-23T08:15:00.000Z'],
        ['escalation', '2026-11-23T08:20:00.000Z', '2026-11-23T08:50:00.000Z'],
      ],
    ],
    [
      'an update due 2 minutes after the last one: reminded 30 seconds before, after the last update',
      { lastUpdateAt: at('2026-11-23T13:58:00+02:00') },
      {},
      [
        ['reminder', '2026-11-23T12:00:00.000Z', '2026-11-23T11:59:30.000Z'],
        ['escalation', '2026-11-23T12:00:00.000Z', '2026-11-23T12:30:00.000Z'],
      ],
    ],
    [
      'an urgent update due the next morning: the lead is wall-clock, so 09:35 and not the evening before',
      { priority: 'urgent', lastUpdateAt: at('2026-11-23T16:50:00+02:00'), nextUpdateDueAt: at('2026-11-24T09:50:00+02:00') },
      {},
      [
        ['reminder', '2026-11-24T07:50:00.000Z', '2026-11-24T07:35:00.000Z'],
        ['escalation', '2026-11-24T07:50:00.000Z', '2026-11-24T08:20:00.000Z'],
      ],
    ],
    [
      'a 40-minute urgent cadence over a night: the lead is a quarter of the cadence (10 min), not of the night',
      { priority: 'urgent', lastUpdateAt: at('2026-11-23T16:50:00+02:00'), nextUpdateDueAt: at('2026-11-24T09:30:00+02:00') },
      { cadenceMinutes: { urgent: 40, normal: 240 } },
      [
        ['reminder', '2026-11-24T07:30:00.000Z', '2026-11-24T07:20:00.000Z'],
        ['escalation', '2026-11-24T07:30:00.000Z', '2026-11-24T08:00:00.000Z'],
      ],
    ],
    [
      'no grace period: escalated at the due time',
      {},
      { graceMinutes: 0 },
      [
        ['reminder', '2026-11-23T12:00:00.000Z', '2026-11-23T11:45:00.000Z'],
        ['escalation', '2026-11-23T12:00:00.000Z', '2026-11-23T12:00:00.000Z'],
      ],
    ],
    [
      'a reminder and an escalation done for an earlier due time: both planned for the new one',
      { remindedFor: at('2026-11-23T11:00:00+02:00'), escalatedFor: at('2026-11-23T11:00:00+02:00') },
      {},
      [
        ['reminder', '2026-11-23T12:00:00.000Z', '2026-11-23T11:45:00.000Z'],
        ['escalation', '2026-11-23T12:00:00.000Z', '2026-11-23T12:30:00.000Z'],
      ],
    ],
    ['the reminder for this due time already sent: only the escalation', { remindedFor: at('2026-11-23T14:00:00+02:00') }, {}, [['escalation', '2026-11-23T12:00:00.000Z', '2026-11-23T12:30:00.000Z']]],
    [
      'no owner yet: the reminder is still planned (it goes to triage)',
      { ownerId: undefined, state: 'open' },
      {},
      [
        ['reminder', '2026-11-23T12:00:00.000Z', '2026-11-23T11:45:00.000Z'],
        ['escalation', '2026-11-23T12:00:00.000Z', '2026-11-23T12:30:00.000Z'],
      ],
    ],
  ])('when the request has %s, then the timers are as expected', (_label, over, settings, expected) => {
    expect(planWith(over, settings)).toEqual(expected);
  });

  const etaTimers = (over: Partial<TimerSubject>, now = NOW) =>
    planWith(over, {}, now).filter(([kind]) => kind === 'on_track' || kind === 'eta_missed');

  it.each<[string, Partial<TimerSubject>, Array<[string, string, string]>]>([
    ['an ETA 20 business minutes ahead: too close to ask, only the missed check', { etaAt: at('2026-11-23T10:20:00+02:00') }, [['eta_missed', '2026-11-23T08:20:00.000Z', '2026-11-23T08:20:00.000Z']]],
    [
      'an ETA 1 h ahead: asked halfway (10:30)',
      { etaAt: at('2026-11-23T11:00:00+02:00') },
      [
        ['on_track', '2026-11-23T09:00:00.000Z', '2026-11-23T08:30:00.000Z'],
        ['eta_missed', '2026-11-23T09:00:00.000Z', '2026-11-23T09:00:00.000Z'],
      ],
    ],
    [
      'an ETA 3 h ahead: asked halfway rather than 2 h before (11:30)',
      { etaAt: at('2026-11-23T13:00:00+02:00') },
      [
        ['on_track', '2026-11-23T11:00:00.000Z', '2026-11-23T09:30:00.000Z'],
        ['eta_missed', '2026-11-23T11:00:00.000Z', '2026-11-23T11:00:00.000Z'],
      ],
    ],
    [
      'an ETA on Wednesday afternoon: asked one business day before (Tue 16:00)',
      { etaAt: at('2026-11-25T16:00:00+02:00') },
      [
        ['on_track', '2026-11-25T14:00:00.000Z', '2026-11-24T14:00:00.000Z'],
        ['eta_missed', '2026-11-25T14:00:00.000Z', '2026-11-25T14:00:00.000Z'],
      ],
    ],
    ['an ETA already passed and not yet flagged: the missed check at once (at the ETA)', { etaAt: at('2026-11-23T09:30:00+02:00') }, [['eta_missed', '2026-11-23T07:30:00.000Z', '2026-11-23T07:30:00.000Z']]],
    [
      'a revised ETA after the old one was prompted and flagged: both planned for the new one',
      { etaAt: at('2026-11-23T13:00:00+02:00'), onTrackPromptedFor: at('2026-11-23T11:00:00+02:00'), etaMissFlaggedFor: at('2026-11-23T11:00:00+02:00') },
      [
        ['on_track', '2026-11-23T11:00:00.000Z', '2026-11-23T09:30:00.000Z'],
        ['eta_missed', '2026-11-23T11:00:00.000Z', '2026-11-23T11:00:00.000Z'],
      ],
    ],
    ['"not known yet" (no ETA): no ETA timers', { etaAt: undefined }, []],
  ])('when the request has %s, then the ETA timers are as expected', (_label, over, expected) => {
    expect(etaTimers(over)).toEqual(expected);
  });

  it('when an ETA on Monday is set late on Friday, then "On track?" comes on Monday morning, not over the weekend', () => {
    const friday = at('2026-11-27T16:30:00+02:00');
    const over = { etaAt: at('2026-11-30T11:00:00+02:00'), lastUpdateAt: friday, nextUpdateDueAt: at('2026-11-30T12:30:00+02:00') };
    // 150 business minutes ahead (30 on Friday, 120 on Monday): asked 75 before, at Mon 09:45.
    expect(etaTimers(over, friday)).toEqual([
      ['on_track', '2026-11-30T09:00:00.000Z', '2026-11-30T07:45:00.000Z'],
      ['eta_missed', '2026-11-30T09:00:00.000Z', '2026-11-30T09:00:00.000Z'],
    ]);
  });

  it('for any last update and due time, then the reminder falls in the last quarter of the interval, at most 15 minutes early', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 * 24 * 60 }), fc.integer({ min: 0, max: 3 * 24 * 60 }), fc.constantFrom<'urgent' | 'normal'>('urgent', 'normal'), (sinceMin, gapMin, priority) => {
        const lastUpdateAt = NOW + sinceMin * 60_000;
        const nextUpdateDueAt = lastUpdateAt + gapMin * 60_000;
        const reminder = plannedTimers({ ...base, priority, lastUpdateAt, nextUpdateDueAt }, SETTINGS, NOW).find((t) => t.kind === 'reminder')!;
        const lead = nextUpdateDueAt - reminder.fireAt;
        expect(reminder.fireAt).toBeGreaterThanOrEqual(lastUpdateAt);
        expect(lead).toBeGreaterThanOrEqual(0);
        expect(lead).toBeLessThanOrEqual(15 * 60_000);
        expect(lead).toBeLessThanOrEqual(Math.ceil((nextUpdateDueAt - lastUpdateAt) / 4));
      }),
    );
  });
});

describe('plannedTimers while waiting on the client', () => {
  const SINCE = at('2026-11-23T10:00:00+02:00'); // Monday 10:00
  const waiting = (over: Partial<TimerSubject> = {}): TimerSubject => ({ ...base, state: 'waiting_on_client', waitingSince: SINCE, ...over });
  const nudges = (subject: TimerSubject, days: number | undefined) =>
    plannedTimers(subject, { ...SETTINGS, ...(days === undefined ? {} : { clientNudgeDays: days }) }, NOW).map((t) => [t.kind, iso(t.dueAt), iso(t.fireAt)]);

  it.each<[string, TimerSubject, number | undefined, Array<[string, string, string]>]>([
    [
      'two working days: the client on Wednesday 10:00, the owner on Friday 10:00',
      waiting(),
      2,
      [
        ['client_nudge', '2026-11-23T08:00:00.000Z', '2026-11-25T08:00:00.000Z'],
        ['owner_nudge', '2026-11-23T08:00:00.000Z', '2026-11-27T08:00:00.000Z'],
      ],
    ],
    [
      'two working days from Thursday 15:00: over the weekend, Monday 15:00 and Wednesday 15:00',
      waiting({ waitingSince: at('2026-11-26T15:00:00+02:00') }),
      2,
      [
        ['client_nudge', '2026-11-26T13:00:00.000Z', '2026-11-30T13:00:00.000Z'],
        ['owner_nudge', '2026-11-26T13:00:00.000Z', '2026-12-02T13:00:00.000Z'],
      ],
    ],
    [
      'one working day from Friday evening: counted from Monday opening, so Monday 17:00 and Tuesday 17:00',
      waiting({ waitingSince: at('2026-11-27T18:00:00+02:00') }),
      1,
      [
        ['client_nudge', '2026-11-27T16:00:00.000Z', '2026-11-30T15:00:00.000Z'],
        ['owner_nudge', '2026-11-27T16:00:00.000Z', '2026-12-01T15:00:00.000Z'],
      ],
    ],
    ['the client already reminded: only the owner', waiting({ clientNudgedFor: SINCE }), 2, [['owner_nudge', '2026-11-23T08:00:00.000Z', '2026-11-27T08:00:00.000Z']]],
    ['both done', waiting({ clientNudgedFor: SINCE, ownerNudgedFor: SINCE }), 2, []],
    ['an earlier wait was nudged: this one is still due', waiting({ clientNudgedFor: SINCE - 1 }), 2, [
      ['client_nudge', '2026-11-23T08:00:00.000Z', '2026-11-25T08:00:00.000Z'],
      ['owner_nudge', '2026-11-23T08:00:00.000Z', '2026-11-27T08:00:00.000Z'],
    ]],
    ['nobody owns it: only the client', waiting({ ownerId: undefined }), 2, [['client_nudge', '2026-11-23T08:00:00.000Z', '2026-11-25T08:00:00.000Z']]],
    ['0 days: no nudges', waiting(), 0, []],
    ['no nudge days in the settings: no nudges', waiting(), undefined, []],
    ['no record of when the wait began: no nudges', waiting({ waitingSince: undefined }), 2, []],
  ])('when %s, then the timers are as planned', (_label, subject, days, expected) => {
    expect(nudges(subject, days)).toEqual(expected);
  });

  it.each<[string, 'client_nudge' | 'owner_nudge' | 'reminder', number, Partial<TimerSubject>, boolean]>([
    ['a nudge of the wait in progress', 'client_nudge', SINCE, {}, true],
    ['a nudge of an earlier wait', 'owner_nudge', SINCE - 1, {}, false],
    ['a nudge once the wait ended', 'client_nudge', SINCE, { state: 'in_progress' }, false],
    ['a nudge of a resolved request', 'client_nudge', SINCE, { state: 'resolved' }, false],
    ['an update reminder while waiting', 'reminder', base.nextUpdateDueAt, {}, false],
  ])('when the queue holds %s, then isCurrentTimer says %s', (_label, kind, dueAt, over, expected) => {
    expect(isCurrentTimer(kind, dueAt, waiting(over))).toBe(expected);
  });
});

describe('timersInOrder (the first is the one pending)', () => {
  const order = (over: Partial<TimerSubject>) => timersInOrder({ ...base, ...over }, SETTINGS, NOW).map((t) => [t.kind, iso(t.fireAt)]);

  it.each<[string, Partial<TimerSubject>, Array<[string, string]>]>([
    ['an update due in 4 h: the reminder, then its escalation', {}, [['reminder', '2026-11-23T11:45:00.000Z'], ['escalation', '2026-11-23T12:30:00.000Z']]],
    [
      'an ETA before the update is due: the "On track?" prompt and the ETA check come first',
      { etaAt: at('2026-11-23T12:00:00+02:00') },
      [
        ['on_track', '2026-11-23T09:00:00.000Z'],
        ['eta_missed', '2026-11-23T10:00:00.000Z'],
        ['reminder', '2026-11-23T11:45:00.000Z'],
        ['escalation', '2026-11-23T12:30:00.000Z'],
      ],
    ],
    [
      'an ETA the next afternoon: the update timers first, the prompt at the end of the day',
      { etaAt: at('2026-11-24T16:00:00+02:00') },
      [
        ['reminder', '2026-11-23T11:45:00.000Z'],
        ['escalation', '2026-11-23T12:30:00.000Z'],
        ['on_track', '2026-11-23T15:00:00.000Z'],
        ['eta_missed', '2026-11-24T14:00:00.000Z'],
      ],
    ],
    ['reminded already: the escalation is next', { remindedFor: base.nextUpdateDueAt }, [['escalation', '2026-11-23T12:30:00.000Z']]],
    ['closed: none', { state: 'resolved' }, []],
  ])('when %s, then they come in fire order', (_label, over, expected) => {
    expect(order(over)).toEqual(expected);
  });

  it('when two timers fire at the same instant, then they keep plannedTimers\' order (the reminder before its escalation)', () => {
    // No grace: the escalation fires at the due time, which a due time already past moves the reminder to as well.
    const subject = { ...base, nextUpdateDueAt: at('2026-11-23T10:00:00+02:00'), lastUpdateAt: at('2026-11-23T10:00:00+02:00') };
    const timers = timersInOrder(subject, { ...SETTINGS, graceMinutes: 0 }, NOW);
    expect(timers.map((t) => t.kind)).toEqual(['reminder', 'escalation']);
    expect(timers[0]?.fireAt).toBe(timers[1]?.fireAt);
  });

  it('always holds the timers plannedTimers gives, each fire time no earlier than the one before', () => {
    fc.assert(
      fc.property(fc.integer({ min: -48, max: 96 }), fc.option(fc.integer({ min: -24, max: 200 })), (dueHours, etaHours) => {
        const subject = { ...base, nextUpdateDueAt: NOW + dueHours * 3_600_000, ...(etaHours === null ? {} : { etaAt: NOW + etaHours * 3_600_000 }) };
        const ordered = timersInOrder(subject, SETTINGS, NOW);
        expect([...ordered].sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([...plannedTimers(subject, SETTINGS, NOW)].sort((a, b) => a.kind.localeCompare(b.kind)));
        ordered.slice(1).forEach((t, i) => expect(t.fireAt).toBeGreaterThanOrEqual((ordered[i] as { fireAt: number }).fireAt));
      }),
    );
  });
});
