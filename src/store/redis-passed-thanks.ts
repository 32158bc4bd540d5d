/** PassedThanks on Redis: a hash per channel and week, `by` (the first click) and `posted`. */
import type { RedisClient } from './redis-client';
import type { PassedThanks } from '../app/ports';
import { teamKeys } from './keys';

/** Long after anyone would click a digest's button again. */
const THANKS_TTL_SECONDS = 90 * 24 * 3600;

export class RedisPassedThanks implements PassedThanks {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  private key(teamId: string, channelId: string, week: string): string {
    return teamKeys(this.prefix, teamId).thanksPassed(channelId, week);
  }

  async claim(teamId: string, channelId: string, week: string, userId: string): Promise<{ by: string; posted: boolean }> {
    const key = this.key(teamId, channelId, week);
    const results = await this.redis.multi().hsetnx(key, 'by', userId).expire(key, THANKS_TTL_SECONDS).hmget(key, 'by', 'posted').exec();
    const [by, posted] = (results?.[2]?.[1] ?? []) as Array<string | null>;
    return { by: by ?? userId, posted: posted === '1' };
  }

  async state(teamId: string, channelId: string, week: string): Promise<{ by?: string; posted: boolean }> {
    const [by, posted] = await this.redis.hmget(this.key(teamId, channelId, week), 'by', 'posted');
    return { ...(by ? { by } : {}), posted: posted === '1' };
  }

  async markPosted(teamId: string, channelId: string, week: string): Promise<void> {
    const key = this.key(teamId, channelId, week);
    await this.redis.multi().hset(key, 'posted', '1').expire(key, THANKS_TTL_SECONDS).exec();
  }
}
