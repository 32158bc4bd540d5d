/**
 * Section 6: the app on a Redis Cluster (three masters, no replicas, on this machine) next to one
 * Redis, in the same run, both with AOF (appendfsync always) like section 1: event →
 * acknowledgement at one rate through the app in its own process, and Redis memory per open
 * request (used_memory Δ summed over the masters; keys per master). Every key of a workspace is
 * hash-tagged to one slot, so one workspace's requests live on one master: the cluster spreads
 * workspaces (and BullMQ's keys, tagged apart), not one workspace's requests.
 */
import { launchRedis } from '../test/support/redis/launch';
import { launchRedisCluster } from '../test/support/redis/cluster';
import type { SlackEmulator } from '../test/support/slack-emulator';
import { type AckRun, runKuittausAck, seedClients } from './ack-path';
import { kuittausEnv } from './app-child';
import { BulkRequests } from './bulk-requests';
import { type MemoryPoint, memoryPoint, usedMemory } from './request-memory';
import { scaleShape } from './scale';

export interface ClusterRow {
  redis: 'one Redis' | 'Redis Cluster, 3 masters';
  ack: AckRun;
  memory: MemoryPoint;
}

export interface ClusterResult {
  rate: number;
  requests: number;
  rows: ClusterRow[];
}

export async function runClusterComparison(slack: SlackEmulator, o: { rate: number; seconds: number; warmUpSeconds: number; requests: number; drainTimeoutMs: number }): Promise<ClusterResult> {
  seedClients(slack);
  const single = await launchRedis({ appendOnly: true });
  const cluster = await launchRedisCluster({ appendOnly: true });
  const rows: ClusterRow[] = [];
  try {
    const targets = [
      { redis: 'one Redis' as const, url: single.url, extra: {} as Record<string, string>, bulkOn: single.url as string | Array<{ host: string; port: number }> },
      {
        redis: 'Redis Cluster, 3 masters' as const,
        url: cluster.url,
        extra: { REDIS_CLUSTER_NODES: cluster.seeds },
        bulkOn: cluster.nodes.map((n) => ({ host: '127.0.0.1', port: n.port })),
      },
    ];
    for (const [i, t] of targets.entries()) {
      const env = kuittausEnv(slack.apiUrl, t.url, `cluster-ack${i}`, t.extra);
      const ack = await runKuittausAck({ slack, redisUrl: t.url, rates: [o.rate], seconds: o.seconds, warmUpSeconds: o.warmUpSeconds, rounds: 1, drainTimeoutMs: o.drainTimeoutMs }, env, o.rate, 600 + i);
      process.stderr.write(`  cluster section, ${t.redis}: ack p99 ${ack.p99} ms, ${ack.acked}/${ack.sent} acked\n`);
      const prefix = `cluster-mem${i}`;
      const bulk = new BulkRequests(t.bulkOn, prefix);
      try {
        await bulk.timers.queue.waitUntilReady();
        const empty = await usedMemory(bulk.redis);
        await bulk.create(0, o.requests, scaleShape(Date.now()));
        const memory = await memoryPoint(bulk.redis, prefix, o.requests, empty);
        process.stderr.write(`  cluster section, ${t.redis}: ${memory.bytesPerRequest} B per open request\n`);
        rows.push({ redis: t.redis, ack, memory });
      } finally {
        await bulk.close();
      }
    }
  } finally {
    await Promise.all([single.stop(), cluster.stop()]);
  }
  return { rate: o.rate, requests: o.requests, rows };
}
