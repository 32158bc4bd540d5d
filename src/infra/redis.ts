/**
 * ioredis connections: one standalone Redis, or a Redis Cluster (ioredis `Cluster`) when
 * REDIS_CLUSTER_NODES lists its nodes. BullMQ workers need maxRetriesPerRequest: null (they block).
 */
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { type RedisClient, dataNodes } from '../store/redis-client';

/** Where Redis is: config.redis's `url` and `clusterNodes` (empty: standalone). */
export interface RedisTarget {
  url: string;
  clusterNodes: ReadonlyArray<{ host: string; port: number }>;
}

export interface ConnectionOptions {
  /**
   * For the connection Slack's requests use: no offline queue and this command timeout (ms), so
   * that while Redis is unreachable a command fails at once instead of waiting for a reconnect,
   * and Slack gets a 5xx it can retry rather than a request that hangs past its 3 s.
   */
  failFastMs?: number;
  /**
   * For BullMQ's queues and workers, apart from our stores' connections, and without
   * auto-pipelining. BullMQ defines its 60-odd Lua scripts on the connection it is given, and
   * ioredis copies every script a connection defines onto each pipeline it makes (one a tick with
   * auto-pipelining): about 90 µs a pipeline with BullMQ's scripts and ours, 10 µs with ours
   * alone. BullMQ sends one script at a time, which a pipeline would only make dearer.
   */
  jobs?: boolean;
}

/**
 * Commands issued in the same tick leave in one write: with hundreds of events in flight, one
 * socket write per command was a tenth of the app's CPU (`BENCH_CPU_PROF=1 npm run bench`).
 * Blocking commands (BullMQ's workers wait on their own duplicated connection) never join a
 * pipeline, where they would hold back the commands queued behind them.
 */
const AUTO_PIPELINE = {
  enableAutoPipelining: true,
  autoPipeliningIgnoredCommands: ['bzpopmin', 'bzpopmax', 'brpoplpush', 'blmove', 'brpop', 'blpop', 'bzmpop', 'blmpop', 'xread', 'xreadgroup', 'wait'],
};

export function createRedis(target: RedisTarget, name: string, options: ConnectionOptions = {}): RedisClient {
  const perCommand: RedisOptions = options.failFastMs
    ? { enableOfflineQueue: false, commandTimeout: options.failFastMs, maxRetriesPerRequest: 0 }
    : { maxRetriesPerRequest: null };
  // Reconnect forever with a capped backoff: Redis restarts must heal by themselves.
  const retry = (times: number) => Math.min(times * 200, 5_000);
  const pipelining = options.jobs ? {} : AUTO_PIPELINE;
  if (target.clusterNodes.length === 0) {
    return new Redis(target.url, { connectionName: `kuittaus:${name}`, enableReadyCheck: true, retryStrategy: retry, ...pipelining, ...perCommand });
  }
  // A cluster: REDIS_URL gives every node's credentials and TLS, and its host is one more seed.
  const url = new URL(target.url);
  const seeds = [...target.clusterNodes, { host: url.hostname, port: Number(url.port || 6379) }];
  return new Cluster(seeds, {
    ...pipelining,
    clusterRetryStrategy: retry,
    enableReadyCheck: true,
    enableOfflineQueue: options.failFastMs ? false : true,
    redisOptions: {
      connectionName: `kuittaus:${name}`,
      ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
      ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
      ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
      ...perCommand,
    },
  });
}

/** Where Redis is, for messages: the URL without its password, or the cluster's nodes. */
export function describeTarget(target: RedisTarget): string {
  if (target.clusterNodes.length === 0) return `Redis at ${redactedUrl(target.url)}`;
  return `Redis Cluster at ${target.clusterNodes.map((n) => `${n.host}:${n.port}`).join(', ')}`;
}

/** The eviction policy, so start-up can warn when Redis may drop our records. */
export async function evictionPolicy(redis: RedisClient): Promise<string | undefined> {
  // On a cluster each master has its own: the first one that is not noeviction is the answer.
  const policies = await Promise.all(
    (await dataNodes(redis)).map(async (node) => {
      try {
        return ((await node.config('GET', 'maxmemory-policy')) as string[])[1];
      } catch {
        return undefined; // CONFIG is disabled on some managed Redis services.
      }
    }),
  );
  return policies.find((p) => p !== undefined && p !== 'noeviction') ?? policies.find((p) => p !== undefined);
}

/**
 * Resolves once Redis answers PING; rejects with a clear error after `timeoutMs`. At start-up an
 * unreachable Redis must fail loudly, not hang (afterwards ioredis reconnects by itself).
 */
export async function waitForRedis(redis: RedisClient, target: RedisTarget, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const reason = lastError ? `: ${lastError}` : '';
      const check = target.clusterNodes.length === 0 ? 'REDIS_URL' : 'REDIS_CLUSTER_NODES (and REDIS_URL for the password)';
      reject(new Error(`${describeTarget(target)} did not answer within ${timeoutMs} ms${reason}. Check ${check} and that Redis is running.`));
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

function readyOf(redis: RedisClient): Promise<void> {
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
