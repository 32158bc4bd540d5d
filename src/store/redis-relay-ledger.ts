/**
 * RelayLedger on Redis: the intents a change recorded (a sorted set per request, in order) and
 * the team's relay set of requests whose change is not yet handed on (score = real ms marked).
 */
import type { Result } from 'ioredis';
import type { RedisClient } from './redis-client';
import { CREATED_RELAY_GEN, type Intent, type PendingRelay, type RelayLedger } from '../app/ports';
import { teamKeys } from './keys';
import { decodeRequest, pairsToHash } from './request-codec';
import { PENDING_RELAY, SETTLE_ACKNOWLEDGED, SETTLE_RELAY } from './request-scripts';
import { defineScript } from './script-command';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    kuittausSettleRelay(...args: Array<string | number>): Result<number, Context>;
    kuittausPendingRelay(...args: Array<string | number>): Result<[string[], string[]], Context>;
    kuittausSettleAcknowledged(...args: Array<string | number>): Result<number, Context>;
  }
}

export class RedisRelayLedger implements RelayLedger {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {
    defineScript(redis, 'kuittausSettleRelay', { numberOfKeys: 3, lua: SETTLE_RELAY });
    defineScript(redis, 'kuittausPendingRelay', { numberOfKeys: 2, lua: PENDING_RELAY });
    defineScript(redis, 'kuittausSettleAcknowledged', { numberOfKeys: 4, lua: SETTLE_ACKNOWLEDGED });
  }

  async pending(teamId: string, requestId: string): Promise<PendingRelay> {
    const k = teamKeys(this.prefix, teamId);
    // One step: the request read with the generation, so that what the relay plans from it is
    // the state of that generation (and nobody reads it again).
    const [pairs, raws] = await this.redis.kuittausPendingRelay(k.request(requestId), k.requestIntents(requestId));
    const hash = pairsToHash(pairs);
    return {
      generation: hash.relayGen ?? '0',
      intents: raws.map((raw) => ({ raw, intent: JSON.parse(raw) as Intent })),
      request: decodeRequest(hash),
    };
  }

  async settle(teamId: string, requestId: string, pending: PendingRelay): Promise<boolean> {
    const k = teamKeys(this.prefix, teamId);
    const cleared = await this.redis.kuittausSettleRelay(
      k.request(requestId),
      k.requestIntents(requestId),
      k.relay,
      requestId,
      pending.generation,
      ...pending.intents.map((i) => i.raw),
    );
    return cleared === 1;
  }

  async settleAcknowledged(teamId: string, requestId: string): Promise<boolean> {
    const k = teamKeys(this.prefix, teamId);
    const settled = await this.redis.kuittausSettleAcknowledged(k.request(requestId), k.requestIntents(requestId), k.relay, k.requestLineDone(requestId), requestId, CREATED_RELAY_GEN);
    return settled === 1;
  }

  async stale(teamId: string, olderThanMs: number, limit: number): Promise<string[]> {
    const k = teamKeys(this.prefix, teamId);
    const now = Date.now();
    const ids = await this.redis.zrangebyscore(k.relay, '-inf', now - olderThanMs, 'LIMIT', 0, limit);
    if (ids.length > 0) await this.redis.zadd(k.relay, 'XX', ...ids.flatMap((id) => [now, id]));
    return ids;
  }
}
