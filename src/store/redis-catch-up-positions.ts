/** CatchUpPositions on Redis: one hash per team (channel → JSON), and a marker that spaces periodic rounds. */
import type { RedisClient } from './redis-client';
import type { CatchUpPositions, StoredPosition } from '../app/catch-up/ports';
import { teamKeys } from './keys';

export class RedisCatchUpPositions implements CatchUpPositions {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  async all(teamId: string): Promise<Map<string, StoredPosition>> {
    const key = teamKeys(this.prefix, teamId).catchUpPositions;
    const raw = await this.redis.hgetall(key);
    const out = new Map<string, StoredPosition>();
    const damaged: string[] = [];
    for (const [channelId, json] of Object.entries(raw)) {
      const parsed = parse(json);
      if (parsed) out.set(channelId, parsed);
      else damaged.push(channelId);
    }
    // A damaged entry starts again from now, like a channel seen for the first time.
    if (damaged.length > 0) await this.redis.hdel(key, ...damaged);
    return out;
  }

  async save(teamId: string, channelId: string, stored: StoredPosition): Promise<void> {
    await this.redis.hset(teamKeys(this.prefix, teamId).catchUpPositions, channelId, JSON.stringify(stored));
  }

  async saveFirst(teamId: string, channelId: string, stored: StoredPosition): Promise<void> {
    await this.redis.hsetnx(teamKeys(this.prefix, teamId).catchUpPositions, channelId, JSON.stringify(stored));
  }

  async claimPeriodicRound(teamId: string, withinMs: number): Promise<boolean> {
    const set = await this.redis.set(teamKeys(this.prefix, teamId).catchUpRound, '1', 'PX', Math.max(1, Math.round(withinMs)), 'NX');
    return set === 'OK';
  }

  async deferPeriodicRounds(teamId: string, ms: number): Promise<void> {
    await this.redis.set(teamKeys(this.prefix, teamId).catchUpRound, '1', 'PX', Math.max(1, Math.round(ms)));
  }
}

function parse(json: string): StoredPosition | undefined {
  try {
    const value = JSON.parse(json) as StoredPosition;
    return typeof value?.position?.after === 'string' && typeof value.checkedAt === 'number' ? value : undefined;
  } catch {
    return undefined;
  }
}
