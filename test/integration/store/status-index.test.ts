/**
 * The status indexes against a real Redis: kept in step with every change the request store
 * makes (checked against a recomputation from the request hashes after random changes), and
 * read by RedisStatusIndex with counts and rows per scope.
 */
import fc from 'fast-check';
import { Redis } from 'ioredis';
import type { NewRequest, RequestPatch } from '../../../src/app/ports';
import type { RequestState } from '../../../src/domain/request';
import { RedisRequestStore } from '../../../src/store/redis-request-store';
import { RedisStatusIndex } from '../../../src/store/redis-status-index';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from '../../support/redis/key-prefix';
import { teamKeys } from '../../../src/store/keys';

const T0 = Date.UTC(2026, 10, 23, 10, 0, 0);
const HOUR = 3_600_000;
const TEAM = 'T0HOST';
const redisUrl = process.env.REDIS_URL as string;
const basePrefix = uniqueKeyPrefix('status-index');
let redis: Redis;
let run = 0;

beforeAll(() => {
  redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
});
afterAll(async () => {
  await deleteKeysWithPrefix(redisUrl, basePrefix);
  await redis.quit();
});

function fresh() {
  const prefix = `${basePrefix}-${++run}`;
  return { prefix, store: new RedisRequestStore(redis, prefix), index: new RedisStatusIndex(redis, prefix) };
}

let tsCounter = 0;
function newRequest(over: Partial<NewRequest> = {}): NewRequest {
  tsCounter += 1;
  return {
    teamId: TEAM,
    channelId: 'C0A',
    ts: `1700000000.${String(tsCounter).padStart(6, '0')}`,
    clientUserId: `U0C${tsCounter}`,
    clientName: 'Maria',
    excerpt: 'Exports fail',
    priority: 'normal',
    trigger: 'auto',
    createdAt: T0 + tsCounter,
    nextUpdateDueAt: T0 + HOUR,
    ...over,
  };
}

async function create(store: RedisRequestStore, over: Partial<NewRequest> = {}) {
  const result = await store.createOrJoin(newRequest(over), 0);
  if (result.outcome !== 'created') throw new Error('setup');
  return result.request.id;
}

describe('RedisStatusIndex', () => {
  it('when requests move through their states, then counts and rows per scope follow', async () => {
    const { store, index } = fresh();
    const a = await create(store, { channelId: 'C0A', nextUpdateDueAt: T0 + 1 * HOUR });
    const b = await create(store, { channelId: 'C0A', nextUpdateDueAt: T0 + 3 * HOUR });
    const c = await create(store, { channelId: 'C0B', nextUpdateDueAt: T0 + 2 * HOUR });
    const d = await create(store, { channelId: 'C0B', nextUpdateDueAt: T0 + 4 * HOUR });
    await store.update(TEAM, b, { state: 'in_progress', ownerId: 'U0AINO' }, { type: 'claimed', at: T0 });
    await store.update(TEAM, c, { state: 'in_progress', ownerId: 'U0AINO', etaAt: T0 + 5 * HOUR, etaMissFlaggedFor: T0 + 5 * HOUR }, { type: 'eta_missed', at: T0 });
    await store.update(TEAM, d, { state: 'resolved' }, { type: 'resolved', at: T0 });
    const now = T0 + 2.5 * HOUR;

    const all = await index.page(TEAM, { kind: 'all' }, 'all', now, 0, 10);
    expect(all.counts).toEqual({ open: 3, unowned: 1, overdue: 2, etaMissed: 1, waiting: 0 });
    expect(all.rows.map((r) => r.id)).toEqual([a, c, b]);

    expect((await index.page(TEAM, { kind: 'all' }, 'overdue', now, 0, 10)).rows.map((r) => r.id)).toEqual([a, c]);
    expect((await index.page(TEAM, { kind: 'all' }, 'unowned', now, 0, 10)).rows.map((r) => r.id)).toEqual([a]);
    expect((await index.page(TEAM, { kind: 'owner', userId: 'U0AINO' }, 'all', now, 0, 10)).rows.map((r) => r.id)).toEqual([c, b]);
    const channelB = await index.page(TEAM, { kind: 'channel', channelId: 'C0B' }, 'all', now, 0, 10);
    expect(channelB.rows.map((r) => r.id)).toEqual([c]);
    expect(channelB.counts).toMatchObject({ open: 1, etaMissed: 1 });

    await store.update(TEAM, b, { state: 'waiting_on_client' }, { type: 'waiting_on_client', at: T0 });
    const waiting = await index.page(TEAM, { kind: 'all' }, 'all', now, 0, 10);
    expect(waiting.counts.waiting).toBe(1);
    expect(waiting.rows.map((r) => r.id)).toEqual([a, c, b]); // waiting comes last

    const client = await index.page(TEAM, { kind: 'client', name: 'Acme', channelIds: ['C0A', 'C0B'] }, 'all', now, 1, 1);
    expect(client.rows.map((r) => r.id)).toEqual([c]); // the second most urgent of both channels
    expect(client.counts.open).toBe(3);
  });

  it('when a resolved request is reopened, then it is indexed again', async () => {
    const { store, index } = fresh();
    const a = await create(store);
    await store.update(TEAM, a, { state: 'resolved' }, { type: 'resolved', at: T0 });
    expect((await index.page(TEAM, { kind: 'all' }, 'all', T0, 0, 10)).counts.open).toBe(0);
    await store.update(TEAM, a, { state: 'open' }, { type: 'reopened', at: T0 });
    expect((await index.page(TEAM, { kind: 'all' }, 'all', T0, 0, 10)).rows.map((r) => r.id)).toEqual([a]);
  });

  it('when random changes are applied, then the indexes always equal a recomputation from the requests', async () => {
    const states: RequestState[] = ['open', 'in_progress', 'waiting_on_client', 'resolved', 'dismissed'];
    const change = fc.record({
      target: fc.nat(5),
      state: fc.option(fc.constantFrom(...states), { nil: undefined }),
      ownerId: fc.option(fc.constantFrom('U0AINO', 'U0LEAD'), { nil: undefined }),
      due: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
      eta: fc.option(fc.constantFrom<'set' | 'clear' | 'miss'>('set', 'clear', 'miss'), { nil: undefined }),
      // An escalation (with a holding line moving the due time on), or a real update paying it.
      debt: fc.option(fc.constantFrom<'escalate' | 'hold' | 'pay'>('escalate', 'hold', 'pay'), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 25 }), async (changes) => {
        const { prefix, store } = fresh();
        const ids: string[] = [];
        for (let i = 0; i < 6; i++) ids.push(await create(store, { channelId: i % 2 ? 'C0A' : 'C0B' }));
        for (const c of changes) {
          const id = ids[c.target] as string;
          const current = await store.get(TEAM, id);
          const patch: RequestPatch = {};
          if (c.state) patch.state = c.state;
          if (c.ownerId) patch.ownerId = c.ownerId;
          if (c.due !== undefined) patch.nextUpdateDueAt = T0 + c.due * HOUR;
          if (c.eta === 'set') patch.etaAt = T0 + 7 * HOUR;
          if (c.eta === 'clear') patch.etaAt = null;
          if (c.eta === 'miss' && current?.etaAt !== undefined) patch.etaMissFlaggedFor = current.etaAt;
          const due = patch.nextUpdateDueAt ?? current?.nextUpdateDueAt ?? T0;
          if (c.debt === 'escalate') patch.escalatedFor = due;
          if (c.debt === 'hold') Object.assign(patch, { escalatedFor: due, nextUpdateDueAt: due + 2 * HOUR });
          if (c.debt === 'pay') patch.lastUpdateAt = T0 + 11 * HOUR;
          await store.update(TEAM, id, patch, { type: 'update_posted', at: T0 });
        }
        expect(await indexSnapshot(prefix)).toEqual(await expectedSnapshot(store, ids));
      }),
      { numRuns: 40 },
    );
  });
});

