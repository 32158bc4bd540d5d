/** Start-up checks: an unreachable Redis fails fast and clearly; a Redis that may evict warns. */
import { Writable } from 'node:stream';
import pino from 'pino';
import { Redis } from 'ioredis';
import { loadConfig } from '../../../src/config';
import { startKuittaus } from '../../../src/kuittaus';
import { launchRedis } from '../../support/redis/launch';
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
