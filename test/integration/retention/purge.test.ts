/**
 * The retention purge against a real Redis (and BullMQ's queues in it): a closed request past its
 * channel's retention leaves no key, index member or job behind, the report's figures stay the
 * same, a run that stops half-way is finished by the next, and a channel's own retention counts.
 * Time is an argument: the purge runs at pinned instants.
 */
import { ALWAYS_OPEN_SETTINGS } from '../../support/channel-settings';
import { Redis } from 'ioredis';
import pino from 'pino';
import type { NewRequest } from '../../../src/app/ports';
import type { RetentionStore } from '../../../src/app/retention/ports';
import { purgeExpired } from '../../../src/app/retention/purge';
import { reportUntil } from '../../../src/app/status/report';
import type { ChannelSettings } from '../../../src/domain/settings';
import { DAY_MS } from '../../../src/domain/retention';
import { JobQueues } from '../../../src/jobs/queues';
import { TimerQueue } from '../../../src/jobs/timer-queue';
import { teamKeys } from '../../../src/store/keys';
import { RedisCardBatches } from '../../../src/store/redis-card-batches';
import { RedisClickLedger } from '../../../src/store/redis-click-ledger';
import { RedisClientLine } from '../../../src/store/redis-client-line';
import { RedisHistoryReader } from '../../../src/store/redis-history-reader';
import { RedisRequestStore } from '../../../src/store/redis-request-store';
import { RedisRetentionStore } from '../../../src/store/redis-retention-store';
import { RedisSettingsStore } from '../../../src/store/redis-settings-store';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from '../../support/redis/key-prefix';
import { keysNaming } from '../../support/redis/traces';

const TEAM = 'T0HOST';
const T0 = Date.UTC(2026, 4, 4, 9, 0, 0);
const MIN = 60_000;
const redisUrl = process.env.REDIS_URL as string;
const basePrefix = uniqueKeyPrefix('retention-purge');
const log = pino({ level: 'silent' });
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

function fresh() {
  const prefix = `${basePrefix}-${++run}`;
  const clock = { now: () => T0, msUntil: (at: number) => at - T0 };
  const queues = new JobQueues(redis, prefix);
  const timers = new TimerQueue(redis, prefix, clock);
  closers.push(() => queues.close(), () => timers.close());
  const settings = new RedisSettingsStore(redis, prefix, defaults);
  const deps = {
    retention: new RedisRetentionStore(redis, prefix) as RetentionStore,
    retentionDays: 180,
    timers,
    intake: queues,
    outbox: queues.outboxPort,
    settings,
    log,
    history: new RedisHistoryReader(redis, prefix),
  };
  return { prefix, deps, queues, timers, settings, store: new RedisRequestStore(redis, prefix), k: teamKeys(prefix, TEAM) };
}
type World = ReturnType<typeof fresh>;

