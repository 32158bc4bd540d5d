import fc from 'fast-check';
import { metricsOf, type RequestHistory } from '../../../src/domain/metrics';
import type { RequestEvent, RequestEventType } from '../../../src/domain/request';
import { DAY_MS, anonymousHistoryOf, closedAtOf, isPurgeDue, purgeDueAt } from '../../../src/domain/retention';
import { at } from './instants';

const T = at('2026-11-18T09:00:00Z');
const MIN = 60_000;

describe('closedAtOf', () => {
  const dismissed: RequestEvent[] = [
    { type: 'created', at: T },
    { type: 'dismissed', at: T + 5 * MIN, actorId: 'U0AINO' },
  ];
  it.each<[string, Parameters<typeof closedAtOf>[0], RequestEvent[], number | undefined]>([
    ['a resolved request: its resolution', { state: 'resolved', resolvedAt: T + MIN }, [], T + MIN],
    ['a dismissed request: its dismissal', { state: 'dismissed' }, dismissed, T + 5 * MIN],
    ['a live request: none', { state: 'in_progress' }, dismissed, undefined],
    ['a reopened request (resolvedAt cleared): none', { state: 'open' }, [], undefined],
  ])('%s', (_label, request, events, expected) => {
    expect(closedAtOf(request, events)).toBe(expected);
  });
});

describe('isPurgeDue', () => {
  it.each<[string, number | undefined, number, number, boolean]>([
    ['closed 180 days ago with 180 days retention', T, 180, T + 180 * DAY_MS, true],
    ['one millisecond short of it', T, 180, T + 180 * DAY_MS - 1, false],
    ['a channel keeping 30 days, 31 days on', T, 30, T + 31 * DAY_MS, true],
    ['never closed', undefined, 1, T + 999 * DAY_MS, false],
  ])('%s', (_label, closedAt, days, now, expected) => {
    expect(isPurgeDue(closedAt, days, now)).toBe(expected);
  });

  it('when the retention is one day, then the purge is due a day after the closing', () => {
    expect(purgeDueAt(T, 1)).toBe(T + DAY_MS);
  });
});

describe('anonymousHistoryOf', () => {
  const full: RequestHistory = {
    request: { id: 'R6a2f1c403e7-42', createdAt: T, resolvedAt: T + 300 * MIN, state: 'resolved' },
    events: [
      { type: 'created', at: T, data: { trigger: 'auto', priority: 'normal' } },
      { type: 'acknowledged', at: T + 800, data: { latencyMs: 800, ts: '1763456400.000200' } },
      { type: 'client_wrote', at: T + 2 * MIN, actorId: 'U0CLIENT', data: { ts: '1763456520.000100' } },
      { type: 'eta_set', at: T + 20 * MIN, actorId: 'U0AINO', data: { etaAt: T + 240 * MIN, dueAt: T + 60 * MIN, reason: 'Acme VPN is down' } },
      { type: 'resolved', at: T + 300 * MIN, actorId: 'U0AINO', data: { summary: 'Restarted the export for Acme' } },
      { type: 'feedback', at: T + 310 * MIN, actorId: 'U0CLIENT', data: { rating: 'positive', fromClient: true } },
    ],
  };

  it('when a request is made anonymous, then no id, person, text or Slack ts is left', () => {
    const anonymous = JSON.stringify(anonymousHistoryOf(full));
    for (const secret of ['R6a2f1c403e7-42', 'U0CLIENT', 'U0AINO', 'Acme', '1763456', 'summary', 'reason']) expect(anonymous).not.toContain(secret);
    expect(anonymousHistoryOf(full).events.map((e) => e.type)).toEqual(['acknowledged', 'eta_set', 'feedback']);
  });

  const instant = fc.integer({ min: T - 20 * DAY_MS, max: T + 20 * DAY_MS });
  const eventType = fc.constantFrom<RequestEventType>('created', 'acknowledged', 'eta_set', 'update_posted', 'feedback', 'reminded', 'resolved', 'dismissed');
  const event = fc.record({
    type: eventType,
    at: instant,
    actorId: fc.option(fc.constantFrom('U0AINO', 'U0CLIENT'), { nil: undefined }),
    latencyMs: fc.integer({ min: 1, max: 5000 }),
    dueAt: fc.option(instant, { nil: undefined }),
    etaAt: fc.option(instant, { nil: undefined }),
    rating: fc.constantFrom('positive', 'neutral', 'negative', 'weird'),
  }).map(({ type, at: when, actorId, latencyMs, dueAt, etaAt, rating }): RequestEvent => ({
    type,
    at: when,
    ...(actorId ? { actorId } : {}),
    data: {
      ...(type === 'acknowledged' ? { latencyMs } : {}),
      ...(dueAt !== undefined ? { dueAt } : {}),
      ...(etaAt !== undefined ? { etaAt } : {}),
      ...(type === 'feedback' ? { rating } : {}),
      note: 'client text',
    },
  }));
  const history = fc.record({
    createdAt: instant,
    resolvedAt: fc.option(instant, { nil: undefined }),
    state: fc.constantFrom('resolved', 'dismissed', 'in_progress') as fc.Arbitrary<'resolved' | 'dismissed' | 'in_progress'>,
    events: fc.array(event, { maxLength: 12 }),
  }).map(({ createdAt, resolvedAt, state, events }): RequestHistory => ({
    request: { id: 'R1', createdAt, state, ...(resolvedAt !== undefined ? { resolvedAt } : {}) },
    events,
  }));

  it('when requests are replaced by their anonymous histories, then every report figure stays the same', () => {
    fc.assert(
      fc.property(fc.array(history, { maxLength: 8 }), instant, (histories, from) => {
        const to = from + 7 * DAY_MS;
        expect(metricsOf(histories.map(anonymousHistoryOf), from, to)).toEqual(metricsOf(histories, from, to));
      }),
      { numRuns: 300 },
    );
  });
});
