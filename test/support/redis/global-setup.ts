/**
 * Jest global setup: one Redis for the whole run (workers inherit REDIS_URL), unless REDIS_URL
 * already points at one — then it only checks that it answers.
 */
import { Redis } from 'ioredis';
import { launchRedis, type LaunchedRedis } from './launch';

declare global {
  var __KUITTAUS_REDIS__: LaunchedRedis | undefined;
}

async function check(url: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new Error(`REDIS_URL=${url} does not answer (${error instanceof Error ? error.message : String(error)}); unset it to let the tests start their own redis-server`, {
      cause: error,
    });
  } finally {
    // A client whose connection already failed has nothing to close (and would hold a 2 s timer).
    if (client.status !== 'end') client.disconnect();
  }
}

export default async function globalSetup(): Promise<void> {
  if (process.env.REDIS_URL) return check(process.env.REDIS_URL);
  const redis = await launchRedis();
  globalThis.__KUITTAUS_REDIS__ = redis;
  process.env.REDIS_URL = redis.url;
}
