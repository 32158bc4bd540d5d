/**
 * Is Redis a system of record we can trust? Persistence (AOF or RDB save points, from `INFO
 * persistence` and `CONFIG GET save`) and writability (a real write: an OOM or READONLY answer
 * means no request could be recorded). Used at start-up (a loud warning) and by /readyz.
 */
import type { Redis } from 'ioredis';
import { type RedisClient, dataNodes, isCluster } from '../store/redis-client';
import type { Logger } from 'pino';
import type { NotReady, ReadinessCheck } from './health';

export type PersistenceKind = 'aof' | 'rdb' | 'none' | 'unknown';

export interface Persistence {
  kind: PersistenceKind;
  /** What was seen, for logs and /readyz. */
  detail: string;
}

/** From the `INFO persistence` text and the `save` setting (undefined when CONFIG is disabled). */
export function persistenceFrom(info: string, savePoints: string | undefined): Persistence {
  const aof = /^aof_enabled:(\d)/m.exec(info)?.[1];
  if (aof === '1') return { kind: 'aof', detail: 'appendonly yes' };
  if (savePoints === undefined) return { kind: 'unknown', detail: 'appendonly no; the RDB save points cannot be read (CONFIG is disabled)' };
  if (savePoints.trim() !== '') return { kind: 'rdb', detail: `appendonly no; RDB save points "${savePoints.trim()}"` };
  return { kind: 'none', detail: 'appendonly no and no RDB save points' };
}

export async function readPersistence(redis: Redis): Promise<Persistence> {
  const info = await redis.info('persistence');
  let savePoints: string | undefined;
  try {
    savePoints = ((await redis.config('GET', 'save')) as string[])[1] ?? '';
  } catch {
    savePoints = undefined; // CONFIG is disabled on some managed Redis services.
  }
  return persistenceFrom(info, savePoints);
}

const RISK: Record<PersistenceKind, number> = { none: 3, unknown: 2, rdb: 1, aof: 0 };

/** The persistence of every master (a cluster's each has its own settings): the least durable one. */
export async function readWeakestPersistence(redis: RedisClient): Promise<Persistence> {
  const nodes = await dataNodes(redis);
  const seen = await Promise.all(nodes.map(readPersistence));
  let weakest = 0;
  seen.forEach((p, i) => {
    if (RISK[p.kind] > RISK[(seen[weakest] as Persistence).kind]) weakest = i;
  });
  const found = seen[weakest] as Persistence;
  if (!isCluster(redis)) return found;
  const node = nodes[weakest] as Redis;
  return { kind: found.kind, detail: `${found.detail} (on ${node.options.host}:${node.options.port}, the least durable of ${nodes.length} masters)` };
}

/** The reason persistence makes us not ready, or undefined when it is acceptable. */
export function persistenceProblem(persistence: Persistence, allowNoPersistence: boolean): string | undefined {
  if (persistence.kind !== 'none' || allowNoPersistence) return undefined;
  return `Redis has no persistence (${persistence.detail}): a restart would lose every request and timer. Turn on appendonly yes, or set REDIS_ALLOW_NO_PERSISTENCE=true to accept the risk`;
}

/** Writes (and expires) a key of this instance: undefined when Redis took it, else why not. */
export async function writeProblem(redis: RedisClient, key: string): Promise<string | undefined> {
  try {
    await redis.set(key, String(Date.now()), 'PX', 60_000);
    return undefined;
  } catch (error) {
    return `Redis refused a write: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Start-up: a loud warning when Redis keeps nothing on disk (or cannot tell). */
export async function warnWhenNotDurable(redis: RedisClient, log: Logger, allowNoPersistence: boolean): Promise<void> {
  const persistence = await readWeakestPersistence(redis);
  if (persistence.kind === 'none') {
    log.warn(
      { persistence: persistence.detail, accepted: allowNoPersistence },
      allowNoPersistence
        ? 'Redis has no persistence: a Redis restart loses every request and timer (accepted by REDIS_ALLOW_NO_PERSISTENCE)'
        : 'Redis has no persistence: a Redis restart loses every request and timer; /readyz answers 503 until appendonly is on or REDIS_ALLOW_NO_PERSISTENCE=true',
    );
  } else if (persistence.kind === 'unknown') {
    log.warn({ persistence: persistence.detail }, 'Redis persistence could not be checked: make sure AOF or RDB snapshots are on');
  }
}

/** /readyz: Redis takes a write (`redis`), and keeps what it takes (`persistence`), asked afresh each time. */
export function redisReadiness(redis: RedisClient, writeKey: string, allowNoPersistence: boolean): ReadinessCheck[] {
  const verdict = (reason: string | undefined): true | NotReady => (reason ? { ok: false, reason } : true);
  return [
    { name: 'redis', check: async () => verdict(await writeProblem(redis, writeKey)) },
    { name: 'persistence', check: async () => verdict(persistenceProblem(await readWeakestPersistence(redis), allowNoPersistence)) },
  ];
}
