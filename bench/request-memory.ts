/**
 * Section 2: Redis memory per open request, its timer jobs and index entries included:
 * INFO used_memory delta / count, and MEMORY USAGE of every key under the prefix, grouped by
 * what it holds.
 */
import { type RedisClient, dataNodes } from '../src/store/redis-client';

export interface MemoryPoint {
  requests: number;
  /** used_memory delta since the empty store, per request. */
  bytesPerRequest: number;
  /** MEMORY USAGE summed per part, per request. */
  parts: Record<string, number>;
  keysPerRequest: number;
  /** Keys under the prefix on each master (one entry on a single Redis). */
  keysPerNode?: number[];
}

/** used_memory, summed over a cluster's masters. */
export async function usedMemory(redis: RedisClient): Promise<number> {
  let sum = 0;
  for (const node of await dataNodes(redis)) sum += Number(/used_memory:(\d+)/.exec(await node.info('memory'))?.[1]);
  return sum;
}

const PARTS: Array<[string, RegExp]> = [
  ['request hash', /:req:[^:]+$/],
  ['event log', /:req:[^:]+:log$/],
  ['timer-id set (before 2026-11)', /:req:[^:]+:timers$/],
  ['message index', /:msg:/],
  ['status indexes', /:idx:/],
  ['pending timers (team sorted set)', /:\{[^}]+\}:timers$/],
  ['timer jobs (hash per job)', /:\{bull\}:timers:[a-z_]+_T[^:]*$/],
  ['timer queue (delayed set, events…)', /:\{bull\}:timers:/],
];

const partOf = (key: string) => PARTS.find(([, re]) => re.test(key))?.[0] ?? 'other';

/** MEMORY USAGE (exact: SAMPLES 0) of every key under the prefix, summed per part. */
export async function memoryByPart(redis: RedisClient, prefix: string): Promise<{ parts: Record<string, number>; keys: number; keysPerNode: number[] }> {
  const parts: Record<string, number> = {};
  let keys = 0;
  const keysPerNode: number[] = [];
  // Each master's own keys, sized by that master (a cluster's MEMORY USAGE must go where the key is).
  for (const node of await dataNodes(redis)) {
    let onNode = 0;
    let cursor = '0';
    do {
      const [next, batch] = await node.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 2000);
      cursor = next;
      onNode += batch.length;
      const sizes = await Promise.all(batch.map((k) => node.call('MEMORY', 'USAGE', k, 'SAMPLES', '0') as Promise<number | null>));
      batch.forEach((k, i) => {
        const part = partOf(k);
        parts[part] = (parts[part] ?? 0) + (sizes[i] ?? 0);
      });
    } while (cursor !== '0');
    keys += onNode;
    keysPerNode.push(onNode);
  }
  return { parts, keys, keysPerNode };
}

export async function memoryPoint(redis: RedisClient, prefix: string, requests: number, baseline: number): Promise<MemoryPoint> {
  const used = await usedMemory(redis);
  const { parts, keys, keysPerNode } = await memoryByPart(redis, prefix);
  const perRequest = Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, Math.round(v / requests)]));
  return { requests, bytesPerRequest: Math.round((used - baseline) / requests), parts: perRequest, keysPerRequest: Math.round((keys / requests) * 100) / 100, keysPerNode };
}
