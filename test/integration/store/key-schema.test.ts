/**
 * The key schema migration at start-up against a real Redis: data written in the v1 layout (the
 * names of src/store/keys.ts before hash tags: `<prefix>:<team>:…`, `<prefix>:bull:…`,
 * `<prefix>:outbox:attempt:…`) is read as before once migrated, queued jobs and delayed timers
 * included; two instances starting at once migrate it once; a newer schema is refused.
 */
import { ALWAYS_OPEN_SETTINGS } from '../../support/channel-settings';
import { Redis } from 'ioredis';
import type { NewRequest } from '../../../src/app/ports';
import type { ChannelSettings } from '../../../src/domain/settings';
import { JobQueues } from '../../../src/jobs/queues';
import { timerJobId } from '../../../src/jobs/timer-job';
import { TimerQueue } from '../../../src/jobs/timer-queue';
import { KEY_SCHEMA_VERSION, globalKeys, teamKeys } from '../../../src/store/keys';
import { KeySchemaError, ensureKeySchema, v2NameOf } from '../../../src/store/key-schema';
import { RedisRequestStore } from '../../../src/store/redis-request-store';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from '../../support/redis/key-prefix';

const TEAM = 'T0HOST';
const T0 = Date.UTC(2026, 4, 4, 9, 0, 0);
const redisUrl = process.env.REDIS_URL as string;
const basePrefix = uniqueKeyPrefix('key-schema');
const clock = { now: () => T0, msUntil: (at: number) => at - T0 };
let redis: Redis;
let run = 0;
const closers: Array<() => Promise<void>> = [];

const defaults: ChannelSettings = ALWAYS_OPEN_SETTINGS;

beforeAll(() => {
  redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
});
afterAll(async () => {
  for (const close of closers) await close();
  await deleteKeysWithPrefix(redisUrl, basePrefix);
  await redis.quit();
});

/** The name main's src/store/keys.ts (v1, before hash tags) gave the key the present code wrote. */
function v1Name(prefix: string, key: string): string {
  const attempt = `${prefix}:{${TEAM}}:outbox:attempt:`;
  if (key.startsWith(attempt)) return `${prefix}:outbox:attempt:${key.slice(attempt.length)}`;
  return key.replace(`${prefix}:{${TEAM}}:`, `${prefix}:${TEAM}:`).replace(`${prefix}:{bull}:`, `${prefix}:bull:`);
}

async function keysOf(prefix: string): Promise<string[]> {
  return (await redis.keys(`${prefix}:*`)).sort();
}

/**
 * Two requests as the app leaves them (one owned, with its pending timer), a delayed timer job as
 * the version before 2026-11 queued it, a queued intake job, a delivery attempt; then every key
 * renamed to its v1 name.
 */
async function v1Data() {
  const prefix = `${basePrefix}-${++run}`;
  const store = new RedisRequestStore(redis, prefix);
  const queues = new JobQueues(redis, prefix);
  const timers = new TimerQueue(redis, prefix, clock);
  const ids: string[] = [];
  for (const ts of ['1777885200.000100', '1777885260.000200']) {
    const input: NewRequest = {
      teamId: TEAM, channelId: 'C0ACME', ts, clientUserId: 'U0CLIENT', clientName: 'Maria', excerpt: `Help ${ts}`, priority: 'normal', trigger: 'auto', createdAt: T0, nextUpdateDueAt: T0 + 3600_000,
    };
    const created = await store.createOrJoin(input, 0, [{ kind: 'ack', teamId: TEAM, requestId: '__new_request__' }]);
    if (created.outcome !== 'created') throw new Error('setup');
    ids.push(created.request.id);
  }
  const owned = await store.update(TEAM, ids[0] as string, { state: 'in_progress', ownerId: 'U0AINO' }, { type: 'claimed', at: T0 + 60_000, actorId: 'U0AINO' });
  if (!owned) throw new Error('setup');
  await timers.plan(owned, defaults);
  const legacy = { kind: 'escalation' as const, teamId: TEAM, requestId: ids[1] as string, dueAt: T0 + 3600_000, fireAt: T0 + 5400_000 };
  await timers.queue.add(legacy.kind, legacy, { jobId: timerJobId(legacy), delay: 5400_000 });
  await queues.add({ kind: 'message', teamId: TEAM, message: { channelId: 'C0ACME', ts: '1777885300.000300', userId: 'U0CLIENT', text: 'Another one' } });
  await redis.set(teamKeys(prefix, TEAM).sendAttempt(`ack_${TEAM}_${ids[0]}`), String(T0), 'EX', 3600);
  const before = {
    requests: await Promise.all(ids.map((id) => store.get(TEAM, id))),
    events: await Promise.all(ids.map((id) => store.events(TEAM, id))),
    live: (await store.liveIds(TEAM)).sort(),
    byMessage: await store.findByMessage(TEAM, 'C0ACME', '1777885200.000100'),
    delayed: (await timers.queue.getDelayed()).map((j) => j.id).sort(),
    pending: await Promise.all(ids.map((id) => timers.pending(TEAM, id))),
    waiting: (await queues.intake.getWaiting()).map((j) => j.id),
  };
  await Promise.all([queues.close(), timers.close()]);
  const written = await keysOf(prefix);
  for (const key of written) await redis.rename(key, v1Name(prefix, key));
  return { prefix, ids, before, written };
}

