/** ioredis connections. BullMQ workers need maxRetriesPerRequest: null (they block). */
import { Redis } from 'ioredis';

export interface ConnectionOptions {
  /**
   * For the connection Slack's requests use: no offline queue and this command timeout (ms), so
   * that while Redis is unreachable a command fails at once instead of waiting for a reconnect,
   * and Slack gets a 5xx it can retry rather than a request that hangs past its 3 s.
   */
  failFastMs?: number;
}

export function createRedis(url: string, name: string, options: ConnectionOptions = {}): Redis {
  return new Redis(url, {
    connectionName: `kuittaus:${name}`,
    enableReadyCheck: true,
    // Reconnect forever with a capped backoff: Redis restarts must heal by themselves.
    retryStrategy: (times) => Math.min(times * 200, 5_000),
    ...(options.failFastMs
      ? { enableOfflineQueue: false, commandTimeout: options.failFastMs, maxRetriesPerRequest: 0 }
      : { maxRetriesPerRequest: null }),
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

/**
 * Resolves once Redis answers PING; rejects with a clear error after `timeoutMs`. At start-up an
 * unreachable Redis must fail loudly, not hang (afterwards ioredis reconnects by itself).
 */
export async function waitForRedis(redis: Redis, url: string, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const reason = lastError ? `: ${lastError}` : '';
      reject(new Error(`Redis at ${redactedUrl(url)} did not answer within ${timeoutMs} ms${reason}. Check REDIS_URL and that Redis is running.`));
    }, timeoutMs);
  });
  let lastError: string | undefined;
  const onError = (error: Error) => (lastError = error.message);
  redis.on('error', onError);
  // A fail-fast connection refuses commands until it is ready: wait for that instead of a PING.
  const answered = redis.options.enableOfflineQueue === false ? readyOf(redis) : redis.ping();
  try {
    await Promise.race([answered, timeout]);
  } finally {
    clearTimeout(timer);
    redis.off('error', onError);
  }
}

function readyOf(redis: Redis): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => redis.once('ready', () => resolve()));
}

/** The URL without its password, for messages. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'REDIS_URL';
  }
}
