/**
 * Redis memory per resolved request before and after the retention purge:
 *   REDIS_URL=redis://127.0.0.1:6379 npx tsx bench/retention-memory.ts [count]
 * Creates `count` resolved requests as the app leaves them (a 300-character excerpt, the events of
 * an acknowledgement, a claim, an ETA, an update, the resolution, the closing message and a 👍, the
 * message links and indexes), then purges them 181 days later. Reports INFO used_memory deltas and
 * MEMORY USAGE summed over every key under a throwaway prefix (deleted at the end).
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pino from 'pino';
import { purgeExpired } from '../src/app/retention/purge';
import { DAY_MS } from '../src/domain/retention';
import type { ChannelSettings } from '../src/domain/settings';
import { JobQueues } from '../src/jobs/queues';
import { TimerQueue } from '../src/jobs/timer-queue';
import { RedisRequestStore } from '../src/store/redis-request-store';
import { RedisRetentionStore } from '../src/store/redis-retention-store';
import { RedisSettingsStore } from '../src/store/redis-settings-store';
import { usedMemory } from './request-memory';

const TEAM = 'T0BENCH';
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const MIN = 60_000;

async function keyBytes(redis: Redis, prefix: string): Promise<{ bytes: number; keys: number }> {
  let bytes = 0;
  let keys = 0;
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 2000);
    cursor = next;
    keys += batch.length;
    const sizes = await Promise.all(batch.map((k) => redis.call('MEMORY', 'USAGE', k, 'SAMPLES', '0') as Promise<number | null>));
    bytes += sizes.reduce<number>((a, b) => a + (b ?? 0), 0);
  } while (cursor !== '0');
  return { bytes, keys };
}

async function main() {
  const count = Number(process.argv[2] ?? 2000);
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
  const prefix = `kt-bench-retention-${randomBytes(4).toString('hex')}`;
  const store = new RedisRequestStore(redis, prefix);
  const defaults = { retentionDays: 180, businessHours: { timezone: 'Europe/Helsinki' } } as ChannelSettings;
  const clock = { now: () => T0, msUntil: (at: number) => at - T0 };
  const queues = new JobQueues(redis, prefix);
  const timers = new TimerQueue(redis, prefix, clock);
  try {
    const empty = await usedMemory(redis);
    const excerpt = 'Our nightly payroll export to the bank fails with error 500 since the upgrade on Friday; '.repeat(4).slice(0, 299) + '…';
    for (let i = 0; i < count; i++) {
      const at = T0 + i * MIN;
      const ts = `${Math.floor(at / 1000)}.${String(i % 1e6).padStart(6, '0')}`;
      const created = await store.createOrJoin(
        { teamId: TEAM, channelId: `C0CLIENT${i % 20}`, ts, clientUserId: `U0C${i % 300}`, clientName: 'Maria', excerpt, priority: 'normal', trigger: 'auto', createdAt: at, nextUpdateDueAt: at + 60 * MIN },
        0,
      );
      if (created.outcome !== 'created') throw new Error('setup');
      const id = created.request.id;
      const step = (patch: object, event: object, guard?: string[]) => store.update(TEAM, id, patch, event as never, guard as never);
      await step({ ackTs: `${ts}1`, lastUpdateAt: at + 700, cardChannelId: 'C0TRIAGE', cardTs: `${ts}2` }, { type: 'acknowledged', at: at + 700, data: { latencyMs: 700, ts: `${ts}1` } });
      await step({ state: 'in_progress', ownerId: 'U0AINO' }, { type: 'claimed', at: at + 3 * MIN, actorId: 'U0AINO' }, ['open']);
      await step({ etaAt: at + 240 * MIN }, { type: 'eta_set', at: at + 5 * MIN, actorId: 'U0AINO', data: { etaAt: at + 240 * MIN, dueAt: at + 60 * MIN } });
      await step({ countUpdate: true, lastUpdateAt: at + 90 * MIN }, { type: 'update_posted', at: at + 90 * MIN, actorId: 'U0AINO', data: { dueAt: at + 300 * MIN } });
      await step({ state: 'resolved', resolvedAt: at + 200 * MIN, resolvedBy: 'U0AINO' }, { type: 'resolved', at: at + 200 * MIN, actorId: 'U0AINO' }, ['in_progress']);
      await step({ closingTs: `${ts}9` }, { type: 'closing_posted', at: at + 200 * MIN, data: { ts: `${ts}9` } });
      await store.linkMessage(TEAM, `C0CLIENT${i % 20}`, `${ts}9`, id);
      await step({}, { type: 'feedback', at: at + 220 * MIN, actorId: `U0C${i % 300}`, data: { rating: 'positive', fromClient: true } });
    }
    const resolved = await usedMemory(redis);
    const before = await keyBytes(redis, prefix);
    const settings = new RedisSettingsStore(redis, prefix, defaults);
    const log = pino({ level: 'silent' });
    const started = Date.now();
    const report = await purgeExpired(
      { retention: new RedisRetentionStore(redis, prefix), retentionDays: 180, timers, intake: queues, outbox: queues.outboxPort, settings, log },
      TEAM,
      T0 + count * MIN + 181 * DAY_MS,
    );
    const purgeMs = Date.now() - started;
    const after = await keyBytes(redis, prefix);
    const purged = await usedMemory(redis);
    const per = (n: number) => Math.round(n / count);
    console.log(JSON.stringify({ count, purged: report.purged, purgeMs }, null, 0));
    console.log(`MEMORY USAGE summed over the keys, per resolved request: before ${per(before.bytes)} B (${(before.keys / count).toFixed(2)} keys), after ${per(after.bytes)} B (${(after.keys / count).toFixed(2)} keys)`);
    console.log(`INFO used_memory delta per resolved request: before ${per(resolved - empty)} B, after ${per(purged - empty)} B`);
  } finally {
    await queues.close();
    await timers.close();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 2000);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
    redis.disconnect();
  }
}

void main();
