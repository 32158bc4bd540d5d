/**
 * Start-up checks: an unreachable Redis fails fast and clearly; a Redis that may evict warns; a Redis
 * that keeps nothing on disk warns and keeps /readyz red unless the risk is accepted; /readyz writes
 * (READONLY is tried on the check itself in test/integration/infra/redis-durability.test.ts).
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { Redis } from 'ioredis';
import { loadConfig } from '../../../src/config';
import { startKuittaus } from '../../../src/kuittaus';
import { type LaunchedRedis, launchRedis } from '../../support/redis/launch';
import { startSlackEmulator, type SlackEmulator } from '../../support/slack-emulator';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from '../../support/redis/key-prefix';
import { seedWorkspace, testEnv } from '../harness';

let slack: SlackEmulator;
beforeAll(async () => {
  slack = await startSlackEmulator();
  seedWorkspace(slack);
});
afterAll(() => slack.close());

function capture() {
  const lines: Array<{ level: number; msg: string; [k: string]: unknown }> = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as (typeof lines)[number]);
      done();
    },
  });
  return { log: pino({ level: 'info' }, stream), lines };
}

it('when Redis cannot be reached, then start-up fails within the timeout with a clear error naming REDIS_URL', async () => {
  const config = loadConfig(testEnv(slack, uniqueKeyPrefix('no-redis'), { REDIS_URL: 'redis://:secret@127.0.0.1:1' }));
  const started = Date.now();
  await expect(startKuittaus(config, { log: pino({ level: 'silent' }), redisConnectTimeoutMs: 1500 })).rejects.toThrow(
    /^Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1 did not answer within 1500 ms: .*ECONNREFUSED.*Check REDIS_URL and that Redis is running\.$/,
  );
  expect(Date.now() - started).toBeLessThan(5000);
});

it('when Redis may evict keys, then start-up warns that requests and jobs could be dropped', async () => {
  const redis = await launchRedis();
  const admin = new Redis(redis.url);
  try {
    await admin.config('SET', 'maxmemory-policy', 'allkeys-lru');
    const prefix = uniqueKeyPrefix('eviction');
    const { log, lines } = capture();
    const app = await startKuittaus(loadConfig(testEnv(slack, prefix, { REDIS_URL: redis.url })), { log });
    await app.stop();
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 40, policy: 'allkeys-lru', msg: 'Redis maxmemory-policy is not noeviction: Redis may silently drop requests and jobs' }),
    );
    await deleteKeysWithPrefix(redis.url, prefix);
  } finally {
    admin.disconnect();
    await redis.stop();
  }
});

describe('durability and writability', () => {
  let redis: LaunchedRedis;
  let admin: Redis;
  beforeEach(async () => {
    redis = await launchRedis(); // no AOF, no RDB save points
    admin = new Redis(redis.url);
  });
  afterEach(async () => {
    admin.disconnect();
    await redis.stop();
  });

  async function start(env: Record<string, string>) {
    const prefix = uniqueKeyPrefix('durability');
    const { log, lines } = capture();
    const app = await startKuittaus(loadConfig(testEnv(slack, prefix, { REDIS_URL: redis.url, ...env })), { log });
    const readyz = async () => {
      const res = await fetch(`http://127.0.0.1:${app.port}/readyz`);
      return { status: res.status, body: (await res.json()) as { checks: Record<string, boolean>; reasons?: Record<string, string> } };
    };
    return { app, lines, readyz, prefix };
  }

  it('when Redis keeps nothing on disk, then start-up warns and /readyz is 503 with the reason until persistence is on', async () => {
    const { app, lines, readyz } = await start({ REDIS_ALLOW_NO_PERSISTENCE: 'false' });
    try {
      expect(lines).toContainEqual(
        expect.objectContaining({ level: 40, accepted: false, persistence: 'appendonly no and no RDB save points', msg: expect.stringMatching(/^Redis has no persistence: .*\/readyz answers 503/) }),
      );
      const red = await readyz();
      expect(red.status).toBe(503);
      expect(red.body.checks).toMatchObject({ persistence: false, redis: true });
      expect(red.body.reasons?.persistence).toMatch(/no persistence .*appendonly yes.*REDIS_ALLOW_NO_PERSISTENCE=true/);

      // RDB save points count as persistence (AOF is better: it loses at most a second).
      await admin.config('SET', 'save', '3600 1');
      expect((await readyz()).status).toBe(200);
    } finally {
      await app.stop();
    }
  });

  it('when the risk is accepted (REDIS_ALLOW_NO_PERSISTENCE=true), then /readyz is 200 and the warning stays', async () => {
    const { app, lines, readyz } = await start({ REDIS_ALLOW_NO_PERSISTENCE: 'true' });
    try {
      expect(lines).toContainEqual(expect.objectContaining({ level: 40, accepted: true, msg: expect.stringMatching(/accepted by REDIS_ALLOW_NO_PERSISTENCE/) }));
      expect((await readyz()).status).toBe(200);
    } finally {
      await app.stop();
    }
  });

  it('when Redis answers writes with OOM, then /readyz is 503 with the reason until it takes writes again', async () => {
    const { app, readyz } = await start({ REDIS_ALLOW_NO_PERSISTENCE: 'true' });
    try {
      expect((await readyz()).status).toBe(200);
      await admin.config('SET', 'maxmemory', '1');
      const oom = await readyz();
      expect(oom.status).toBe(503);
      expect(oom.body.checks).toMatchObject({ redis: false, persistence: true });
      expect(oom.body.reasons?.redis).toMatch(/^Redis refused a write: OOM/);
      await admin.config('SET', 'maxmemory', '0');
      expect((await readyz()).status).toBe(200);
    } finally {
      await app.stop();
    }
  });
});
