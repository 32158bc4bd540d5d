/** CardBatches on Redis: one hash per triage channel, changed by the scripts of ./card-batch-scripts. */
import type { Result } from 'ioredis';
import type { CardBatches } from '../app/card-batch-port';
import type { Membership } from '../domain/card-batch';
import type { RedisClient } from './redis-client';
import { DONE_BATCH, JOIN_BATCH, POSTED_BATCH, SEAL_BATCH, SET_SLOT, SHOWN_ON_CARD } from './card-batch-scripts';
import { teamKeys } from './keys';
import { defineScript } from './script-command';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    kuittausJoinBatch(key: string, requestId: string, max: number): Result<[string, string, string, string], Context>;
    kuittausSealBatch(key: string, batch: number): Result<string, Context>;
    kuittausSetBatchSlot(key: string, batch: number, inMs: number): Result<number, Context>;
    kuittausPostedBatch(key: string, setKey: string, batch: number, ts: string, ...shown: Array<string | number>): Result<string, Context>;
    kuittausShownOnCard(key: string, ...shown: Array<string | number>): Result<number, Context>;
    kuittausDoneBatch(key: string, batch: number): Result<number, Context>;
  }
}

const members = (csv: string): string[] => (csv ? csv.split(',') : []);
const pairs = (shown: ReadonlyMap<string, number>): Array<string | number> => [...shown].flat();

export class RedisCardBatches implements CardBatches {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {
    defineScript(redis, 'kuittausJoinBatch', { numberOfKeys: 1, lua: JOIN_BATCH });
    defineScript(redis, 'kuittausSealBatch', { numberOfKeys: 1, lua: SEAL_BATCH });
    defineScript(redis, 'kuittausSetBatchSlot', { numberOfKeys: 1, lua: SET_SLOT });
    defineScript(redis, 'kuittausPostedBatch', { numberOfKeys: 2, lua: POSTED_BATCH });
    defineScript(redis, 'kuittausDoneBatch', { numberOfKeys: 1, lua: DONE_BATCH });
    defineScript(redis, 'kuittausShownOnCard', { numberOfKeys: 1, lua: SHOWN_ON_CARD });
  }

  private key(teamId: string, channelId: string): string {
    return teamKeys(this.prefix, teamId).cardBatches(channelId);
  }

  async join(teamId: string, channelId: string, requestId: string, max: number): Promise<Membership> {
    const [batch, driver, ts, slot] = await this.redis.kuittausJoinBatch(this.key(teamId, channelId), requestId, max);
    return { batch: Number(batch), driver: driver === '1', ...(ts ? { postedTs: ts } : {}), ...(slot ? { dueInMs: Number(slot) } : {}) };
  }

  async seal(teamId: string, channelId: string, batch: number): Promise<string[]> {
    return members(await this.redis.kuittausSealBatch(this.key(teamId, channelId), batch));
  }

  async setSlot(teamId: string, channelId: string, batch: number, inMs: number): Promise<void> {
    await this.redis.kuittausSetBatchSlot(this.key(teamId, channelId), batch, Math.round(inMs));
  }

  async posted(teamId: string, channelId: string, batch: number, ts: string, shown: ReadonlyMap<string, number> = new Map()): Promise<string[]> {
    const setKey = teamKeys(this.prefix, teamId).cardMembers(channelId, ts);
    return members(await this.redis.kuittausPostedBatch(this.key(teamId, channelId), setKey, batch, ts, ...pairs(shown)));
  }

  async done(teamId: string, channelId: string, batch: number): Promise<void> {
    await this.redis.kuittausDoneBatch(this.key(teamId, channelId), batch);
  }

  async cardMembers(teamId: string, channelId: string, ts: string): Promise<Map<string, number>> {
    const hash = await this.redis.hgetall(teamKeys(this.prefix, teamId).cardMembers(channelId, ts));
    return new Map(Object.entries(hash).map(([id, revision]) => [id, Number(revision)]));
  }

  async shown(teamId: string, channelId: string, ts: string, shown: ReadonlyMap<string, number>): Promise<void> {
    if (shown.size > 0) await this.redis.kuittausShownOnCard(teamKeys(this.prefix, teamId).cardMembers(channelId, ts), ...pairs(shown));
  }
}
