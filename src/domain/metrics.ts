/**
 * Service metrics from requests' event logs, for `/status report` and the weekly digest. Pure.
 *
 * Over a window [from, to):
 * - requests: created in the window; resolved: resolved in it.
 * - time to acknowledge: `acknowledged.latencyMs` of the requests created in the window.
 * - time to first human reply: the first update (posted, "still on it", an ETA, a reply in the
 *   thread) by a person, after the request was created.
 * - updates on time: updates made in the window whose `dueAt` they met, out of all of them.
 * - ETA hit rate: requests resolved in the window that had an ETA, resolved by their last ETA;
 *   average slip: the mean of their slips (see ./eta).
 * - time to resolve: of the requests resolved in the window.
 * - feedback: each person's standing rating of a closing message (see ./feedback), given in the window.
 */
import { standingRatings } from './feedback';
import { type EtaEntry, slipDurationsMs } from './eta';
import type { RequestEvent, TrackedRequest } from './request';

export interface RequestHistory {
  /** Where and by whom are only known while the request is kept (an anonymous history has neither). */
  request: Pick<TrackedRequest, 'id' | 'createdAt' | 'resolvedAt' | 'state'> & Partial<Pick<TrackedRequest, 'channelId' | 'ownerId' | 'resolvedBy'>>;
  events: readonly RequestEvent[];
}

export interface Metrics {
  requests: number;
  resolved: number;
  medianTimeToAcknowledgeMs?: number;
  medianTimeToFirstHumanReplyMs?: number;
  updates: number;
  updatesOnTime: number;
  /** 0…1; undefined when no update was made. */
  onTimeShare?: number;
  withEta: number;
  etaHits: number;
  etaHitRate?: number;
  averageSlipMs?: number;
  medianTimeToResolveMs?: number;
  feedback: { positive: number; neutral: number; negative: number };
}

const UPDATE_EVENTS = new Set(['update_posted', 'eta_set']);

export function metricsOf(histories: readonly RequestHistory[], from: number, to: number): Metrics {
  const inWindow = (at: number | undefined) => at !== undefined && at >= from && at < to;
  const created = histories.filter((h) => inWindow(h.request.createdAt));
  const resolved = histories.filter((h) => h.request.state === 'resolved' && inWindow(h.request.resolvedAt));

  const ackLatencies = created.flatMap((h) => {
    const ack = h.events.find((e) => e.type === 'acknowledged');
    const latency = ack?.data?.latencyMs;
    return typeof latency === 'number' ? [latency] : [];
  });
  const firstReplies = created.flatMap((h) => {
    const first = h.events.find((e) => UPDATE_EVENTS.has(e.type) && e.actorId !== undefined);
    return first ? [first.at - h.request.createdAt] : [];
  });
  const updates = histories.flatMap((h) => h.events.filter((e) => UPDATE_EVENTS.has(e.type) && inWindow(e.at)));
  const onTime = updates.filter((e) => typeof e.data?.dueAt === 'number' && e.at <= e.data.dueAt).length;

  let withEta = 0;
  let etaHits = 0;
  const slips: number[] = [];
  for (const h of resolved) {
    const history = etaHistoryOf(h.events);
    const last = history.at(-1);
    if (!last) continue;
    withEta += 1;
    if ((h.request.resolvedAt as number) <= last.at) etaHits += 1;
    slips.push(...slipDurationsMs(history, h.request.resolvedAt));
  }

  const feedback = { positive: 0, neutral: 0, negative: 0 };
  // Each person's rating as it stands (a changed reaction counts once, a removed one not at all).
  for (const h of histories) {
    for (const s of standingRatings(h.events)) if (inWindow(s.at)) feedback[s.rating] += 1;
  }

  return {
    requests: created.length,
    resolved: resolved.length,
    ...optional('medianTimeToAcknowledgeMs', median(ackLatencies)),
    ...optional('medianTimeToFirstHumanReplyMs', median(firstReplies)),
    updates: updates.length,
    updatesOnTime: onTime,
    ...optional('onTimeShare', updates.length > 0 ? onTime / updates.length : undefined),
    withEta,
    etaHits,
    ...optional('etaHitRate', withEta > 0 ? etaHits / withEta : undefined),
    ...optional('averageSlipMs', slips.length > 0 ? slips.reduce((a, b) => a + b, 0) / slips.length : undefined),
    ...optional('medianTimeToResolveMs', median(resolved.map((h) => (h.request.resolvedAt as number) - h.request.createdAt))),
    feedback,
  };
}

/** Every ETA given (set, revised, or with an update), in the order given. "Not known yet" is none. */
export function etaHistoryOf(events: readonly RequestEvent[]): EtaEntry[] {
  return events.flatMap((e) => {
    const at = e.data?.etaAt;
    if (!UPDATE_EVENTS.has(e.type) || typeof at !== 'number') return [];
    const reason = e.data?.reason;
    return [{ at, setAt: e.at, setBy: e.actorId ?? '', ...(typeof reason === 'string' ? { reason } : {}) }];
  });
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function optional<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}
