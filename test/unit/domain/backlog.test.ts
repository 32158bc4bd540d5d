import { BACKLOG_WINDOW_MS, LATE_TIMER_MS, backlogWindow, firedLate, isBehind } from '../../../src/domain/backlog';
import type { ReminderSubject } from '../../../src/domain/reminders';

const MINUTE = 60_000;
/** A timer planned for 11:00 on Mon 2025-11-24, Helsinki time. */
const FIRE_AT = Date.parse('2025-11-24T11:00+02:00');
const DUE = FIRE_AT;
const ETA = Date.parse('2025-11-24T16:00+02:00');

describe('firedLate', () => {
  it.each([
    ['on time', FIRE_AT, false],
    ['a little late (queue lag, a 429)', FIRE_AT + 2 * MINUTE, false],
    ['exactly at the limit', FIRE_AT + LATE_TIMER_MS, false],
    ['just past the limit', FIRE_AT + LATE_TIMER_MS + 1, true],
    ['after a night-long outage', FIRE_AT + 9 * 60 * MINUTE, true],
    ['early (another instance’s clock behind)', FIRE_AT - 50, false],
  ])('when a timer fires %s, then late is %s', (_, now, late) => {
    expect(firedLate(FIRE_AT, now)).toBe(late);
  });

  it('when the limit is given, then it is the one used', () => {
    expect(firedLate(FIRE_AT, FIRE_AT + 61_000, 60_000)).toBe(true);
    expect(firedLate(FIRE_AT, FIRE_AT + 59_000, 60_000)).toBe(false);
  });
});

describe('isBehind', () => {
  type Subject = ReminderSubject & { createdAt: number; lastUpdateAt?: number };
  const request = (over: Partial<Subject> = {}): Subject => ({ state: 'in_progress', nextUpdateDueAt: DUE, etaAt: ETA, ownerId: 'U_AINO', createdAt: DUE - 60 * MINUTE, ...over });
  it.each<[string, Partial<Subject>, number, boolean]>([
    ['before its update is due', {}, DUE - 1, false],
    ['when its update is due', {}, DUE, true],
    ['when its ETA passed though the update is not due', { nextUpdateDueAt: ETA + 60 * MINUTE }, ETA, true],
    ['with no ETA and the update not due', { etaAt: undefined }, DUE - MINUTE, false],
    ['unowned and overdue', { state: 'open', ownerId: undefined }, DUE + MINUTE, true],
    ['waiting on the client, overdue by the clock', { state: 'waiting_on_client' }, DUE + MINUTE, false],
    ['resolved', { state: 'resolved' }, DUE + MINUTE, false],
    ['dismissed', { state: 'dismissed' }, DUE + MINUTE, false],
    ['escalated, its due time moved on by a holding line', { escalatedFor: DUE, nextUpdateDueAt: DUE + 120 * MINUTE, etaAt: undefined }, DUE + 40 * MINUTE, true],
    ['escalated, then answered', { escalatedFor: DUE, lastUpdateAt: DUE + 50 * MINUTE, nextUpdateDueAt: DUE + 290 * MINUTE, etaAt: undefined }, DUE + 60 * MINUTE, false],
  ])('a request %s: behind is %s', (_, over, now, behind) => {
    expect(isBehind(request(over), now)).toBe(behind);
  });
});

describe('backlogWindow', () => {
  it('when two late timers fire within the same hour, then they share a window; an hour later, a new one', () => {
    const start = Date.parse('2025-11-24T09:00Z');
    expect(backlogWindow(start + 5 * MINUTE)).toBe(start);
    expect(backlogWindow(start + 59 * MINUTE)).toBe(start);
    expect(backlogWindow(start + BACKLOG_WINDOW_MS)).toBe(start + BACKLOG_WINDOW_MS);
  });
});
