/** EventLedger on Redis: one short-lived key per Slack event id. */
import type { RedisClient } from './redis-client';
import type { EventLedger } from '../app/ports';
import { globalKeys } from './keys';

/** Slack retries for about an hour at most; keep ids a little longer. */
const EVENT_TTL_SECONDS = 2 * 3600;

export class RedisEventLedger implements EventLedger {
  private readonly keys;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.keys = globalKeys(prefix);
  }

  async claim(eventId: string): Promise<boolean> {
    return (await this.redis.set(this.keys.event(eventId), '1', 'EX', EVENT_TTL_SECONDS, 'NX')) === 'OK';
  }

  async release(eventId: string): Promise<void> {
    await this.redis.del(this.keys.event(eventId));
  }
}
