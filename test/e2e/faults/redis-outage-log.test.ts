/**
 * A Redis outage in the log and in /metrics: one line when Redis becomes unreachable and one when
 * it is back (not a line and a stack per reconnect, connection, queue and worker), every error
 * still counted in kuittaus_redis_errors_total, and /metrics answering at once throughout with
 * the sources it could not read marked down.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { type LaunchedRedis, launchRedis } from '../../support/redis/launch';
import { parsePrometheusText } from '../../support/prometheus-text';
import { type Harness, startHarness, waitFor } from '../harness';

type Line = { level: number; msg: string; err?: { stack?: string; message?: string }; [k: string]: unknown };
const lines: Line[] = [];
const log = pino(
  { level: 'info' },
  new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Line);
      done();
    },
  }),
);

let redis: LaunchedRedis;
let h: Harness;
beforeAll(async () => {
  redis = await launchRedis({ appendOnly: true });
  h = await startHarness({ name: 'redis-outage-log', log, env: { REDIS_URL: redis.url } });
});
afterAll(async () => {
  await h.stop();
  await redis.stop();
});

const status = async (path: string) => (await fetch(`${h.baseUrl()}${path}`).catch(() => ({ status: 0 }))).status;

it('when Redis is down for a while and comes back, then the log says so once each way and /metrics keeps answering', async () => {
  const from = lines.length;
  await redis.kill('SIGKILL');
  await waitFor(async () => (await status('/readyz')) === 503, 5000);

  // Down for a few seconds: ioredis retries, BullMQ's queues and workers lose their connections too.
  const started = Date.now();
  const res = await fetch(`${h.baseUrl()}/metrics`);
  expect(Date.now() - started).toBeLessThan(3000);
  expect(res.status).toBe(200);
  const during = parsePrometheusText(await res.text());
  expect(during.value('kuittaus_scrape_source_up', { source: 'requests' })).toBe(0);
  expect(during.value('kuittaus_scrape_source_up', { source: 'queues' })).toBe(0);
  expect(during.samples('kuittaus_open_requests')).toEqual([]); // no stale values
  await new Promise((resolve) => setTimeout(resolve, 3000));

  await redis.restart();
  await waitFor(async () => (await status('/readyz')) === 200, 15_000);
  await waitFor(async () => lines.slice(from).some((l) => l.msg === 'Redis reachable again'), 10_000);

  const outage = lines.slice(from);
  const down = outage.filter((l) => l.msg.startsWith('Redis unreachable'));
  const up = outage.filter((l) => l.msg === 'Redis reachable again');
  expect(down).toHaveLength(1);
  expect(down[0]).toMatchObject({ level: 40, error: { code: expect.stringMatching(/^(EPIPE|ECONNRESET|ECONNREFUSED)$/) } });
  expect(up).toHaveLength(1);
  expect(up[0]).toMatchObject({ level: 30, downMs: expect.any(Number), errors: expect.any(Number) });
  expect(up[0]!.errors as number).toBeGreaterThan(1);
  // Nothing else about the outage: no stacks, no line per error.
  expect(outage.filter((l) => l.err?.stack)).toEqual([]);
  expect(outage.filter((l) => l.level >= 40).map((l) => l.msg)).toEqual([down[0]!.msg]);

  const after = parsePrometheusText(await (await fetch(`${h.baseUrl()}/metrics`)).text());
  expect(after.value('kuittaus_scrape_source_up', { source: 'requests' })).toBe(1);
  const errors = after.samples('kuittaus_redis_errors_total').reduce((sum, s) => sum + s.value, 0);
  expect(errors).toBe(up[0]!.errors);
}, 60_000);
