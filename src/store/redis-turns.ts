/** Turns on Redis: an INCR per channel, so instances share one rotation. */
import type { RedisClient } from './redis-client';
import type { Turns } from '../app/ports';
import { teamKeys } from './keys';

export class RedisTurns implements Turns {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  async next(teamId: string, channelId: string): Promise<number> {
    return (await this.redis.incr(teamKeys(this.prefix, teamId).assignTurn(channelId))) - 1;
  }
}
