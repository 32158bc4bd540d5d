/** DeadLetters on Redis: one hash per team, job id → DeadLetter JSON (also written by UPDATE). */
import type { RedisClient } from './redis-client';
import type { DeadLetter, DeadLetters } from '../app/ports';
import { teamKeys } from './keys';

export class RedisDeadLetters implements DeadLetters {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  async add(teamId: string, letter: DeadLetter): Promise<void> {
    await this.redis.hset(teamKeys(this.prefix, teamId).deadLetters, letter.id, JSON.stringify(letter));
  }

  async list(teamId: string): Promise<DeadLetter[]> {
    const all = await this.redis.hvals(teamKeys(this.prefix, teamId).deadLetters);
    return all.map((raw) => JSON.parse(raw) as DeadLetter).sort((a, b) => a.at - b.at);
  }

  async remove(teamId: string, ids: string[]): Promise<void> {
    if (ids.length > 0) await this.redis.hdel(teamKeys(this.prefix, teamId).deadLetters, ...ids);
  }
}
