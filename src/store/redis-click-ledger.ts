/** ClickLedger on Redis: one key per click handled, kept for a day (prompts are answered sooner). */
import type { RedisClient } from './redis-client';
import type { ClickLedger } from '../app/ports';
import { teamKeys } from './keys';

const CLICK_TTL_SECONDS = 24 * 3600;

export class RedisClickLedger implements ClickLedger {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  async claim(teamId: string, key: string): Promise<boolean> {
    return (await this.redis.set(teamKeys(this.prefix, teamId).click(key), '1', 'EX', CLICK_TTL_SECONDS, 'NX')) === 'OK';
  }

  async release(teamId: string, key: string): Promise<void> {
    await this.redis.del(teamKeys(this.prefix, teamId).click(key));
  }
}