/** Every index set's members with scores, as stored. */
async function indexSnapshot(prefix: string): Promise<Record<string, string[]>> {
  const indexPrefix = teamKeys(prefix, TEAM).index('', 'due').slice(0, -':due'.length);
  const keys = (await redis.keys(`${indexPrefix}*:*`)).filter((k) => /:(due|unowned|waiting|etamissed)$/.test(k));
  const out: Record<string, string[]> = {};
  for (const key of keys.sort()) {
    const members = await redis.zrange(key, 0, -1, 'WITHSCORES');
    if (members.length > 0) out[key.slice(indexPrefix.length)] = members;
  }
  return out;
}

/** The same sets recomputed from the request hashes by the rules of src/store/index-scripts.ts. */
async function expectedSnapshot(store: RedisRequestStore, ids: string[]): Promise<Record<string, string[]>> {
  const sets = new Map<string, Array<[string, number]>>();
  const add = (key: string, id: string, score: number) => sets.set(key, [...(sets.get(key) ?? []), [id, score]]);
  for (const id of ids) {
    const r = await store.get(TEAM, id);
    if (!r || r.state === 'resolved' || r.state === 'dismissed') continue;
    const waiting = r.state === 'waiting_on_client';
    const owed = r.escalatedFor !== undefined && r.escalatedFor > (r.lastUpdateAt ?? r.createdAt) ? r.escalatedFor : undefined;
    const due = waiting ? 9e15 : Math.min(r.nextUpdateDueAt, owed ?? r.nextUpdateDueAt);
    const scopes = ['all', `ch:${r.channelId}`, ...(r.ownerId ? [`owner:${r.ownerId}`] : [])];
    scopes.forEach((scope, i) => {
      add(`${scope}:due`, id, due);
      if (!r.ownerId && i < 2) add(`${scope}:unowned`, id, due);
      if (waiting) add(`${scope}:waiting`, id, r.createdAt);
      if (r.etaAt !== undefined && r.etaMissFlaggedFor === r.etaAt) add(`${scope}:etamissed`, id, r.etaAt);
    });
  }
  const out: Record<string, string[]> = {};
  for (const key of [...sets.keys()].sort()) {
    const members = (sets.get(key) ?? []).sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
    out[key] = members.flatMap(([id, score]) => [id, String(score)]);
  }
  return out;
}
