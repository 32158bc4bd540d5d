/**
 * Starts a throwaway Redis Cluster for tests: three masters (no replicas) on free 127.0.0.1 ports,
 * each a redis-server of ./launch with `cluster-enabled yes` (its bus on a free port of its own),
 * joined by `redis-cli --cluster create`; resolves once every node reports `cluster_state:ok`.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type LaunchedRedis, freePort, launchRedis } from './launch';

const execute = promisify(execFile);
/** redis-cli, not under a preloaded library of the test run (libfaketime in scripts/test-at.sh), as ./launch runs redis-server. */
const run = (file: string, args: string[]) => {
  const { LD_PRELOAD: _preload, ...env } = process.env;
  return execute(file, args, { env });
};
const READY_TIMEOUT_MS = 15_000;

export interface LaunchedCluster {
  nodes: LaunchedRedis[];
  /** For REDIS_CLUSTER_NODES: `127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3`. */
  seeds: string;
  /** redis://127.0.0.1:<first node's port>, for REDIS_URL. */
  url: string;
  /** Stops every node and removes their directories. Idempotent. */
  stop(): Promise<void>;
}

async function clusterInfo(port: number): Promise<string> {
  try {
    return (await run('redis-cli', ['-p', String(port), 'cluster', 'info'])).stdout;
  } catch {
    return '';
  }
}

export async function launchRedisCluster(options: { masters?: number; appendOnly?: boolean } = {}): Promise<LaunchedCluster> {
  const count = options.masters ?? 3;
  const nodes: LaunchedRedis[] = [];
  const stop = () => Promise.all(nodes.map((n) => n.stop())).then(() => undefined);
  try {
    for (let i = 0; i < count; i++) {
      const bus = await freePort();
      nodes.push(
        await launchRedis({
          appendOnly: options.appendOnly ?? false,
          extraArgs: () => ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-port', String(bus), '--cluster-node-timeout', '5000'],
        }),
      );
    }
    const addresses = nodes.map((n) => `127.0.0.1:${n.port}`);
    await run('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes']);
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      const states = await Promise.all(nodes.map((n) => clusterInfo(n.port)));
      if (states.every((s) => /cluster_state:ok/.test(s) && /cluster_known_nodes:(\d+)/.exec(s)?.[1] === String(count))) break;
      if (Date.now() > deadline) throw new Error(`the test cluster did not reach cluster_state:ok within ${READY_TIMEOUT_MS} ms: ${states.join(' | ')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return { nodes, seeds: addresses.join(','), url: `redis://${addresses[0]}`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
