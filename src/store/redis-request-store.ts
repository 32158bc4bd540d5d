/** RequestStore on Redis: a hash per request, an append-only event log list, atomic scripts. */
import type { Result } from 'ioredis';
import { type RedisClient, scanKeys } from './redis-client';
import type { RequestEvent, TrackedRequest } from '../domain/request';
import { type CreateOutcome, type Guard, type Intent, type NewRequest, type Promises, type RequestPatch, type RequestStore, type SlotClaim, draftRequest, inLine } from '../app/ports';
import { teamKeys } from './keys';
import { MAX_PIECES, PIECED_FIELDS, pieceField, piecePairs } from './hash-pieces';
import { decodeRequest, encodeLiving, encodeRequest, pairsToHash } from './request-codec';
import { CREATE_OR_JOIN, UPDATE } from './request-scripts';
import { defineScript } from './script-command';

type Outcome = 'created' | 'joined' | 'duplicate';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    kuittausCreateOrJoin(...args: Array<string | number>): Result<[Outcome, string, ...string[]], Context>;
    kuittausUpdate(...args: Array<string | number>): Result<string[] | 1 | null, Context>;
  }
}

/**
 * Where our own messages are, and which prompts went out, is bookkeeping: recording it does not
 * change what the card shows.
 */
const BOOKKEEPING = new Set<keyof RequestPatch>([
  'ackTs',
  'living',
  'ackMovedOnAt',
  'cardChannelId',
  'cardTs',
  'lastUpdateAt',
  'closingTs',
  'remindedFor',
  'onTrackPromptedFor',
  'reopenOfferedAt',
  'countUpdate',
  'announcedOwnerId',
  'etaAskedOwnerId',
  'clientNudgedFor',
  'ownerNudgedFor',
]);

export function bumpsRevision(patch: RequestPatch): boolean {
  return Object.entries(patch).some(([k, v]) => v !== undefined && !BOOKKEEPING.has(k as keyof RequestPatch));
}

/**
 * Patch → Lua pairs: null clears a field (''), countUpdate becomes an increment ('+updateCount'),
 * free text goes in pieces (see ./hash-pieces), clearing the pieces a longer value left.
 */
export function patchPairs(patch: RequestPatch): string[] {
  const { countUpdate, ...fields } = patch;
  const pairs = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .flatMap(([f, v]) => {
      if (!(PIECED_FIELDS as readonly string[]).includes(f)) return [f, v === null ? '' : typeof v === 'object' ? encodeLiving(v) : String(v)];
      const pieces = v === null ? [] : piecePairs(f, String(v));
      const cleared = Array.from({ length: Math.max(0, MAX_PIECES - pieces.length) }, (_, i) => [pieceField(f, pieces.length + i), '']);
      return [...pieces, ...cleared].flat();
    });
  return countUpdate ? [...pairs, '+updateCount', '1'] : pairs;
}

/** The guard as the UPDATE script reads it: 'open,in_progress', 'open,in_progress|3' or 'open||1700000000000'. */
function guardArg(guard: Guard | undefined): string {
  if (!guard) return '';
  if (Array.isArray(guard)) return guard.join(',');
  const states = (guard.states ?? []).join(',');
  if (guard.nextUpdateDueAt !== undefined) return `${states}|${guard.updateCount ?? ''}|${guard.nextUpdateDueAt}`;
  return guard.updateCount === undefined ? states : `${states}|${guard.updateCount}`;
}

/** The slot to take as CREATE_OR_JOIN reads it (the time as a string: Lua prints big numbers in floating point). */
function slotArg(attemptKey: string, claim: SlotClaim): string {
  return JSON.stringify({ key: claim.deliveryKey, attempt: attemptKey, interval: claim.spacingMs, since: String(claim.since), ttl: claim.ttlSeconds });
}

