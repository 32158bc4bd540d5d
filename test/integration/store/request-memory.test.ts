/**
 * Redis memory per open request stays under its budget (2 KB, issue 13), measured as the bench
 * measures it: MEMORY USAGE (exact, SAMPLES 0) of every key under a prefix of its own, divided by
 * the requests, with the request hash in Redis's compact encoding (listpack) however long its
 * values, with a default Redis configuration. Requests are made the way the app makes them (the
 * real scripts, TimerQueue, the relay's settling), enough of them that the team-wide sorted sets
 * are in their large encoding as at scale. MEMORY USAGE depends only on what is stored, so the
 * figures do not move between runs: a change that makes an open request bigger fails here.
 */
import { Redis } from 'ioredis';
import type { NewRequest } from '../../../src/app/ports';
import { anonymousHistoryOf } from '../../../src/domain/retention';
import { type TrackedRequest, excerptOf } from '../../../src/domain/request';
import { TimerQueue } from '../../../src/jobs/timer-queue';
import { teamKeys } from '../../../src/store/keys';
import { RedisRelayLedger } from '../../../src/store/redis-relay-ledger';
import { RedisRequestStore } from '../../../src/store/redis-request-store';
import { RedisRetentionStore } from '../../../src/store/redis-retention-store';
import { ALWAYS_OPEN_SETTINGS } from '../../support/channel-settings';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from '../../support/redis/key-prefix';

const TEAM = 'T0HOST';
const BUDGET = 2048;
/** More than zset-max-listpack-entries (128): the team-wide sets are skip lists, as at scale. */
const REQUESTS = 600;
const T0 = Date.UTC(2026, 10, 23, 8, 0, 0);
const HOUR = 3_600_000;
const redisUrl = process.env.REDIS_URL as string;
const basePrefix = uniqueKeyPrefix('request-memory');
const clock = { now: () => T0, msUntil: (at: number) => at - T0 };
/** The bench's excerpt (75 characters), and the longest a request keeps (300, with ä and ö: 2 bytes each). */
const SHORT = 'Our export job fails with error 500 and the nightly report is missing again';
const FULL = excerptOf('Hei! Tilausten vienti kaatuu joka yö virheeseen 500, ja aamun raportti puuttuu taas. Voisitteko katsoa lokit? '.repeat(4));
let redis: Redis;
let run = 0;

beforeAll(async () => {
  redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  // The figures hold for Redis's defaults; a server tuned otherwise would measure something else.
  expect(await redis.config('GET', 'hash-max-listpack-value')).toEqual(['hash-max-listpack-value', '64']);
  expect(await redis.config('GET', 'zset-max-listpack-entries')).toEqual(['zset-max-listpack-entries', '128']);
});
afterAll(async () => {
  await deleteKeysWithPrefix(redisUrl, basePrefix);
  await redis.quit();
});

function world() {
  const prefix = `${basePrefix}-${++run}`;
  return { prefix, store: new RedisRequestStore(redis, prefix), timers: new TimerQueue(redis, prefix, clock), ledger: new RedisRelayLedger(redis, prefix) };
}

/** n open requests as the bench makes them: 50 channels, two in three owned (by 5 people), each with its timer planned and its change relayed. */
async function fill(w: ReturnType<typeof world>, n: number, excerpt: string): Promise<TrackedRequest[]> {
  const made: TrackedRequest[] = [];
  for (let i = 0; i < n; i++) {
    const input: NewRequest = {
      teamId: TEAM, channelId: `C${String(i % 50).padStart(6, '0')}`, ts: `${1_790_000_000 + i}.000100`, clientUserId: `UC${i}`, clientName: 'Maria', excerpt,
      priority: i % 7 === 0 ? 'urgent' : 'normal', trigger: 'auto', createdAt: T0 - (i % 3600) * 1000, nextUpdateDueAt: T0 + HOUR + ((i * 7919) % (24 * HOUR)),
    };
    const created = await w.store.createOrJoin(input, 0);
    if (created.outcome !== 'created') throw new Error(created.outcome);
    let request = created.request;
    if (i % 3 !== 0) request = (await w.store.update(TEAM, request.id, { state: 'in_progress', ownerId: `UO${i % 5}` }, { type: 'claimed', at: input.createdAt })) as TrackedRequest;
    await w.timers.plan(request, ALWAYS_OPEN_SETTINGS);
    await w.ledger.settle(TEAM, request.id, await w.ledger.pending(TEAM, request.id));
    made.push(request);
  }
  return made;
}

