/**
 * What differs on a Redis Cluster (three masters started by test/support/redis/cluster.ts): the
 * client from REDIS_CLUSTER_NODES, what spans the keyspace (SCAN, persistence, eviction policy)
 * asked of every master, the key schema migration, which cannot rename between slots, and the
 * stores' scripts sent next to commands of other masters.
 */
import { Redis } from 'ioredis';
import { createRedis, evictionPolicy, waitForRedis, type RedisTarget } from '../../../src/infra/redis';
import { readWeakestPersistence, warnWhenNotDurable } from '../../../src/infra/redis-durability';
import { KEY_SCHEMA_VERSION, globalKeys } from '../../../src/store/keys';
import { KeySchemaError, ensureKeySchema } from '../../../src/store/key-schema';
import { type RedisClient, dataNodes, scanKeys } from '../../../src/store/redis-client';
import { RedisIntakeHold } from '../../../src/store/redis-intake-hold';
import { RedisRelayLedger } from '../../../src/store/redis-relay-ledger';
import { RedisRequestStore } from '../../../src/store/redis-request-store';
import { type LaunchedCluster, launchRedisCluster } from '../../support/redis/cluster';

let cluster: LaunchedCluster;
let target: RedisTarget;
const clients: RedisClient[] = [];
const connect = (failFastMs?: number) => {
  const client = createRedis(target, 'test', failFastMs ? { failFastMs } : {});
  clients.push(client);
  return client;
};
const nodeClient = (port: number) => {
  const client = new Redis(port, '127.0.0.1');
  clients.push(client);
  return client;
};

beforeAll(async () => {
  cluster = await launchRedisCluster();
  target = { url: cluster.url, clusterNodes: cluster.nodes.map((n) => ({ host: '127.0.0.1', port: n.port })) };
}, 30_000);
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await cluster?.stop();
});

it('when REDIS_CLUSTER_NODES is set, then every connection is a cluster client that follows the slots, fail-fast ones too', async () => {
  for (const redis of [connect(), connect(500)]) {
    await waitForRedis(redis, target, 5_000);
    expect(await dataNodes(redis)).toHaveLength(3);
    // Keys in different slots, each sent to the master that holds it.
    for (let i = 0; i < 20; i++) await redis.set(`kt-cluster-conn:${i}`, String(i));
    expect(await Promise.all(Array.from({ length: 20 }, (_, i) => redis.get(`kt-cluster-conn:${i}`)))).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
  }
});

it('when keys are scanned, then every master is asked', async () => {
  const redis = connect();
  const found: string[] = [];
  for await (const keys of scanKeys(redis, 'kt-cluster-conn:*')) found.push(...keys);
  expect(found).toHaveLength(20);
  const perNode = await Promise.all(cluster.nodes.map((n) => nodeClient(n.port).dbsize()));
  expect(perNode.filter((n) => n > 0).length).toBeGreaterThan(1);
});

it('when one master keeps nothing on disk, then persistence counts as none and start-up warns about it', async () => {
  const redis = connect();
  const [first, ...others] = cluster.nodes.map((n) => nodeClient(n.port));
  for (const node of others) await node.config('SET', 'appendonly', 'yes');
  try {
    const weakest = await readWeakestPersistence(redis);
    expect(weakest.kind).toBe('none');
    expect(weakest.detail).toContain(`127.0.0.1:${cluster.nodes[0]?.port}, the least durable of 3 masters`);
    const warnings: string[] = [];
    await warnWhenNotDurable(redis, { warn: (_o: unknown, msg: string) => warnings.push(msg) } as never, false);
    expect(warnings).toEqual([expect.stringMatching(/^Redis has no persistence/)]);
    await first?.config('SET', 'appendonly', 'yes');
    expect((await readWeakestPersistence(redis)).kind).toBe('aof');
  } finally {
    for (const node of [first, ...others]) await node?.config('SET', 'appendonly', 'no');
  }
});

it('when one master may evict, then its policy is the one reported', async () => {
  const redis = connect();
  expect(await evictionPolicy(redis)).toBe('noeviction');
  const last = nodeClient(cluster.nodes[2]?.port as number);
  await last.config('SET', 'maxmemory-policy', 'allkeys-lru');
  try {
    expect(await evictionPolicy(redis)).toBe('allkeys-lru');
  } finally {
    await last.config('SET', 'maxmemory-policy', 'noeviction');
  }
});

it('when the cluster holds nothing of ours, then the key schema version is recorded', async () => {
  const redis = connect();
  expect(await ensureKeySchema(redis, 'kt-cluster-fresh')).toEqual({ from: 0, to: KEY_SCHEMA_VERSION, renamed: 0 });
  expect(await redis.get(globalKeys('kt-cluster-fresh').schema)).toBe(String(KEY_SCHEMA_VERSION));
});

it('when the cluster holds keys of the v1 layout, then start-up is refused with the way to migrate them', async () => {
  const redis = connect();
  await redis.hset('kt-cluster-old:T0HOST:req:R1', 'id', 'R1');
  const refused = await ensureKeySchema(redis, 'kt-cluster-old').catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(KeySchemaError);
  expect(String(refused)).toMatch(/kt-cluster-old:T0HOST:req:R1.*migrate them on a standalone Redis first/);
  expect(await redis.get(globalKeys('kt-cluster-old').schema)).toBeNull();
  expect(await redis.exists(globalKeys('kt-cluster-old').schemaLock)).toBe(0);
});

it("when the stores' scripts leave in the same tick as commands on other masters, then every one of them is answered", async () => {
  const redis = connect();
  await waitForRedis(redis, target, 5_000);
  const prefix = 'kt-cluster-tick';
  const requests = new RedisRequestStore(redis, prefix);
  const held = new RedisIntakeHold(redis, prefix);
  const relay = new RedisRelayLedger(redis, prefix);
  for (let round = 0; round < 5; round++) {
    const ts = `1700000000.00010${round}`;
    // As one Slack event's tick: the write-ahead and the request's write for the workspace's slot,
    // next to keys that land on every master (an event id's claim, another workspace).
    const answers = await Promise.allSettled([
      held.hold('T0HOST', `msg_${round}`, '{}', Date.now() + 3_000),
      requests.createOrJoin(
        { teamId: 'T0HOST', channelId: 'C0SHARED', ts, clientUserId: `U0C${round}`, clientName: 'Maria', excerpt: 'Export fails', priority: 'normal', trigger: 'auto', createdAt: 1_700_000_000_000, nextUpdateDueAt: 1_700_003_600_000 },
        0,
      ),
      relay.settleAcknowledged('T0HOST', `R0NONE${round}`),
      held.drop('T0OTHER', `msg_${round}`),
      ...Array.from({ length: 20 }, (_, i) => redis.set(`${prefix}:event:${round}:${i}`, '1', 'EX', 60)),
    ]);
    expect(answers.filter((a) => a.status === 'rejected')).toEqual([]);
  }
});
