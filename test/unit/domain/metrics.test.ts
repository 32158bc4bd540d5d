import { etaHistoryOf, median, metricsOf, type RequestHistory } from '../../../src/domain/metrics';
import type { RequestEvent } from '../../../src/domain/request';
import { at } from './instants';

const MIN = 60_000;
const FROM = at('2026-11-16T00:00:00Z');
const TO = at('2026-11-23T00:00:00Z');
const T = at('2026-11-18T09:00:00Z');

function history(id: string, createdAt: number, events: RequestEvent[], resolvedAt?: number): RequestHistory {
  return { request: { id, createdAt, ...(resolvedAt ? { resolvedAt, state: 'resolved' as const } : { state: 'in_progress' as const }) }, events };
}
const ev = (type: RequestEvent['type'], atMs: number, data?: RequestEvent['data'], actorId?: string): RequestEvent => ({
  type,
  at: atMs,
  ...(data ? { data } : {}),
  ...(actorId ? { actorId } : {}),
});

describe('metricsOf', () => {
  const histories: RequestHistory[] = [
    // Acknowledged in 800 ms; ETA set at +20 min (on time), kept; resolved before the ETA; 👍.
    history(
      'R1',
      T,
      [
        ev('acknowledged', T + 800, { latencyMs: 800 }),
        ev('eta_set', T + 20 * MIN, { etaAt: T + 240 * MIN, dueAt: T + 60 * MIN }, 'U0AINO'),
        ev('resolved', T + 200 * MIN, {}, 'U0AINO'),
        ev('feedback', T + 210 * MIN, { rating: 'positive', fromClient: true }, 'U0C1'),
      ],
      T + 200 * MIN,
    ),
    // Acknowledged in 1 200 ms; a late update; ETA revised 2 h later and still missed by 1 h.
    history(
      'R2',
      T,
      [
        ev('acknowledged', T + 1200, { latencyMs: 1200 }),
        ev('update_posted', T + 90 * MIN, { dueAt: T + 60 * MIN }, 'U0LEAD'),
        ev('eta_set', T + 100 * MIN, { etaAt: T + 300 * MIN, dueAt: T + 330 * MIN }, 'U0LEAD'),
        ev('eta_set', T + 280 * MIN, { etaAt: T + 420 * MIN, dueAt: T + 520 * MIN, reason: 'vendor' }, 'U0LEAD'),
        ev('feedback', T + 500 * MIN, { rating: 'negative', fromClient: true }, 'U0C2'),
      ],
      T + 480 * MIN,
    ),
    // Created before the window: counts for updates and feedback in it, not as a new request.
    history('R3', FROM - 60 * MIN, [ev('update_posted', T, { dueAt: T + MIN }, 'U0AINO')]),
    // Created after the window: not counted at all.
    history('R4', TO + MIN, [ev('acknowledged', TO + MIN, { latencyMs: 5 })]),
  ];
  const m = metricsOf(histories, FROM, TO);

  it.each<[string, unknown, unknown]>([
    ['requests created in the window', m.requests, 2],
    ['requests resolved in the window', m.resolved, 2],
    ['median time to acknowledge', m.medianTimeToAcknowledgeMs, 1000],
    ['median time to the first human reply', m.medianTimeToFirstHumanReplyMs, 55 * MIN],
    ['updates in the window', m.updates, 5],
    ['updates on time', m.updatesOnTime, 4],
    ['share on time', m.onTimeShare, 0.8],
    ['requests resolved with an ETA', m.withEta, 2],
    ['ETA hit rate', m.etaHitRate, 0.5],
    ['average slip (a 2 h revision, then 1 h late)', m.averageSlipMs, 90 * MIN],
    ['median time to resolve', m.medianTimeToResolveMs, 340 * MIN],
    ['feedback', m.feedback, { positive: 1, neutral: 0, negative: 1 }],
  ])('when measured, then %s is %j', (_label, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  it('when feedback was changed or taken back, then each person counts once, with the rating that stands', () => {
    const feedback = [
      ev('feedback', T + 10 * MIN, { rating: 'positive', fromClient: true }, 'U0C1'),
      ev('feedback', T + 11 * MIN, { rating: 'negative', fromClient: true }, 'U0C1'),
      ev('feedback_removed', T + 12 * MIN, { rating: 'positive', fromClient: true }, 'U0C1'),
      ev('feedback', T + 13 * MIN, { rating: 'neutral', fromClient: true }, 'U0C2'),
      ev('feedback_removed', T + 14 * MIN, { rating: 'neutral', fromClient: true }, 'U0C2'),
    ];
    expect(metricsOf([history('R9', T, feedback)], FROM, TO).feedback).toEqual({ positive: 0, neutral: 0, negative: 1 });
  });

  it('when nothing happened, then the averages are absent rather than zero', () => {
    const empty = metricsOf([], FROM, TO);
    expect(empty).toEqual({ requests: 0, resolved: 0, updates: 0, updatesOnTime: 0, withEta: 0, etaHits: 0, feedback: { positive: 0, neutral: 0, negative: 0 } });
  });
});

describe('etaHistoryOf and median', () => {
  it('when ETAs were given with updates too, then the history lists them in order with reasons', () => {
    const events = [ev('eta_set', 1, { etaAt: 100 }, 'U1'), ev('update_posted', 2, { etaAt: 150 }, 'U1'), ev('eta_set', 3, { reason: 'x' }, 'U1'), ev('eta_set', 4, { etaAt: 200, reason: 'late' }, 'U2')];
    expect(etaHistoryOf(events)).toEqual([
      { at: 100, setAt: 1, setBy: 'U1' },
      { at: 150, setAt: 2, setBy: 'U1' },
      { at: 200, setAt: 4, setBy: 'U2', reason: 'late' },
    ]);
  });

  it.each([
    [[], undefined],
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
  ])('when the values are %j, then the median is %j', (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});
