/** TrackedRequest ⇄ flat Redis hash fields (long values in pieces, see ./hash-pieces). */
import type { LivingAck } from '../domain/living-ack';
import type { Priority, RequestState, RequestTrigger, TrackedRequest } from '../domain/request';
import { PIECED_FIELDS, pieceField, piecePairs, storedPieces, tsGroups } from './hash-pieces';

export type HashFields = Record<string, string>;

const optionalNumber = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));
const optionalString = (v: string | undefined) => (v === undefined || v === '' ? undefined : v);

export function encodeRequest(r: TrackedRequest): HashFields {
  const fields: HashFields = {
    id: r.id,
    teamId: r.teamId,
    channelId: r.channelId,
    ts: r.ts,
    ...Object.fromEntries(tsGroups(r.joinedTs).map((group, i) => [pieceField('joinedTs', i), group])),
    clientUserId: r.clientUserId,
    ...Object.fromEntries(piecePairs('clientName', r.clientName)),
    ...Object.fromEntries(piecePairs('excerpt', r.excerpt)),
    priority: r.priority,
    state: r.state,
    trigger: r.trigger,
    createdAt: String(r.createdAt),
    nextUpdateDueAt: String(r.nextUpdateDueAt),
    revision: String(r.revision),
    updateCount: String(r.updateCount),
  };
  for (const k of [...OPTIONAL_NUMBERS, ...OPTIONAL_STRINGS]) {
    const v = r[k];
    if (v === undefined) continue;
    if ((PIECED_FIELDS as readonly string[]).includes(k)) Object.assign(fields, Object.fromEntries(piecePairs(k, String(v))));
    else fields[k] = String(v);
  }
  if (r.living) fields.living = encodeLiving(r.living);
  return fields;
}

/** The living acknowledgement as a short JSON string (`{"a":…,"p":…,"o":"U…","s":2}`). */
export function encodeLiving(living: LivingAck): string {
  const { at, promisedAt, ownerId, etaSeq } = living;
  return JSON.stringify({ a: at, p: promisedAt, ...(ownerId !== undefined ? { o: ownerId } : {}), ...(etaSeq !== undefined ? { s: etaSeq } : {}) });
}

export function decodeLiving(value: string | undefined): LivingAck | undefined {
  if (!value) return undefined;
  try {
    const { a, p, o, s } = JSON.parse(value) as { a?: unknown; p?: unknown; o?: unknown; s?: unknown };
    if (typeof a !== 'number' || typeof p !== 'number') return undefined;
    return { at: a, promisedAt: p, ...(typeof o === 'string' ? { ownerId: o } : {}), ...(typeof s === 'number' ? { etaSeq: s } : {}) };
  } catch {
    return undefined;
  }
}

/** Optional fields; an empty string in the hash means absent (how a patch clears one). */
const OPTIONAL_NUMBERS = [
  'lastUpdateAt',
  'etaAt',
  'etaSlips',
  'remindedFor',
  'escalatedFor',
  'onTrackPromptedFor',
  'etaMissFlaggedFor',
  'resolvedAt',
  'reopenOfferedAt',
  'feedbackThankedAt',
  'waitingSince',
  'clientNudgedFor',
  'ownerNudgedFor',
  'ackMovedOnAt',
  'eyesAt',
] as const satisfies ReadonlyArray<keyof TrackedRequest>;
const OPTIONAL_STRINGS = [
  'threadTs',
  'ownerId',
  'ackTs',
  'cardChannelId',
  'cardTs',
  'dismissedBy',
  'resolvedBy',
  'closingTs',
  'undelivered',
  'announcedOwnerId',
  'etaAskedOwnerId',
  'waitingFor',
  'clientTz',
] as const satisfies ReadonlyArray<keyof TrackedRequest>;

export function decodeRequest(h: HashFields): TrackedRequest | undefined {
  if (!h.id || !h.teamId || !h.channelId || !h.ts) return undefined;
  const request: TrackedRequest = {
    id: h.id,
    teamId: h.teamId,
    channelId: h.channelId,
    ts: h.ts,
    joinedTs: joinedOf(h),
    clientUserId: h.clientUserId ?? '',
    clientName: storedPieces(h, 'clientName').join(''),
    excerpt: storedPieces(h, 'excerpt').join(''),
    priority: (h.priority ?? 'normal') as Priority,
    state: (h.state ?? 'open') as RequestState,
    trigger: (h.trigger ?? 'auto') as RequestTrigger,
    createdAt: Number(h.createdAt),
    nextUpdateDueAt: Number(h.nextUpdateDueAt),
    revision: Number(h.revision ?? 0),
    updateCount: Number(h.updateCount ?? 0),
  };
  const optional: Partial<Record<(typeof OPTIONAL_NUMBERS)[number], number> & Record<(typeof OPTIONAL_STRINGS)[number], string>> = {};
  for (const k of OPTIONAL_NUMBERS) {
    const v = optionalNumber(h[k]);
    if (v !== undefined) optional[k] = v;
  }
  for (const k of OPTIONAL_STRINGS) {
    const v = optionalString((PIECED_FIELDS as readonly string[]).includes(k) ? storedPieces(h, k).join('') : h[k]);
    if (v !== undefined) optional[k] = v;
  }
  const living = decodeLiving(h.living);
  return { ...request, ...optional, ...(living ? { living } : {}) };
}

/** Every piece of joinedTs (see ./hash-pieces), the ts in order. */
function joinedOf(h: HashFields): string[] {
  const ts: string[] = [];
  for (let i = 0; h[pieceField('joinedTs', i)] !== undefined; i++) ts.push(...(h[pieceField('joinedTs', i)] as string).split(',').filter(Boolean));
  return ts;
}

/** HGETALL-style flat array [k1, v1, k2, v2 …] → object. */
export function pairsToHash(pairs: string[]): HashFields {
  const h: HashFields = {};
  for (let i = 0; i + 1 < pairs.length; i += 2) h[pairs[i] as string] = pairs[i + 1] as string;
  return h;
}