/** Bytes per request: MEMORY USAGE of every key of the prefix, but the timers queue's fixed bookkeeping (its meta, id counter, marker). */
async function bytesPerRequest(prefix: string, n: number): Promise<number> {
  let total = 0;
  for (const key of await redis.keys(`${prefix}:*`)) {
    if (/:\{bull\}:timers:(meta|id|marker|events)$/.test(key)) continue;
    total += Number(await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0'));
  }
  return Math.round(total / n);
}

describe('memory per open request', () => {
  it.each([
    ['the bench\'s 75-character excerpt', SHORT],
    ['a full 300-character excerpt', FULL],
  ])('when %s, then an open request with its timer and index entries takes under 2 KB', async (_label, excerpt) => {
    // 2026-11-26: 1580 B with the short excerpt, 1902 B with the full one.
    const w = world();
    const requests = await fill(w, REQUESTS, excerpt);
    for (const r of requests.slice(0, 20)) expect(await redis.object('ENCODING', teamKeys(w.prefix, TEAM).request(r.id))).toBe('listpack');
    expect(await redis.object('ENCODING', teamKeys(w.prefix, TEAM).index('all', 'due'))).toBe('skiplist');
    // No BullMQ job for a timer that is not due.
    expect(await redis.keys(`${w.prefix}:{bull}:timers:reminder_*`)).toEqual([]);
    expect(await bytesPerRequest(w.prefix, REQUESTS)).toBeLessThan(BUDGET);
  });
});

describe('the request hash stays compact through its life', () => {
  it('when a request has a full excerpt, six continuations, a long wait that ends and an edited excerpt, then its hash stays a listpack and reads back whole', async () => {
    const w = world();
    const k = teamKeys(w.prefix, TEAM);
    const input: NewRequest = {
      teamId: TEAM, channelId: 'C0SHARED', ts: '1790000000.000100', clientUserId: 'U0CLIENT', clientName: 'Maria-Liisa Virtanen-Äijälä (Acme Oy, tietohallinto)', excerpt: FULL,
      priority: 'normal', trigger: 'auto', createdAt: T0, nextUpdateDueAt: T0 + HOUR,
    };
    const created = await w.store.createOrJoin(input, 120_000);
    if (created.outcome !== 'created') throw new Error(created.outcome);
    const id = created.request.id;
    const joined = Array.from({ length: 6 }, (_, i) => `17900000${10 + i}.000200`);
    for (const [i, ts] of joined.entries()) expect((await w.store.createOrJoin({ ...input, ts, createdAt: T0 + (i + 1) * 1000 }, 120_000)).outcome).toBe('joined');
    const waiting = 'Eilisen illan lokitiedostot palvelimelta, kiitos — ja tieto siitä, milloin vienti viimeksi onnistui. '.repeat(3).slice(0, 300);
    await w.store.update(TEAM, id, { state: 'waiting_on_client', waitingSince: T0 + HOUR, waitingFor: waiting }, { type: 'waiting_on_client', at: T0 + HOUR });
    expect(await redis.object('ENCODING', k.request(id))).toBe('listpack');
    expect(await w.store.get(TEAM, id)).toMatchObject({ excerpt: FULL, joinedTs: joined, waitingFor: waiting, clientName: input.clientName });

    await w.store.update(TEAM, id, { state: 'in_progress', waitingSince: null, waitingFor: null }, { type: 'client_replied', at: T0 + 2 * HOUR });
    await w.store.update(TEAM, id, { excerpt: 'Fixed typo: the export fails' }, { type: 'edited', at: T0 + 2 * HOUR });
    expect((await redis.hkeys(k.request(id))).filter((f) => /^(waitingFor|waitingSince|excerpt~)/.test(f))).toEqual([]);
    expect(await redis.object('ENCODING', k.request(id))).toBe('listpack');
    const after = (await w.store.get(TEAM, id)) as TrackedRequest;
    expect(after).toMatchObject({ excerpt: 'Fixed typo: the export fails', joinedTs: joined });
    expect(after.waitingFor).toBeUndefined();

    // The purge finds every continuation's message link among the pieces.
    for (const ts of joined) expect(await redis.get(k.message('C0SHARED', ts))).toBe(id);
    const events = await w.store.events(TEAM, id);
    expect(await new RedisRetentionStore(redis, w.prefix).remove(TEAM, { request: after, events }, anonymousHistoryOf({ request: after, events }), { onlyClosed: false, keys: [] })).toBe('removed');
    for (const ts of ['1790000000.000100', ...joined]) expect(await redis.exists(k.message('C0SHARED', ts))).toBe(0);
  });

  it('when a hash an earlier version wrote holds its values whole (a hash table), then it reads the same and a continuation joins it', async () => {
    const w = world();
    const k = teamKeys(w.prefix, TEAM);
    const input: NewRequest = {
      teamId: TEAM, channelId: 'C0SHARED', ts: '1790000100.000100', clientUserId: 'U0CLIENT', clientName: 'Maria', excerpt: 'short', priority: 'normal', trigger: 'auto', createdAt: T0, nextUpdateDueAt: T0 + HOUR,
    };
    const created = await w.store.createOrJoin(input, 120_000);
    if (created.outcome !== 'created') throw new Error(created.outcome);
    const id = created.request.id;
    const old = ['1790000101.000100', '1790000102.000100', '1790000103.000100', '1790000104.000100'];
    await redis.hdel(k.request(id), 'excerpt~1');
    await redis.hset(k.request(id), 'excerpt', FULL, 'joinedTs', old.join(','));
    expect(await redis.object('ENCODING', k.request(id))).toBe('hashtable');
    expect(await w.store.get(TEAM, id)).toMatchObject({ excerpt: FULL, joinedTs: old });
    expect((await w.store.createOrJoin({ ...input, ts: '1790000105.000100', createdAt: T0 + 1000 }, 120_000)).outcome).toBe('joined');
    expect((await w.store.get(TEAM, id))?.joinedTs).toEqual([...old, '1790000105.000100']);
  });
});