async function readBack(prefix: string, ids: string[]) {
  const store = new RedisRequestStore(redis, prefix);
  const queues = new JobQueues(redis, prefix);
  const timers = new TimerQueue(redis, prefix, clock, [TEAM]);
  closers.push(() => queues.close(), () => timers.close());
  return {
    requests: await Promise.all(ids.map((id) => store.get(TEAM, id))),
    events: await Promise.all(ids.map((id) => store.events(TEAM, id))),
    live: (await store.liveIds(TEAM)).sort(),
    byMessage: await store.findByMessage(TEAM, 'C0ACME', '1777885200.000100'),
    delayed: (await timers.queue.getDelayed()).map((j) => j.id).sort(),
    pending: await Promise.all(ids.map((id) => timers.pending(TEAM, id))),
    waiting: (await queues.intake.getWaiting()).map((j) => j.id),
    timers,
  };
}

describe('ensureKeySchema', () => {
  it('when Redis holds v1 keys, then every one is renamed and the requests, indexes, jobs and timers read as before', async () => {
    const { prefix, ids, before, written } = await v1Data();
    // The fixture really is the v1 layout.
    expect(await redis.type(`${prefix}:${TEAM}:req:${ids[0]}`)).toBe('hash');
    expect(await redis.zcard(`${prefix}:${TEAM}:idx:all:due`)).toBe(2);
    expect(await redis.zcard(`${prefix}:bull:timers:delayed`)).toBe(before.delayed.length);
    expect(await redis.exists(`${prefix}:outbox:attempt:ack_${TEAM}_${ids[0]}`)).toBe(1);
    expect(await redis.zcard(`${prefix}:${TEAM}:timers`)).toBe(1);
    expect(before.delayed).toHaveLength(1);
    expect(before.pending.map((timers) => timers.map((t) => t.kind))).toEqual([['reminder'], ['escalation']]);
    expect(before.waiting).toHaveLength(1);

    const outcome = await ensureKeySchema(redis, prefix);

    expect(outcome).toEqual({ from: 1, to: KEY_SCHEMA_VERSION, renamed: written.length });
    expect(await redis.get(globalKeys(prefix).schema)).toBe(String(KEY_SCHEMA_VERSION));
    expect(await keysOf(prefix)).toEqual([...written, globalKeys(prefix).schema].sort());
    const after = await readBack(prefix, ids);
    expect({ ...after, timers: undefined }).toEqual({ ...before, timers: undefined });
    expect(await redis.exists(teamKeys(prefix, TEAM).sendAttempt(`ack_${TEAM}_${ids[0]}`))).toBe(1);
    // Moved timers still work: promoted when due, each waits for a worker like any other.
    const [timer] = await after.timers.queue.getDelayed();
    await timer?.promote();
    const [pending] = after.pending[0] ?? [];
    await after.timers.promoteDue(pending?.fireAt as number);
    expect((await after.timers.queue.getWaiting()).map((j) => j.id).sort()).toEqual([timer?.id, pending?.id].sort());
  });

  it('when two instances start at once, then the keys are renamed once and both go on with the new schema', async () => {
    const { prefix, ids, before, written } = await v1Data();
    const second = new Redis(redisUrl, { maxRetriesPerRequest: null });
    try {
      const outcomes = await Promise.all([ensureKeySchema(redis, prefix), ensureKeySchema(second, prefix)]);
      expect(outcomes.map((o) => o.renamed).sort((a, b) => a - b)).toEqual([0, written.length]);
      expect(outcomes.every((o) => o.to === KEY_SCHEMA_VERSION)).toBe(true);
    } finally {
      second.disconnect();
    }
    const after = await readBack(prefix, ids);
    expect({ ...after, timers: undefined }).toEqual({ ...before, timers: undefined });
    expect(await redis.exists(globalKeys(prefix).schemaLock)).toBe(0);
  });

  it('when the data is migrated already, then nothing is renamed again', async () => {
    const { prefix } = await v1Data();
    await ensureKeySchema(redis, prefix);
    const keys = await keysOf(prefix);
    expect(await ensureKeySchema(redis, prefix)).toEqual({ from: KEY_SCHEMA_VERSION, to: KEY_SCHEMA_VERSION, renamed: 0 });
    expect(await keysOf(prefix)).toEqual(keys);
  });

  it('when Redis holds nothing of ours, then the present version is recorded', async () => {
    const prefix = `${basePrefix}-${++run}`;
    expect(await ensureKeySchema(redis, prefix)).toEqual({ from: 0, to: KEY_SCHEMA_VERSION, renamed: 0 });
    expect(await keysOf(prefix)).toEqual([globalKeys(prefix).schema]);
  });

  it('when another instance holds the lock, then this one waits instead of migrating too, and takes over when the lock goes', async () => {
    const { prefix, written } = await v1Data();
    await redis.set(globalKeys(prefix).schemaLock, 'someone-else', 'PX', 10_000);
    const waiting = ensureKeySchema(redis, prefix);
    await new Promise((r) => setTimeout(r, 300));
    expect(await redis.exists(`${prefix}:${TEAM}:seq`)).toBe(1); // not touched while the lock is held
    // One that may not wait gives up with a line naming the lock.
    const impatient = await ensureKeySchema(redis, prefix, { waitMs: 0 }).catch((e: unknown) => e);
    expect(impatient).toBeInstanceOf(KeySchemaError);
    expect(String(impatient)).toContain(globalKeys(prefix).schemaLock);
    // The other instance dies without migrating: its lock goes, and the waiting one does the work.
    await redis.del(globalKeys(prefix).schemaLock);
    expect((await waiting).renamed).toBe(written.length);
  });

  it('when Redis holds a newer schema, then start-up is refused with the version named', async () => {
    const prefix = `${basePrefix}-${++run}`;
    await redis.set(globalKeys(prefix).schema, String(KEY_SCHEMA_VERSION + 1));
    await expect(ensureKeySchema(redis, prefix)).rejects.toThrow(new RegExp(`key schema v${KEY_SCHEMA_VERSION + 1} .*knows v${KEY_SCHEMA_VERSION}`));
  });

  it('gives no new name to a key of the present layout or to a global key', () => {
    const prefix = 'kuittaus';
    const present = teamKeys(prefix, TEAM);
    for (const key of [present.request('R1'), present.sendAttempt(`ack_${TEAM}_R1`), `${prefix}:{bull}:timers:delayed`, globalKeys(prefix).event('Ev1'), globalKeys(prefix).schema, globalKeys(prefix).ready('x')]) {
      expect(v2NameOf(prefix, key)).toBeUndefined();
    }
    expect(v2NameOf(prefix, `${prefix}:outbox:attempt:digest_${TEAM}_U0LEAD_2026-W19`)).toBe(present.sendAttempt(`digest_${TEAM}_U0LEAD_2026-W19`));
  });
});
