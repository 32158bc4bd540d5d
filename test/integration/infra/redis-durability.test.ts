/**
 * The durability and writability checks against a real redis-server of their own: persistence as
 * Redis reports it, and writes refused with OOM (maxmemory reached) or READONLY (a replica).
 * (REPLICAOF is tried here rather than end to end: BullMQ workers on a Redis that turns into a
 * replica and back do not finish closing, which would keep the test process alive.)
 */
import { Redis } from 'ioredis';
import { readPersistence, writeProblem } from '../../../src/infra/redis-durability';
import { type LaunchedRedis, freePort, launchRedis } from '../../support/redis/launch';

let redis: LaunchedRedis;
let client: Redis;
beforeAll(async () => {
  redis = await launchRedis(); // no AOF, no RDB save points
  client = new Redis(redis.url, { maxRetriesPerRequest: 0 });
});
afterAll(async () => {
  client.disconnect();
  await redis.stop();
});

it('when Redis keeps nothing on disk, then persistence is none; with RDB save points it is rdb', async () => {
  expect(await readPersistence(client)).toEqual({ kind: 'none', detail: 'appendonly no and no RDB save points' });
  await client.config('SET', 'save', '900 1');
  expect((await readPersistence(client)).kind).toBe('rdb');
  await client.config('SET', 'save', '');
});

it('when Redis takes writes, then there is no write problem; OOM and READONLY answers are problems', async () => {
  expect(await writeProblem(client, 'ready:probe')).toBeUndefined();

  await client.config('SET', 'maxmemory', '1');
  expect(await writeProblem(client, 'ready:probe')).toMatch(/^Redis refused a write: OOM command not allowed/);
  await client.config('SET', 'maxmemory', '0');

  await client.replicaof('127.0.0.1', String(await freePort()));
  expect(await writeProblem(client, 'ready:probe')).toMatch(/^Redis refused a write: READONLY/);
  await client.replicaof('NO', 'ONE');
  expect(await writeProblem(client, 'ready:probe')).toBeUndefined();
});
