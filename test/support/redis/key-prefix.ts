/** Each test file isolates itself on the shared Redis with its own key prefix. */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** "kt-test-<name>-<8 hex>" (name reduced to letters, digits, _ and -). */
export function uniqueKeyPrefix(name: string): string {
  return `kt-test-${name.replace(/[^A-Za-z0-9_-]/g, '-')}-${randomBytes(4).toString('hex')}`;
}

const globEscape = (s: string) => s.replace(/[*?[\]\\]/g, '\\$&');

/** Deletes (UNLINK) every key starting with the prefix, found with SCAN; returns how many. */
export async function deleteKeysWithPrefix(redisUrl: string, prefix: string): Promise<number> {
  if (prefix === '') throw new Error('refusing to delete every key: empty prefix');
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${globEscape(prefix)}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    if (redis.status !== 'end') redis.disconnect();
  }
  return deleted;
}
