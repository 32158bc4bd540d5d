/**
 * The key schema's version, and its migration at start-up. `<prefix>:schema` holds the version of
 * the layout the data is in (./keys); no such key means v1 (or nothing stored yet). Starting on
 * older data, one instance (holding `<prefix>:schema:lock`) renames every key to its new name,
 * one RENAME at a time (atomic each: a crash leaves every key under one name or the other, and the
 * next start carries on), then writes the version; the others wait for it. BullMQ's keys move
 * with the rest, so queued jobs and delayed timers stay where they were in their queues.
 *
 * v1 → v2: `<prefix>:<team>:…` → `<prefix>:{<team>}:…`, `<prefix>:bull:…` → `<prefix>:{bull}:…`,
 * `<prefix>:outbox:attempt:<delivery key>` → the attempt key of the team the delivery key names.
 *
 * A Redis Cluster cannot RENAME between slots: a cluster holding v1 keys is refused with a line
 * that says what to do (migrate on a standalone Redis first, see the README); an empty one starts
 * at the present version.
 */
import { randomUUID } from 'node:crypto';
import type { Result } from 'ioredis';
import { KEY_SCHEMA_VERSION, V1, bullPrefix, globalKeys, teamBase, teamKeys } from './keys';
import { type RedisClient, isCluster, scanKeys } from './redis-client';
import { defineScript } from './script-command';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    kuittausKeepLock(key: string, holder: string, ms: number): Result<number, Context>;
  }
}

/** Extends the lock only while it is still ours. */
const KEEP_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;

export interface SchemaOptions {
  /** How long the lock lasts without being extended (a crashed migrator's lock expires). Default 30 s. */
  lockMs?: number;
  /** How long an instance waits for another one's migration before giving up. Default 10 min. */
  waitMs?: number;
  /** Progress lines (every 10 000 keys renamed) and the summary. */
  log?: { info(obj: object, msg: string): void };
}

export interface SchemaOutcome {
  /** The version found (0 when Redis held nothing of ours yet). */
  from: number;
  to: number;
  /** Keys this instance renamed. */
  renamed: number;
}

export class KeySchemaError extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const glob = (s: string) => s.replace(/[*?[\]\\]/g, '\\$&');
/** The team a v1 delivery key names (`ack_T0123_R…`, `digest_T0123_U…_2026-W48` …). */
const TEAM_IN_DELIVERY_KEY = /(?:^|_)([TE][A-Z0-9]+)(?=_|$)/;

/** The v2 name of a v1 key, or undefined when the key is not a v1 key (v2 names never are). */
export function v2NameOf(prefix: string, key: string): string | undefined {
  const attempts = V1.attemptPrefix(prefix);
  if (key.startsWith(attempts)) {
    const deliveryKey = key.slice(attempts.length);
    const team = TEAM_IN_DELIVERY_KEY.exec(deliveryKey)?.[1];
    // An attempt naming no team is a hint kept 24 h: it is left to expire.
    return team ? teamKeys(prefix, team).sendAttempt(deliveryKey) : undefined;
  }
  const bull = V1.bullPrefix(prefix);
  if (key.startsWith(bull)) return `${bullPrefix(prefix)}:${key.slice(bull.length)}`;
  const team = V1.teamKey(prefix, key);
  return team ? `${teamBase(prefix, team.teamId)}:${team.rest}` : undefined;
}

/**
 * Brings the data to KEY_SCHEMA_VERSION before anything else reads or writes it; resolves once it
 * is there (migrated here or by another instance). Throws KeySchemaError when it cannot be.
 */
export async function ensureKeySchema(redis: RedisClient, prefix: string, options: SchemaOptions = {}): Promise<SchemaOutcome> {
  const keys = globalKeys(prefix);
  const lockMs = options.lockMs ?? 30_000;
  const deadline = Date.now() + (options.waitMs ?? 10 * 60_000);
  defineScript(redis, 'kuittausKeepLock', { numberOfKeys: 1, lua: KEEP_LOCK });
  for (;;) {
    const found = Number((await redis.get(keys.schema)) ?? 1);
    if (found === KEY_SCHEMA_VERSION) return { from: found, to: found, renamed: 0 };
    if (!(found >= 1) || found > KEY_SCHEMA_VERSION) {
      throw new KeySchemaError(
        `Redis holds key schema v${String(found)} under the prefix "${prefix}", and this version of Kuittaus knows v${KEY_SCHEMA_VERSION} at most: run the version that wrote it, or restore a backup taken before it`,
      );
    }
    const holder = randomUUID();
    if ((await redis.set(keys.schemaLock, holder, 'PX', lockMs, 'NX')) === 'OK') {
      try {
        // Another instance may have finished between our read and our lock.
        const now = Number((await redis.get(keys.schema)) ?? 1);
        if (now === KEY_SCHEMA_VERSION) return { from: now, to: now, renamed: 0 };
        const renamed = await migrateV1(redis, prefix, () => redis.kuittausKeepLock(keys.schemaLock, holder, lockMs), options.log);
        await redis.set(keys.schema, String(KEY_SCHEMA_VERSION));
        options.log?.info({ from: now, to: KEY_SCHEMA_VERSION, renamed }, renamed > 0 ? 'Redis keys migrated to the present key schema' : 'Redis key schema version recorded');
        return { from: renamed > 0 ? now : 0, to: KEY_SCHEMA_VERSION, renamed };
      } finally {
        await redis.eval(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`, 1, keys.schemaLock, holder);
      }
    }
    if (Date.now() > deadline) throw new KeySchemaError(`another instance has been migrating the Redis keys for too long (${keys.schemaLock} is held): is one stuck?`);
    await sleep(200);
  }
}

async function migrateV1(redis: RedisClient, prefix: string, keepLock: () => Promise<number>, log: SchemaOptions['log']): Promise<number> {
  let renamed = 0;
  let seen = 0;
  for await (const batch of scanKeys(redis, `${glob(prefix)}:*`)) {
    if ((seen += batch.length) >= 1000) {
      seen = 0;
      if ((await keepLock()) === 0) throw new KeySchemaError('lost the key schema lock while migrating (took longer than the lock lasts?)');
    }
    for (const key of batch) {
      const target = v2NameOf(prefix, key);
      if (target === undefined) continue;
      if (isCluster(redis)) {
        throw new KeySchemaError(
          `the Redis Cluster holds keys of the old key schema (v1, e.g. ${key}), which a cluster cannot rename between slots: migrate them on a standalone Redis first (start this version once against it), then move the data into the cluster (see the README, "Redis Cluster")`,
        );
      }
      // The new name taken already (a key written twice by different versions?): keep both, say so.
      if ((await redis.renamenx(key, target)) === 0) {
        log?.info({ key, target }, 'key schema migration: the new name exists already; the old key is left as it is');
        continue;
      }
      if (++renamed % 10_000 === 0) log?.info({ renamed }, 'key schema migration in progress');
    }
  }
  return renamed;
}