export class RedisRequestStore implements RequestStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {
    defineScript(redis, 'kuittausCreateOrJoin', { numberOfKeys: 6, lua: CREATE_OR_JOIN });
    defineScript(redis, 'kuittausUpdate', { numberOfKeys: 4, lua: UPDATE });
  }

  async createOrJoin(input: NewRequest, continuationWindowMs: number, intents: Intent[] = []): Promise<CreateOutcome> {
    const k = teamKeys(this.prefix, input.teamId);
    const draft = draftRequest(input);
    const { id: _id, ...fields } = encodeRequest(draft);
    const created: RequestEvent = {
      type: 'created',
      at: input.createdAt,
      ...(input.actorId ? { actorId: input.actorId } : {}),
      data: { trigger: input.trigger, priority: input.priority },
    };
    const joined: RequestEvent = { type: 'joined', at: input.createdAt, data: { ts: input.ts } };
    const [outcome, id, ...hash] = await this.redis.kuittausCreateOrJoin(
      k.message(input.channelId, input.ts),
      k.lastRequest(input.channelId, input.clientUserId),
      k.sequence,
      k.relay,
      k.timers,
      k.channelPace(input.channelId),
      k.requestPrefix,
      continuationWindowMs,
      input.createdAt,
      JSON.stringify(created),
      JSON.stringify(joined),
      input.ts,
      Date.now(),
      input.timer ? input.timer.fireAt : '',
      input.ackSlot ? slotArg(k.sendAttempt(input.ackSlot.deliveryKey), input.ackSlot) : '',
      intents.length,
      ...intents.map((i) => JSON.stringify(inLine(i))),
      ...Object.entries(fields).flat(),
      ...(input.timer ? ['timer', input.timer.name] : []),
    );
    if (outcome === 'duplicate') return { outcome, requestId: id };
    const [slot, ...pairs] = hash;
    // Created: as written (what a read would give, the codec's test says), without reading it back.
    const request = outcome === 'created' ? { ...draft, id } : decodeRequest(pairsToHash(pairs));
    if (!request) throw new Error(`request ${id} vanished right after ${outcome}`);
    return outcome === 'created' && input.ackSlot ? { outcome, request, ackSlot: Number(slot) } : { outcome, request };
  }

  async get(teamId: string, requestId: string): Promise<TrackedRequest | undefined> {
    const hash = await this.redis.hgetall(teamKeys(this.prefix, teamId).request(requestId));
    return decodeRequest(hash);
  }

  async findByMessage(teamId: string, channelId: string, ts: string): Promise<string | undefined> {
    return (await this.redis.get(teamKeys(this.prefix, teamId).message(channelId, ts))) ?? undefined;
  }

  async update(
    teamId: string,
    requestId: string,
    patch: RequestPatch,
    event: RequestEvent,
    guard?: Guard,
    promises: Promises = {},
  ): Promise<TrackedRequest | undefined> {
    const result = await this.apply(teamId, requestId, patch, event, guard, promises, true);
    return Array.isArray(result) ? decodeRequest(pairsToHash(result)) : undefined;
  }

  async record(teamId: string, requestId: string, patch: RequestPatch, event: RequestEvent, guard?: Guard, promises: Promises = {}): Promise<boolean> {
    return (await this.apply(teamId, requestId, patch, event, guard, promises, false)) !== null;
  }

  /** UPDATE; answers the hash after the change when `answer`, else 1; null when nothing applied. */
  private async apply(
    teamId: string,
    requestId: string,
    patch: RequestPatch,
    event: RequestEvent,
    guard: Guard | undefined,
    promises: Promises,
    answer: boolean,
  ): Promise<string[] | 1 | null> {
    const k = teamKeys(this.prefix, teamId);
    const pairs = patchPairs(patch);
    const intents = promises.intents ?? [];
    const relay = promises.relay ?? intents.length > 0;
    return this.redis.kuittausUpdate(
      k.request(requestId),
      k.requestLog(requestId),
      k.requestIntents(requestId),
      k.relay,
      JSON.stringify(event),
      guardArg(guard),
      bumpsRevision(patch) ? '1' : '0',
      relay ? Date.now() : '',
      promises.deadLetter ? promises.deadLetter.id : '',
      promises.deadLetter ? JSON.stringify(promises.deadLetter) : '',
      answer ? '1' : '',
      intents.length,
      ...intents.map((i) => JSON.stringify(inLine(i))),
      ...pairs,
    );
  }

  async moveChannel(teamId: string, from: string, to: string, at: number): Promise<string[]> {
    const k = teamKeys(this.prefix, teamId);
    const ids = new Set<string>();
    for await (const keys of scanKeys(this.redis, k.message(from, '*'), 500)) {
      for (const key of keys) {
        const id = await this.redis.get(key);
        if (id) ids.add(id);
        await this.redis.renamenx(key, k.message(to, key.slice(k.message(from, '').length))).catch(() => 0);
      }
    }
    const moved: string[] = [];
    for (const id of ids) {
      const request = await this.get(teamId, id);
      if (request?.channelId !== from) continue;
      const event: RequestEvent = { type: 'channel_moved', at, data: { from, to } };
      if (await this.update(teamId, id, { channelId: to }, event, undefined, { relay: true })) moved.push(id);
    }
    for (const [a, b] of [[k.channelSettings(from), k.channelSettings(to)], [k.channelLost(from), k.channelLost(to)]] as const) {
      await this.redis.renamenx(a, b).catch(() => 0); // absent: nothing to move
    }
    await this.redis.del(k.channel(from));
    const retention = await this.redis.hget(k.retentionOverrides, from);
    if (retention !== null) await this.redis.multi().hset(k.retentionOverrides, to, retention).hdel(k.retentionOverrides, from).exec();
    return moved;
  }

  async liveIds(teamId: string): Promise<string[]> {
    return this.redis.zrange(teamKeys(this.prefix, teamId).index('all', 'due'), 0, -1);
  }

  async liveIn(teamId: string, channelId: string): Promise<string[]> {
    return this.redis.zrange(teamKeys(this.prefix, teamId).index(`ch:${channelId}`, 'due'), 0, -1);
  }

  async linkMessage(teamId: string, channelId: string, ts: string, requestId: string): Promise<void> {
    await this.redis.set(teamKeys(this.prefix, teamId).message(channelId, ts), requestId, 'NX');
  }

  async events(teamId: string, requestId: string): Promise<RequestEvent[]> {
    const raw = await this.redis.lrange(teamKeys(this.prefix, teamId).requestLog(requestId), 0, -1);
    return raw.map((line) => JSON.parse(line) as RequestEvent);
  }
}
