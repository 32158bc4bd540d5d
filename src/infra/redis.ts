/** ioredis connections. BullMQ workers need maxRetriesPerRequest: null (they block). */
import { Redis } from 'ioredis';

export function createRedis(url: string, name: string): Redis {
  return new Redis(url, {
    connectionName: `kuittaus:${name}`,
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    // Reconnect forever with a capped backoff: Redis restarts must heal by themselves.
    retryStrategy: (times) => Math.min(times * 200, 5_000),
  });
}

/** The eviction policy, so start-up can warn when Redis may drop our records. */
export async function evictionPolicy(redis: Redis): Promise<string | undefined> {
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
    return reply[1];
  } catch {
    return undefined; // CONFIG is disabled on some managed Redis services.
  }
}
