/** ClientLine on Redis: a set per request of the orders of client messages that are done. */
import type { RedisClient } from './redis-client';
import type { ClientLine } from '../app/ports';
import { teamKeys } from './keys';

export class RedisClientLine implements ClientLine {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  async done(teamId: string, requestId: string, order: number): Promise<boolean> {
    return (await this.redis.sismember(teamKeys(this.prefix, teamId).requestLineDone(requestId), String(order))) === 1;
  }

  async markDone(teamId: string, requestId: string, order: number): Promise<void> {
    await this.redis.sadd(teamKeys(this.prefix, teamId).requestLineDone(requestId), String(order));
  }
}
