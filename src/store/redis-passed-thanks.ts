/** PassedThanks on Redis: one key per channel and week, holding who passed the thanks on. */
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

  async by(teamId: string, channelId: string, week: string): Promise<string | undefined> {
    return (await this.redis.get(teamKeys(this.prefix, teamId).thanksPassed(channelId, week))) ?? undefined;
  }

  async record(teamId: string, channelId: string, week: string, userId: string): Promise<void> {
    await this.redis.set(teamKeys(this.prefix, teamId).thanksPassed(channelId, week), userId, 'EX', THANKS_TTL_SECONDS, 'NX');
  }
}
