/** TrackedRequest ⇄ flat Redis hash fields. */
import type { Priority, RequestState, RequestTrigger, TrackedRequest } from '../domain/request';

export type HashFields = Record<string, string>;

const optionalNumber = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));
const optionalString = (v: string | undefined) => (v === undefined || v === '' ? undefined : v);

export function encodeRequest(r: TrackedRequest): HashFields {
  const fields: HashFields = {
    id: r.id,
    teamId: r.teamId,
    channelId: r.channelId,
    ts: r.ts,
    joinedTs: r.joinedTs.join(','),
    clientUserId: r.clientUserId,
    clientName: r.clientName,
    excerpt: r.excerpt,
    priority: r.priority,
    state: r.state,
    trigger: r.trigger,
    createdAt: String(r.createdAt),
    nextUpdateDueAt: String(r.nextUpdateDueAt),
    revision: String(r.revision),
  };
  const optional: Array<[string, string | number | undefined]> = [
    ['lastUpdateAt', r.lastUpdateAt],
    ['ownerId', r.ownerId],
    ['ackTs', r.ackTs],
    ['cardChannelId', r.cardChannelId],
    ['cardTs', r.cardTs],
    ['dismissedBy', r.dismissedBy],
  ];
  for (const [k, v] of optional) if (v !== undefined) fields[k] = String(v);
  return fields;
}

export function decodeRequest(h: HashFields): TrackedRequest | undefined {
  if (!h.id || !h.teamId || !h.channelId || !h.ts) return undefined;
  return {
    id: h.id,
    teamId: h.teamId,
    channelId: h.channelId,
    ts: h.ts,
    joinedTs: h.joinedTs ? h.joinedTs.split(',') : [],
    clientUserId: h.clientUserId ?? '',
    clientName: h.clientName ?? '',
    excerpt: h.excerpt ?? '',
    priority: (h.priority ?? 'normal') as Priority,
    state: (h.state ?? 'open') as RequestState,
    trigger: (h.trigger ?? 'auto') as RequestTrigger,
    createdAt: Number(h.createdAt),
    nextUpdateDueAt: Number(h.nextUpdateDueAt),
    revision: Number(h.revision ?? 0),
    lastUpdateAt: optionalNumber(h.lastUpdateAt),
    ownerId: optionalString(h.ownerId),
    ackTs: optionalString(h.ackTs),
    cardChannelId: optionalString(h.cardChannelId),
    cardTs: optionalString(h.cardTs),
    dismissedBy: optionalString(h.dismissedBy),
  };
}

/** HGETALL-style flat array [k1, v1, k2, v2 …] → object. */
export function pairsToHash(pairs: string[]): HashFields {
  const h: HashFields = {};
  for (let i = 0; i + 1 < pairs.length; i += 2) h[pairs[i] as string] = pairs[i + 1] as string;
  return h;
}
