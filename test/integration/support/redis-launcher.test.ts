/** The Redis launcher, the run-wide server from global-setup, and per-file key prefixes. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import globalSetup from '../../support/redis/global-setup';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from '../../support/redis/key-prefix';
import { type LaunchedRedis, REDIS_MISSING, launchRedis } from '../../support/redis/launch';
import { ping } from '../../support/redis/ping';

const clients: Redis[] = [];
const connect = (url: string) => {
  const client = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  client.on('error', () => undefined);
  clients.push(client);
  return client;
};
const launched: LaunchedRedis[] = [];
const launch = async (...args: Parameters<typeof launchRedis>) => {
  const redis = await launchRedis(...args);
  launched.push(redis);
  return redis;
};
afterEach(async () => {
  for (const c of clients.splice(0)) if (c.status !== 'end') c.disconnect();
  await Promise.all(launched.splice(0).map((r) => r.stop()));
});

describe('launchRedis', () => {
  it('starts redis-server on a free 127.0.0.1 port with a temp dir and production-like settings', async () => {
    const redis = await launch();
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
    expect(existsSync(redis.dir)).toBe(true);
    const client = connect(redis.url);
    expect(await client.ping()).toBe('PONG');
    expect(await client.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    expect(await client.config('GET', 'save')).toEqual(['save', '']);
    expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'no']);
    expect(await client.config('GET', 'dir')).toEqual(['dir', redis.dir]);
  });

  it('two launches get two servers', async () => {
    const [a, b] = await Promise.all([launch(), launch()]);
    expect(a?.port).not.toBe(b?.port);
    expect(a?.dir).not.toBe(b?.dir);
  });

  it('with appendOnly, keys survive restart() and even a SIGKILL', async () => {
    const redis = await launch({ appendOnly: true });
    const client = connect(redis.url);
    await client.set('k', 'v1');
    client.disconnect();
    await redis.restart();
    const again = connect(redis.url);
    expect(await again.get('k')).toBe('v1');
    await again.set('k', 'v2');
    again.disconnect();
    await redis.kill('SIGKILL');
    expect(await ping(redis.port)).toBe(false);
    await redis.restart();
    expect(await connect(redis.url).get('k')).toBe('v2');
  });

  it('without appendOnly, a restart starts empty (no snapshots)', async () => {
    const redis = await launch();
    const client = connect(redis.url);
    await client.set('k', 'v');
    client.disconnect();
    await redis.restart();
    expect(await connect(redis.url).get('k')).toBeNull();
  });

  it('stop() ends the server and removes its own dir (not a given one); it is idempotent', async () => {
    const own = await launch();
    const given = mkdtempSync(join(tmpdir(), 'kt-given-'));
    try {
      const other = await launch({ dir: given });
      await own.stop();
      await own.stop();
      await other.stop();
      expect(await ping(own.port)).toBe(false);
      expect(await ping(other.port)).toBe(false);
      expect(existsSync(own.dir)).toBe(false);
      expect(existsSync(given)).toBe(true);
    } finally {
      rmSync(given, { recursive: true, force: true });
    }
  });

  it('says how to get redis-server when it is missing', async () => {
    await expect(launchRedis({ binary: 'redis-server-that-does-not-exist' })).rejects.toThrow(REDIS_MISSING);
    expect(REDIS_MISSING).toContain('apt-get install -y redis-server');
    expect(REDIS_MISSING).toContain('REDIS_URL');
  });

  it('fails clearly when the port is taken', async () => {
    const first = await launch();
    await expect(launchRedis({ port: first.port })).rejects.toThrow(/exited at start/);
  });
});

describe('the run-wide Redis', () => {
  it('REDIS_URL is set for test files and answers', async () => {
    expect(process.env.REDIS_URL).toMatch(/^redis:\/\//);
    expect(await connect(process.env.REDIS_URL as string).ping()).toBe('PONG');
  });

  it('global setup with a REDIS_URL that does not answer fails with a clear message', async () => {
    const saved = process.env.REDIS_URL;
    const dead = await launch();
    await dead.stop();
    process.env.REDIS_URL = dead.url;
    try {
      await expect(globalSetup()).rejects.toThrow(/does not answer.*unset it/);
    } finally {
      process.env.REDIS_URL = saved;
    }
  });
});

describe('key prefixes', () => {
  it('uniqueKeyPrefix is kt-test-<name>-<random>', () => {
    expect(uniqueKeyPrefix('ack flow')).toMatch(/^kt-test-ack-flow-[0-9a-f]{8}$/);
    expect(uniqueKeyPrefix('x')).not.toBe(uniqueKeyPrefix('x'));
  });

  it('deleteKeysWithPrefix removes exactly the prefixed keys', async () => {
    const url = process.env.REDIS_URL as string;
    const mine = uniqueKeyPrefix('cleanup');
    const other = uniqueKeyPrefix('cleanup');
    const client = connect(url);
    for (let i = 0; i < 1200; i++) await client.set(`${mine}:k${i}`, '1');
    await client.set(`${other}:keep`, '1');
    expect(await deleteKeysWithPrefix(url, mine)).toBe(1200);
    expect(await client.exists(`${mine}:k0`, `${other}:keep`)).toBe(1);
    expect(await deleteKeysWithPrefix(url, other)).toBe(1);
    await expect(deleteKeysWithPrefix(url, '')).rejects.toThrow(/empty prefix/);
  });

  it('treats glob characters in a prefix literally', async () => {
    const url = process.env.REDIS_URL as string;
    const base = uniqueKeyPrefix('glob');
    const client = connect(url);
    await client.set(`${base}*a`, '1');
    await client.set(`${base}xa`, '1');
    expect(await deleteKeysWithPrefix(url, `${base}*`)).toBe(1);
    expect(await deleteKeysWithPrefix(url, base)).toBe(1);
  });
});
