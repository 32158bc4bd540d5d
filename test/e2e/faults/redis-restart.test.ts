/**
 * Redis crashes (SIGKILL) and comes back with its append-only file, as in docker-compose: open
 * requests and their timers are still there, the app reconnects by itself, new requests are
 * acknowledged and the reminders fire afterwards.
 */
import { Redis } from 'ioredis';
import { RedisRequestStore } from '../../../src/store/redis-request-store';
import { type LaunchedRedis, launchRedis } from '../../support/redis/launch';
import { type Harness, PinnedClock, Users, startHarness } from '../harness';
import { lifecycleDriver } from '../support/lifecycle-driver';

const MINUTE = 60_000;
const clock = new PinnedClock();
let redis: LaunchedRedis;
let h: Harness;
let drive: ReturnType<typeof lifecycleDriver>;

beforeAll(async () => {
  redis = await launchRedis({ appendOnly: true });
  h = await startHarness({ name: 'redis-restart', clock, env: { REDIS_URL: redis.url } });
  drive = lifecycleDriver(h);
});
afterAll(async () => {
  await h.stop();
  await redis.stop();
});

async function readyz(): Promise<number> {
  return (await fetch(`${h.baseUrl()}/readyz`).catch(() => ({ status: 0 }))).status;
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('when Redis crashes and restarts from its AOF, then nothing is lost and the app carries on by itself', async () => {
  const before = await drive.newRequest('Before the crash');
  await drive.click(Users.consultant, 'request_claim', before.requestId);

  await redis.kill('SIGKILL');
  await until(async () => (await readyz()) === 503, 5000);
  await redis.restart();
  await until(async () => (await readyz()) === 200, 15_000);

  const client = new Redis(redis.url);
  try {
    const stored = await new RedisRequestStore(client, h.prefix).get('T0HOST', before.requestId);
    expect(stored).toMatchObject({ state: 'in_progress', ownerId: Users.consultant, excerpt: 'Before the crash' });
  } finally {
    client.disconnect();
  }

  const after = await drive.newRequest('After the restart');
  expect(drive.clientThread(after.ts)[0]).toMatch(/^Thanks, Maria/);
  await drive.click(Users.consultant, 'request_claim', after.requestId);

  // The timers planned before the crash survived it: both requests are reminded.
  await h.advance(50 * MINUTE);
  const reminders = drive.dmsTo(Users.consultant).filter((c) => /^Update due at/.test(String(c.args.text))).map((c) => String(c.args.text));
  expect(reminders.some((text) => text.includes('Before the crash'))).toBe(true);
  expect(reminders.some((text) => text.includes('After the restart'))).toBe(true);
}, 60_000);
