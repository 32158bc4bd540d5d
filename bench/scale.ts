/**
 * Sections 2 and 3 on one store: fill Redis with open requests (real scripts, real timer plan),
 * measure memory per request at 10 000 and 100 000 and /status at 1 000, 10 000 and 100 000,
 * in process and over HTTP through the real app; the baseline is the minimal Bolt app answering
 * /status with a static text over the same HTTP path.
 */
import { excerptOf } from '../src/domain/request';
import { launchRedis } from '../test/support/redis/launch';
import type { SlackEmulator } from '../test/support/slack-emulator';
import { internalUser } from '../test/support/slack-emulator';
import { type AppChild, kuittausEnv, SIGNING_SECRET, spawnApp } from './app-child';
import { type BulkShape, BulkRequests } from './bulk-requests';
import { type MemoryPoint, memoryPoint, usedMemory } from './request-memory';
import { type Spread } from './stats';
import { LEAD, inProcessAnswer, overHttp } from './status-latency';

export interface StatusPoint {
  requests: number;
  inProcess: Spread;
  http: Spread;
  fillSeconds: number;
}

export interface ScaleResult {
  memory: MemoryPoint[];
  status: StatusPoint[];
  baselineHttp: Spread;
  /** The same requests with hash-max-listpack-value 1024 (see runMemoryWhatIf). */
  listpackWhatIf?: MemoryPoint;
  /** 10 000 requests with the longest excerpt a request keeps (see runFullExcerpt). */
  fullExcerpt?: MemoryPoint;
}

/** A full excerpt: 300 characters of Finnish (ä and ö take two bytes), as domain/request's excerptOf cuts it. */
export const FULL_EXCERPT = excerptOf('Hei! Tilausten vienti kaatuu joka yö virheeseen 500, ja aamun raportti puuttuu taas. Voisitteko katsoa lokit? '.repeat(4));

const PREFIX = 'scale';
const HOUR = 3_600_000;

/** 1 000 channels, two in three requests owned (50 owners), due within the next day (no timer fires). */
export const scaleShape = (now: number): BulkShape => ({
  channel: (i) => `C${String(i % 1000).padStart(6, '0')}`,
  owner: (i) => (i % 3 === 0 ? undefined : `UO${i % 50}`),
  createdAt: (i) => now - (i % 3600) * 1000,
  nextUpdateDueAt: (i) => now + HOUR + ((i * 7919) % (24 * HOUR)),
});

export async function runScale(slack: SlackEmulator, redisUrl: string, sizes: number[], memorySizes: number[]): Promise<ScaleResult> {
  slack.reset();
  slack.addUser(internalUser(LEAD, 'Leena Lead'));
  const baseline = await spawnApp('baseline', { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl });
  const baselineHttp = await overHttp(baseline.url, 100, false).finally(() => baseline.stop());

  const app: AppChild = await spawnApp('kuittaus', kuittausEnv(slack.apiUrl, redisUrl, PREFIX));
  const bulk = new BulkRequests(redisUrl, PREFIX);
  const shape = scaleShape(Date.now());
  const result: ScaleResult = { memory: [], status: [], baselineHttp };
  try {
    await bulk.timers.queue.waitUntilReady();
    const empty = await usedMemory(bulk.redis);
    let filled = 0;
    for (const size of sizes) {
      const started = performance.now();
      await bulk.create(filled, size, shape);
      filled = size;
      const fillSeconds = Math.round((performance.now() - started) / 100) / 10;
      if (memorySizes.includes(size)) result.memory.push(await memoryPoint(bulk.redis, PREFIX, size, empty));
      const inProcess = await inProcessAnswer(bulk.redis, PREFIX, 50);
      const http = await overHttp(app.url, 100, true);
      result.status.push({ requests: size, inProcess, http, fillSeconds });
      process.stderr.write(`  scale ${size}: filled in ${fillSeconds} s, /status http p99 ${http.p99} ms\n`);
    }
  } finally {
    await bulk.close();
    await app.stop();
  }
  if (memorySizes.length > 0) result.fullExcerpt = await runFullExcerpt(10_000);
  return result;
}

/** Memory per open request when every excerpt is as long as a request keeps, on a Redis of its own. */
export async function runFullExcerpt(size: number): Promise<MemoryPoint> {
  const redis = await launchRedis();
  const bulk = new BulkRequests(redis.url, PREFIX);
  try {
    await bulk.timers.queue.waitUntilReady();
    const empty = await usedMemory(bulk.redis);
    await bulk.create(0, size, { ...scaleShape(Date.now()), excerpt: () => FULL_EXCERPT });
    return await memoryPoint(bulk.redis, PREFIX, size, empty);
  } finally {
    await bulk.close();
    await redis.stop();
  }
}

/**
 * The same requests in a Redis whose small-hash encoding (listpack) admits values up to 1 KB:
 * the request hash (300-character excerpt) and BullMQ's job hashes (JSON data and options) stop
 * being hash tables. A what-if for the Redis configuration, measured, not applied by the app.
 */
export async function runMemoryWhatIf(redisUrl: string, size: number): Promise<MemoryPoint> {
  const bulk = new BulkRequests(redisUrl, PREFIX);
  try {
    await bulk.redis.config('SET', 'hash-max-listpack-value', '1024');
    await bulk.timers.queue.waitUntilReady();
    const empty = await usedMemory(bulk.redis);
    await bulk.create(0, size, scaleShape(Date.now()));
    return await memoryPoint(bulk.redis, PREFIX, size, empty);
  } finally {
    await bulk.close();
  }
}
