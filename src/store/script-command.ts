/**
 * Our Lua scripts as methods of a connection, as ioredis's `defineCommand` makes them, without
 * what `defineCommand` costs on every pipeline: ioredis copies each script a connection defines
 * onto every pipeline it builds, and with auto-pipelining it builds one each tick that sends a
 * command. With our 21 scripts that copy was the app's largest single allocation, and the
 * dictionaries it made outlived the young generation (at 200 events/s in `npm run bench`, 2026-11-27:
 * 6 % of what the app allocated, a fifth of what it promoted to the old generation).
 *
 * A script is sent by its SHA1 (EVALSHA, a command ioredis already knows). Redis answers NOSCRIPT
 * when it does not hold the script yet (a fresh or restarted server): it is then sent whole (EVAL),
 * which also loads it for the next calls. A script is atomic either way.
 *
 * On a Redis Cluster, scripts stay ioredis's `defineCommand`s: its auto-pipelines are made per
 * node, chosen by a command's first argument, which for EVALSHA is the SHA1 and not a key. A
 * script would then share a pipeline with commands of another node, and ioredis refuses such a
 * pipeline whole (a hostile review found holds, creations and records failing with unrelated
 * commands under concurrency; test/integration/infra/redis-cluster.test.ts).
 */
import { createHash } from 'node:crypto';
import { type RedisClient, isCluster } from './redis-client';

export interface ScriptDefinition {
  lua: string;
  /** How many of the arguments are keys; left out, the caller passes that count first. */
  numberOfKeys?: number;
}

/** Defines `redis[name](...args)`, unless the connection has it already (stores share connections). */
export function defineScript(redis: RedisClient, name: string, definition: ScriptDefinition): void {
  const target = redis as unknown as Record<string, unknown>;
  if (typeof target[name] === 'function') return;
  if (isCluster(redis)) {
    redis.defineCommand(name, definition.numberOfKeys === undefined ? { lua: definition.lua } : { numberOfKeys: definition.numberOfKeys, lua: definition.lua });
    return;
  }
  const sha = createHash('sha1').update(definition.lua).digest('hex');
  const { lua, numberOfKeys } = definition;
  target[name] = async (...args: Array<string | number>): Promise<unknown> => {
    const full = numberOfKeys === undefined ? args : [numberOfKeys, ...args];
    try {
      return await redis.evalsha(sha, ...(full as [number, ...Array<string | number>]));
    } catch (error) {
      if (!isNoScript(error)) throw error;
      return redis.eval(lua, ...(full as [number, ...Array<string | number>]));
    }
  };
}

const isNoScript = (error: unknown): boolean => error instanceof Error && error.message.startsWith('NOSCRIPT');
