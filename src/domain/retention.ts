/**
 * Retention: when a closed request is due to be purged, and what of it stays. Pure.
 *
 * A resolved or dismissed request is kept for its channel's `retentionDays` after its closing
 * (resolution, or dismissal); then it is deleted with everything that names it. What stays is an
 * anonymous history: the instants and numbers the reports count (./metrics), without the request's
 * id, channel, people, text or Slack message ids. `metricsOf` gives the same figures for it as for
 * the request it came from, so the weekly digest does not change when a request is purged.
 */
import { standingRatings } from './feedback';
import type { RequestHistory } from './metrics';
import type { RequestEvent, RequestEventType, TrackedRequest } from './request';

export const DAY_MS = 24 * 3600_000;

/** When the request was closed: resolved at, or dismissed at; undefined while it is live. */
export function closedAtOf(request: Pick<TrackedRequest, 'state' | 'resolvedAt'>, events: readonly RequestEvent[]): number | undefined {
  if (request.state === 'resolved') return request.resolvedAt;
  if (request.state === 'dismissed') return events.findLast((e) => e.type === 'dismissed')?.at;
  return undefined;
}

/** The first instant at which a request closed at `closedAt` may be purged. */
export function purgeDueAt(closedAt: number, retentionDays: number): number {
  return closedAt + retentionDays * DAY_MS;
}

export function isPurgeDue(closedAt: number | undefined, retentionDays: number, now: number): boolean {
  return closedAt !== undefined && purgeDueAt(closedAt, retentionDays) <= now;
}

/** The events ./metrics reads, and which of their data fields. */
const KEPT: Partial<Record<RequestEventType, readonly string[]>> = {
  acknowledged: ['latencyMs'],
  update_posted: ['dueAt', 'etaAt'],
  eta_set: ['dueAt', 'etaAt'],
};

/**
 * What stays of a request once it is purged. Updates and ETAs keep only *that* a person gave them
 * (`actorId: ''`, which the first-human-reply figure looks for), not who.
 */
export function anonymousHistoryOf(history: RequestHistory): RequestHistory {
  const { createdAt, resolvedAt, state } = history.request;
  const events = history.events.flatMap((e): RequestEvent[] => {
    const fields = KEPT[e.type];
    if (!fields) return [];
    const data = Object.fromEntries(fields.flatMap((f) => (e.data?.[f] !== undefined ? [[f, e.data[f]]] : []))) as RequestEvent['data'];
    const human = e.type !== 'acknowledged' && e.actorId !== undefined;
    return [{ type: e.type, at: e.at, ...(human ? { actorId: '' } : {}), ...(data && Object.keys(data).length > 0 ? { data } : {}) }];
  });
  // Feedback counts each person's standing rating once: kept as one rating per person, who
  // becomes a number within the request.
  const ratings = standingRatings(history.events).map((r, i): RequestEvent => ({ type: 'feedback', at: r.at, actorId: `p${i + 1}`, data: { rating: r.rating } }));
  events.push(...ratings);
  return { request: { id: '', createdAt, state, ...(resolvedAt !== undefined && state === 'resolved' ? { resolvedAt } : {}) }, events };
}
