import { holdingLinePromise, holdingLineStillTrue, nudgeAt, owedSince } from '../../../src/domain/client-lines';
import type { RequestState } from '../../../src/domain/request';
import type { BusinessHours } from '../../../src/domain/settings';
import { at, iso } from './instants';

const HOURS: BusinessHours = { timezone: 'Europe/Helsinki', workingDays: [1, 2, 3, 4, 5], startMinute: 9 * 60, endMinute: 17 * 60, holidays: ['2026-12-24'] };
const CADENCE = { businessHours: HOURS, cadenceMinutes: { urgent: 60, normal: 240 } };
const CREATED = at('2026-11-23T09:00:00+02:00');
const DUE = at('2026-11-23T13:00:00+02:00');
const PROMISED = at('2026-11-23T17:00:00+02:00');

describe('holdingLinePromise', () => {
  it.each<[string, string, 'normal' | 'urgent', string]>([
    ['a normal request at 13:30 on Monday: 4 business hours on, 17:00 is the closing', '2026-11-23T13:30:00+02:00', 'normal', '2026-11-24T07:30:00.000Z'],
    ['an urgent request at 13:30: one business hour on', '2026-11-23T13:30:00+02:00', 'urgent', '2026-11-23T12:30:00.000Z'],
    ['an urgent request at 16:45 on Friday: the rest of the hour on Monday', '2026-11-27T16:45:00+02:00', 'urgent', '2026-11-30T07:45:00.000Z'],
    ['a normal request on 23 December at 15:00: over the Christmas Eve holiday to Friday', '2026-12-23T15:00:00+02:00', 'normal', '2026-12-25T09:00:00.000Z'],
  ])('when %s, then the promise is as counted', (_label, now, priority, expected) => {
    expect(iso(holdingLinePromise(at(now), priority, CADENCE))).toBe(expected);
  });

  it('when a promise is made, then it is never already past', () => {
    for (let now = CREATED; now < CREATED + 7 * 24 * 3600_000; now += 37 * 60_000) {
      expect(holdingLinePromise(now, 'urgent', CADENCE)).toBeGreaterThan(now);
    }
  });
});

describe('owedSince', () => {
  const subject = (over: { state?: RequestState; escalatedFor?: number; lastUpdateAt?: number }) => ({
    state: 'in_progress' as RequestState,
    createdAt: CREATED,
    lastUpdateAt: at('2026-11-23T09:00:05+02:00'),
    ...over,
  });
  it.each<[string, Parameters<typeof subject>[0], number | undefined]>([
    ['nothing was escalated', {}, undefined],
    ['an update was escalated and none came since', { escalatedFor: DUE }, DUE],
    ['an update came after the escalation', { escalatedFor: DUE, lastUpdateAt: DUE + 40 * 60_000 }, undefined],
    ['escalated and never updated (no acknowledgement either)', { escalatedFor: DUE, lastUpdateAt: undefined }, DUE],
    ['escalated, then resolved', { escalatedFor: DUE, state: 'resolved' }, undefined],
    ['escalated, then waiting on the client', { escalatedFor: DUE, state: 'waiting_on_client' }, undefined],
  ])('when %s, then the debt is %s', (_label, over, expected) => {
    const { lastUpdateAt, ...rest } = subject(over);
    const request = 'lastUpdateAt' in over && over.lastUpdateAt === undefined ? rest : { ...rest, lastUpdateAt };
    expect(owedSince(request)).toBe(expected);
  });
});

describe('holdingLineStillTrue', () => {
  const now = DUE + 31 * 60_000;
  const request = { state: 'in_progress' as RequestState, createdAt: CREATED, lastUpdateAt: CREATED, escalatedFor: DUE, nextUpdateDueAt: PROMISED };
  it.each<[string, Partial<typeof request>, number, boolean]>([
    ['it was just recorded', {}, now, true],
    ['an update came meanwhile (the due time moved, the debt paid)', { lastUpdateAt: now - 1000, nextUpdateDueAt: PROMISED + 3600_000 }, now, false],
    ['a thread reply came meanwhile (the debt paid)', { lastUpdateAt: now - 1000 }, now, false],
    ['the request was resolved', { state: 'resolved' }, now, false],
    ['the request was dismissed', { state: 'dismissed' }, now, false],
    ['the owner waits on the client now', { state: 'waiting_on_client' }, now, false],
    ['a later due time was escalated since', { escalatedFor: PROMISED }, now, false],
    ['it could only go after the promised time (it waited for its channel)', {}, PROMISED, false],
    ['nobody owns the request (the team was reminded)', { state: 'open' }, now, true],
  ])('when %s, then it is %s', (_label, over, at_, expected) => {
    expect(holdingLineStillTrue({ ...request, ...over }, DUE, PROMISED, at_)).toBe(expected);
  });
});

describe('nudgeAt', () => {
  const since = at('2026-12-22T11:00:00+02:00'); // Tuesday before Christmas Eve (a holiday here)
  it.each<[string, number, 'client' | 'owner', string | undefined]>([
    ['the client after 2 working days (Christmas Eve does not count)', 2, 'client', '2026-12-25T09:00:00.000Z'],
    ['the owner after 2 more', 2, 'owner', '2026-12-29T09:00:00.000Z'],
    ['the client after 1 working day', 1, 'client', '2026-12-23T09:00:00.000Z'],
    ['nobody when the days are 0', 0, 'client', undefined],
    ['nobody when the days are not a whole number', 1.5, 'owner', undefined],
  ])('when %s, then it is at %s', (_label, days, step, expected) => {
    const result = nudgeAt(since, days, step, HOURS);
    expect(result === undefined ? undefined : iso(result)).toBe(expected);
  });
});