let tsCounter = 0;
/** A request as the app leaves it: acknowledged, an ETA met, resolved, a 👍, with its traces. */
async function closedRequest(w: World, options: { channelId?: string; at?: number; dismiss?: boolean; text?: string } = {}) {
  const at = options.at ?? T0;
  const ts = `${Math.floor(at / 1000)}.${String(++tsCounter).padStart(6, '0')}`;
  const channelId = options.channelId ?? 'C0ACME';
  const text = options.text ?? `Secret export trouble ${tsCounter}`;
  const input: NewRequest = {
    teamId: TEAM, channelId, ts, clientUserId: 'U0CLIENT', clientName: 'Maria', excerpt: text, priority: 'normal', trigger: 'auto', createdAt: at, nextUpdateDueAt: at + 60 * MIN,
  };
  const created = await w.store.createOrJoin(input, 0, [{ kind: 'ack', teamId: TEAM, requestId: '__new_request__' }]);
  if (created.outcome !== 'created') throw new Error('setup');
  const id = created.request.id;
  // Its traces elsewhere: a queued intake job (the client's text), timers, a click, a delivery attempt, a dead letter.
  await w.queues.add({ kind: 'message', teamId: TEAM, message: { channelId, ts, userId: 'U0CLIENT', text } });
  await w.timers.plan(created.request, defaults);
  await new RedisClickLedger(redis, w.prefix).claim(TEAM, `request_claim:${id}:U0AINO:C0TRIAGE:1.000001`);
  await redis.set(teamKeys(w.prefix, TEAM).sendAttempt(`ack_${TEAM}_${id}`), String(at), 'EX', 3600);
  await w.queues.outboxPort.add({ kind: 'ack', teamId: TEAM, requestId: id });
  await new RedisClientLine(redis, w.prefix).markDone(TEAM, id, 1);
  await w.store.update(TEAM, id, { ackTs: `${ts}1`, lastUpdateAt: at + 800 }, { type: 'acknowledged', at: at + 800, data: { latencyMs: 800 } }, undefined, {
    deadLetter: { id: `card_${TEAM}_${id}_3`, job: { queue: 'outbox', data: { kind: 'card', teamId: TEAM, requestId: id, revision: 3 } }, requestId: id, code: 'channel_not_found', at },
  });
  if (options.dismiss) {
    await w.store.update(TEAM, id, { state: 'dismissed', dismissedBy: 'U0AINO' }, { type: 'dismissed', at: at + 5 * MIN, actorId: 'U0AINO' }, ['open']);
    return { id, ts, text, closedAt: at + 5 * MIN };
  }
  await w.store.update(TEAM, id, { state: 'in_progress', ownerId: 'U0AINO' }, { type: 'claimed', at: at + 2 * MIN, actorId: 'U0AINO' }, ['open']);
  await w.store.update(TEAM, id, { etaAt: at + 120 * MIN }, { type: 'eta_set', at: at + 10 * MIN, actorId: 'U0AINO', data: { etaAt: at + 120 * MIN, dueAt: at + 60 * MIN } });
  await w.store.update(TEAM, id, { state: 'resolved', resolvedAt: at + 90 * MIN, resolvedBy: 'U0AINO', closingTs: `${ts}9` }, { type: 'resolved', at: at + 90 * MIN, actorId: 'U0AINO' }, ['in_progress']);
  await w.store.linkMessage(TEAM, channelId, `${ts}9`, id);
  await w.store.update(TEAM, id, {}, { type: 'feedback', at: at + 100 * MIN, actorId: 'U0CLIENT', data: { rating: 'positive' } });
  return { id, ts, text, closedAt: at + 90 * MIN };
}

const report = (w: World) => reportUntil(w.deps, TEAM, T0 + 3 * DAY_MS);

