/**
 * What `npm start` prints, as an operator's log collector reads it: only JSON lines on stdout
 * (BullMQ's and ioredis's console warnings routed into them, once each), and a start-up failure
 * as one clear line on stderr, in HTTP mode and in Socket Mode alike.
 */
import { type Server, createServer } from 'node:net';
import { Redis } from 'ioredis';
import { runMain } from '../../support/app-process/run-main';
import { type LaunchedRedis, launchRedis } from '../../support/redis/launch';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from '../../support/redis/key-prefix';
import { type SlackEmulator, startSlackEmulator } from '../../support/slack-emulator';
import { seedWorkspace, testEnv } from '../harness';
import { socketEnv } from '../support/socket-harness';

let slack: SlackEmulator;
const prefix = uniqueKeyPrefix('start-up-lines');
beforeAll(async () => {
  slack = await startSlackEmulator();
  seedWorkspace(slack);
});
afterAll(async () => {
  await slack.close();
  await deleteKeysWithPrefix(process.env.REDIS_URL as string, prefix);
});

type Line = { level: number; msg: string; source?: string; policy?: string };
const started = (stdout: string) => stdout.includes('"msg":"Kuittaus started"');

describe('library warnings', () => {
  let redis: LaunchedRedis;
  beforeAll(async () => {
    redis = await launchRedis();
    const admin = new Redis(redis.url);
    await admin.config('SET', 'maxmemory-policy', 'allkeys-lru');
    admin.disconnect();
  });
  afterAll(() => redis.stop());

  it('when Redis may evict and REDIS_URL carries a password Redis does not need, then each warning is one JSON line, once', async () => {
    const url = redis.url.replace('redis://', 'redis://:not-needed@');
    const { code, stdout, stderr } = await runMain({ ...testEnv(slack, prefix, { REDIS_URL: url }), LOG_LEVEL: 'info' }, 30_000, { stopWhen: started });
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const lines = stdout.trim().split('\n');
    // Nothing raw between the JSON lines.
    expect(lines.filter((l) => !l.startsWith('{'))).toEqual([]);
    const parsed = lines.map((l) => JSON.parse(l) as Line);
    const eviction = parsed.filter((l) => /Eviction policy/.test(l.msg));
    expect(eviction).toEqual([expect.objectContaining({ level: 40, source: 'bullmq', policy: 'allkeys-lru', msg: 'IMPORTANT! Eviction policy is allkeys-lru. It should be "noeviction"' })]);
    const password = parsed.filter((l) => /password/.test(l.msg));
    expect(password).toEqual([expect.objectContaining({ level: 40, source: 'ioredis', msg: expect.stringMatching(/^\[WARN\] .*does not require a password, but a password was supplied/) })]);
    // Our own warning about the policy stays, once.
    expect(parsed.filter((l) => /maxmemory-policy is not noeviction/.test(l.msg))).toHaveLength(1);
  }, 40_000);
});

describe('the HTTP port is taken', () => {
  let blocker: Server;
  let port: number;
  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, resolve));
    port = (blocker.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  it.each<[string, (extra: Record<string, string>) => Record<string, string>]>([
    ['HTTP mode', (extra) => testEnv(slack, prefix, extra)],
    ['Socket Mode (the health and metrics server)', (extra) => socketEnv(slack, prefix, extra)],
  ])('in %s, then start-up stops with one line naming PORT', async (_mode, env) => {
    const { code, stderr } = await runMain({ ...env({ PORT: String(port) }), LOG_LEVEL: 'silent' });
    expect(code).toBe(1);
    expect(stderr).toBe(
      `Kuittaus failed to start: PORT ${port} is already in use by another process. Stop that process or set PORT to a free port ` +
        '(Socket Mode serves /healthz, /readyz and /metrics there too).\n',
    );
  }, 40_000);
});
