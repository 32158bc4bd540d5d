/** Where a request is still named under a key prefix: key names, and what every key holds. */
import type { Redis } from 'ioredis';

/**
 * Every key under `prefix` whose name or content (members, fields, values, list items) contains
 * one of `needles`, as "key (how)". BullMQ's event streams are left out: capped logs of job ids
 * that BullMQ trims itself.
 */
export async function keysNaming(redis: Redis, prefix: string, needles: string[]): Promise<string[]> {
  const found: string[] = [];
  const hit = (s: string) => needles.some((n) => s.includes(n));
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      if (hit(key)) {
        found.push(`${key} (name)`);
        continue;
      }
      const type = await redis.type(key);
      const content =
        type === 'string' ? [(await redis.get(key)) ?? '']
        : type === 'hash' ? await redis.hgetall(key).then((h) => Object.entries(h).flat())
        : type === 'zset' ? await redis.zrange(key, 0, -1)
        : type === 'set' ? await redis.smembers(key)
        : type === 'list' ? await redis.lrange(key, 0, -1)
        : [];
      if (content.some(hit)) found.push(`${key} (${type})`);
    }
  } while (cursor !== '0');
  return found;
}