describe('purgeExpired', () => {
  it('when a resolved request passes its retention, then nothing of it is left and the report stays the same', async () => {
    const w = fresh();
    const old = await closedRequest(w);
    const dismissed = await closedRequest(w, { dismiss: true });
    const recent = await closedRequest(w, { at: T0 + DAY_MS });
    const before = await report(w);
    expect(before.metrics).toMatchObject({ requests: 3, resolved: 2, feedback: { positive: 2, neutral: 0, negative: 0 }, medianTimeToAcknowledgeMs: 800, etaHits: 2 });
    expect(await keysNaming(redis, w.prefix, [old.id, old.ts, old.text])).not.toEqual([]);

    // One millisecond short of 180 days: kept.
    expect(await purgeExpired(w.deps, TEAM, old.closedAt + 180 * DAY_MS - 1)).toEqual({ purged: 1, kept: 0 });
    expect(await w.store.get(TEAM, dismissed.id)).toBeUndefined();
    expect(await w.store.get(TEAM, old.id)).toBeDefined();

    expect(await purgeExpired(w.deps, TEAM, old.closedAt + 180 * DAY_MS)).toEqual({ purged: 1, kept: 0 });
    for (const gone of [old, dismissed]) expect(await keysNaming(redis, w.prefix, [gone.id, gone.ts, gone.text])).toEqual([]);
    expect(await keysNaming(redis, w.prefix, [recent.id])).not.toEqual([]);
    expect((await report(w)).metrics).toEqual(before.metrics);
  });

  it('when a run stops half-way, then the next run purges the rest once and the figures still match', async () => {
    const w = fresh();
    const requests = [await closedRequest(w), await closedRequest(w, { dismiss: true }), await closedRequest(w), await closedRequest(w)];
    const before = await report(w);
    const now = T0 + 200 * DAY_MS;
    // The process dies at the third request's write: after its jobs went, before its keys did.
    let writes = 0;
    const crashing: RetentionStore = Object.create(w.deps.retention) as RetentionStore;
    crashing.remove = async (...args) => {
      if (++writes === 3) throw new Error('killed');
      return w.deps.retention.remove(...args);
    };
    await expect(purgeExpired({ ...w.deps, retention: crashing }, TEAM, now, 1)).rejects.toThrow('killed');
    // Two are all gone; the one being purged is all there still, log and indexes included.
    const left = [];
    for (const r of requests) if (await w.store.get(TEAM, r.id)) left.push(r);
    expect(left).toHaveLength(2);
    for (const r of left) {
      expect((await w.store.events(TEAM, r.id)).length).toBeGreaterThanOrEqual(3);
      expect(await redis.zscore(w.k.createdIndex, r.id)).not.toBeNull();
      expect(await redis.zscore(w.k.closedIndex, r.id)).not.toBeNull();
    }
    expect(await redis.hlen(w.k.archive)).toBe(2);

    expect(await purgeExpired(w.deps, TEAM, now, 1)).toEqual({ purged: 2, kept: 0 });
    expect(await purgeExpired(w.deps, TEAM, now, 1)).toEqual({ purged: 0, kept: 0 });
    for (const r of requests) expect(await keysNaming(redis, w.prefix, [r.id, r.ts, r.text])).toEqual([]);
    expect(await redis.hlen(w.k.archive)).toBe(4);
    expect((await report(w)).metrics).toEqual(before.metrics);
  });

  it('when requests share a batch card, then a purged one leaves its member list and the others stay on it', async () => {
    const w = fresh();
    const old = await closedRequest(w);
    const recent = await closedRequest(w, { at: T0 + DAY_MS });
    const open = await closedRequest(w, { at: T0 + DAY_MS });
    // The three were on one batch card in the triage channel.
    const batches = new RedisCardBatches(redis, w.prefix);
    for (const r of [old, recent, open]) await batches.join(TEAM, 'C0TRIAGE', r.id, 10);
    await batches.posted(TEAM, 'C0TRIAGE', 1, '1800.000001', new Map([[old.id, 9], [recent.id, 9], [open.id, 9]]));
    for (const r of [old, recent, open]) {
      await w.store.update(TEAM, r.id, { cardChannelId: 'C0TRIAGE', cardTs: '1800.000001' }, { type: 'card_posted', at: T0, data: { channel: 'C0TRIAGE', ts: '1800.000001' } });
    }
    await batches.done(TEAM, 'C0TRIAGE', 1);

    expect(await purgeExpired(w.deps, TEAM, old.closedAt + 180 * DAY_MS)).toEqual({ purged: 1, kept: 0 });
    expect(await keysNaming(redis, w.prefix, [old.id, old.ts, old.text])).toEqual([]);
    expect([...(await batches.cardMembers(TEAM, 'C0TRIAGE', '1800.000001')).keys()].sort()).toEqual([recent.id, open.id].sort());

    expect(await purgeExpired(w.deps, TEAM, recent.closedAt + 180 * DAY_MS)).toEqual({ purged: 2, kept: 0 });
    // The last one gone, so is the card's member list.
    expect(await redis.exists(w.k.cardMembers('C0TRIAGE', '1800.000001'))).toBe(0);
  });

  it("when a channel keeps requests 30 days, then its own are purged after 30 days and the others' after 180", async () => {
    const w = fresh();
    await w.settings.save(TEAM, 'C0SHORT', { retentionDays: 30 });
    await w.settings.save(TEAM, 'C0LONG', { retentionDays: 365 });
    const short = await closedRequest(w, { channelId: 'C0SHORT' });
    const normal = await closedRequest(w, { channelId: 'C0ACME' });
    const long = await closedRequest(w, { channelId: 'C0LONG' });

    expect(await purgeExpired(w.deps, TEAM, short.closedAt + 30 * DAY_MS)).toEqual({ purged: 1, kept: 2 });
    expect(await w.store.get(TEAM, short.id)).toBeUndefined();
    expect(await purgeExpired(w.deps, TEAM, normal.closedAt + 180 * DAY_MS)).toEqual({ purged: 1, kept: 1 });
    expect(await w.store.get(TEAM, normal.id)).toBeUndefined();
    expect(await w.store.get(TEAM, long.id)).toBeDefined();
    expect(await purgeExpired(w.deps, TEAM, long.closedAt + 365 * DAY_MS)).toEqual({ purged: 1, kept: 0 });
  });

  it('when a request was reopened, or closed before the closed index existed, then the index says which are due', async () => {
    const w = fresh();
    const reopened = await closedRequest(w);
    await w.store.update(TEAM, reopened.id, { state: 'in_progress', resolvedAt: null, resolvedBy: null }, { type: 'reopened', at: T0 + DAY_MS, actorId: 'U0AINO' }, ['resolved']);
    const older = await closedRequest(w, { dismiss: true });
    // As a request closed by an earlier version: not in the closed index.
    await redis.zrem(w.k.closedIndex, older.id);

    expect(await purgeExpired(w.deps, TEAM, T0 + 400 * DAY_MS)).toEqual({ purged: 1, kept: 0 });
    expect(await w.store.get(TEAM, older.id)).toBeUndefined();
    expect(await w.store.get(TEAM, reopened.id)).toMatchObject({ state: 'in_progress' });
  });
});
