/** HomeViewers on Redis: a set of the users who opened App Home. */
import type { RedisClient } from './redis-client';
import type { HomeViewers } from '../app/ports';
import { teamKeys } from './keys';

export class RedisHomeViewers implements HomeViewers {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  async add(teamId: string, userId: string): Promise<void> {
    await this.redis.sadd(teamKeys(this.prefix, teamId).homeViewers, userId);
  }

  async has(teamId: string, userId: string): Promise<boolean> {
    return (await this.redis.sismember(teamKeys(this.prefix, teamId).homeViewers, userId)) === 1;
  }
}
