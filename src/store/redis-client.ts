/**
 * One type for the two kinds of connection the app makes: a standalone Redis or a Redis Cluster
 * (ioredis `Cluster`, when REDIS_CLUSTER_NODES is set). Their commands are the same; what differs
 * is what spans the whole keyspace (SCAN, INFO, CONFIG), which goes to every master of a cluster.
 */
import { Cluster, type Redis } from 'ioredis';

export type RedisClient = Redis | Cluster;

/**
 * The servers that hold data: the cluster's masters, or the one Redis. A cluster client knows its
 * masters once it has read the slots: until then a PING waits for that (or fails, on a fail-fast
 * connection, as any command would).
 */
export async function dataNodes(redis: RedisClient): Promise<Redis[]> {
  if (!(redis instanceof Cluster)) return [redis];
  if (redis.status !== 'ready') await redis.ping();
  return redis.nodes('master');
}

/** Every key matching a glob pattern, in batches, on every master (SCAN: nothing blocks Redis). */
export async function* scanKeys(redis: RedisClient, match: string, count = 1000): AsyncGenerator<string[]> {
  for (const node of await dataNodes(redis)) {
    for await (const keys of node.scanStream({ match, count }) as AsyncIterable<string[]>) {
      if (keys.length > 0) yield keys;
    }
  }
}

export function isCluster(redis: RedisClient): redis is Cluster {
  return redis instanceof Cluster;
}
