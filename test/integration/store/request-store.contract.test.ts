/** The RequestStore contract, run against Redis and against the in-memory fake. */
import { Redis } from 'ioredis';
import type { NewRequest, RequestStore } from '../../../src/app/ports';
import { RedisRequestStore } from '../../../src/store/redis-request-store';
import { InMemoryRequestStore } from '../../fakes/in-memory-request-store';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from '../../support/redis/key-prefix';

const T0 = Date.UTC(2026, 10, 23, 10, 0, 0);
const WINDOW = 120_000;

function newRequest(overrides: Partial<NewRequest> = {}): NewRequest {
  return {
    teamId: 'T0HOST',
    channelId: 'C0SHARED',
    ts: '1700000000.000100',
    clientUserId: 'U0CLIENT',
    clientName: 'Maria',
    excerpt: 'Our export fails',
    priority: 'normal',
    trigger: 'auto',
    createdAt: T0,
    nextUpdateDueAt: T0 + 3_600_000,
    ...overrides,
  };
}

const redisUrl = process.env.REDIS_URL as string;
const prefix = uniqueKeyPrefix('request-store');
let redis: Redis;

beforeAll(() => {
  redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
});
afterAll(async () => {
  await deleteKeysWithPrefix(redisUrl, prefix);
  await redis.quit();
});

let counter = 0;
const stores: Array<[string, () => RequestStore]> = [
  ['RedisRequestStore', () => new RedisRequestStore(redis, `${prefix}-${++counter}`)],
  ['InMemoryRequestStore', () => new InMemoryRequestStore()],
];

describe.each(stores)('%s', (_name, makeStore) => {
  let store: RequestStore;
  beforeEach(() => {
    store = makeStore();
  });

  it('when a message is new, then a request is created with an open state and a created event', async () => {
    const result = await store.createOrJoin(newRequest(), WINDOW);
    expect(result.outcome).toBe('created');
    if (result.outcome !== 'created') return;
    expect(result.request).toMatchObject({ state: 'open', clientName: 'Maria', revision: 0, joinedTs: [] });
    expect(await store.findByMessage('T0HOST', 'C0SHARED', '1700000000.000100')).toBe(result.request.id);
    expect((await store.events('T0HOST', result.request.id)).map((e) => e.type)).toEqual(['created']);
  });

  it.each<[string, Partial<NewRequest>]>([
    ['the fewest fields', {}],
    ['every optional field', { threadTs: '1699999000.000100', clientTz: 'America/New_York', priority: 'urgent', trigger: 'reaction', actorId: 'U0AINO' }],
    ['a long excerpt with non-ASCII text', { excerpt: `Tuotanto ei toimi — ${'ääkkösiä ja emoji 🙂 '.repeat(40)}`, clientName: 'Märta Ö' }],
  ])('when a request is created with %s, then the request answered is the one a read gives', async (_case, overrides) => {
    const result = await store.createOrJoin(newRequest(overrides), WINDOW);
    if (result.outcome !== 'created') throw new Error(result.outcome);
    expect(result.request).toEqual(await store.get('T0HOST', result.request.id));
  });

  it.each([
    ['New York', { clientTz: 'America/New_York' }, 'America/New_York'],
    ['unknown (Slack gave none)', {}, undefined],
  ])("when the client's zone is %s, then the request keeps it as given", async (_label, overrides, expected) => {
    const result = await store.createOrJoin(newRequest(overrides), WINDOW);
    if (result.outcome !== 'created') throw new Error(result.outcome);
    expect(result.request.clientTz).toBe(expected);
    expect((await store.get('T0HOST', result.request.id))?.clientTz).toBe(expected);
  });

  it('when the same message is created twice concurrently, then exactly one request exists', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => store.createOrJoin(newRequest(), WINDOW)));
    expect(results.filter((r) => r.outcome === 'created')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'duplicate')).toHaveLength(19);
  });

  it.each([
    ['within the window', 60_000, 'joined'],
    ['exactly at the window', WINDOW, 'joined'],
    ['after the window', WINDOW + 1, 'created'],
    ['earlier (handled out of order) within the window', -30_000, 'joined'],
    ['earlier, outside the window', -(WINDOW + 1), 'created'],
  ])('when the same client writes again %s (%i ms later), then the message is %s', async (_label, delta, outcome) => {
    await store.createOrJoin(newRequest(), WINDOW);
    const second = await store.createOrJoin(newRequest({ ts: '1700000060.000200', createdAt: T0 + delta }), WINDOW);
    expect(second.outcome).toBe(outcome);
  });

  it('when another client writes within the window, then a separate request is created', async () => {
    await store.createOrJoin(newRequest(), WINDOW);
    const other = await store.createOrJoin(newRequest({ ts: '1700000001.000100', clientUserId: 'U0OTHER' }), WINDOW);
    expect(other.outcome).toBe('created');
  });

  it('when a message joins, then it is recorded on the request and the revision moves', async () => {
    const first = await store.createOrJoin(newRequest(), WINDOW);
    const joined = await store.createOrJoin(newRequest({ ts: '1700000030.000100', createdAt: T0 + 30_000 }), WINDOW);
    expect(joined.outcome).toBe('joined');
    if (joined.outcome !== 'joined' || first.outcome !== 'created') return;
    expect(joined.request.id).toBe(first.request.id);
    expect(joined.request.joinedTs).toEqual(['1700000030.000100']);
    expect(joined.request.revision).toBe(1);
  });

  it('when the window is 0 (manual triggers), then a message never joins', async () => {
    await store.createOrJoin(newRequest(), WINDOW);
    const second = await store.createOrJoin(newRequest({ ts: '1700000001.000100', createdAt: T0 + 1000 }), 0);
    expect(second.outcome).toBe('created');
  });

  it('when the last request was dismissed, then a new message opens a new request', async () => {
    const first = await store.createOrJoin(newRequest(), WINDOW);
    if (first.outcome !== 'created') throw new Error('setup');
    await store.update('T0HOST', first.request.id, { state: 'dismissed' }, { type: 'dismissed', at: T0 + 1 });
    const second = await store.createOrJoin(newRequest({ ts: '1700000002.000100', createdAt: T0 + 2000 }), WINDOW);
    expect(second.outcome).toBe('created');
  });

  it('when the living acknowledgement is recorded and folds come, then it reads back as written and the revision stays', async () => {
    const first = await store.createOrJoin(newRequest(), WINDOW);
    if (first.outcome !== 'created') throw new Error('setup');
    const id = first.request.id;
    const at = T0 + 1_000;
    const acked = await store.update('T0HOST', id, { ackTs: '1700000001.000200', living: { at, promisedAt: T0 + 3_600_000 } }, { type: 'acknowledged', at });
    expect(acked?.living).toEqual({ at, promisedAt: T0 + 3_600_000 });
    const folded = await store.update('T0HOST', id, { living: { at, promisedAt: T0 + 3_600_000, ownerId: 'U0AINO', etaSeq: 1 } }, { type: 'ack_folded', at: at + 1 });
    expect(folded?.living).toEqual({ at, promisedAt: T0 + 3_600_000, ownerId: 'U0AINO', etaSeq: 1 });
    const movedOn = await store.update('T0HOST', id, { ackMovedOnAt: at + 2 }, { type: 'ack_moved_on', at: at + 2 });
    expect(movedOn).toMatchObject({ ackMovedOnAt: at + 2, living: { ownerId: 'U0AINO', etaSeq: 1 }, revision: first.request.revision });
    expect(await store.get('T0HOST', id)).toEqual(movedOn);
  });

  it('when a guarded update meets another state, then nothing changes', async () => {
    const first = await store.createOrJoin(newRequest(), WINDOW);
    if (first.outcome !== 'created') throw new Error('setup');
    const id = first.request.id;
    const dismissed = await store.update('T0HOST', id, { state: 'dismissed', dismissedBy: 'U0LEAD' }, { type: 'dismissed', at: T0 + 1 }, ['open']);
    expect(dismissed).toMatchObject({ state: 'dismissed', dismissedBy: 'U0LEAD', revision: 1 });
    const again = await store.update('T0HOST', id, { state: 'dismissed' }, { type: 'dismissed', at: T0 + 2 }, ['open']);
    expect(again).toBeUndefined();
    expect((await store.events('T0HOST', id)).map((e) => e.type)).toEqual(['created', 'dismissed']);
  });

  it('when bookkeeping fields are recorded, then the revision stays', async () => {
    const first = await store.createOrJoin(newRequest(), WINDOW);
    if (first.outcome !== 'created') throw new Error('setup');
    const updated = await store.update(
      'T0HOST',
      first.request.id,
      { ackTs: '1700000000.000200', lastUpdateAt: T0 + 500 },
      { type: 'acknowledged', at: T0 + 500 },
    );
    expect(updated).toMatchObject({ ackTs: '1700000000.000200', lastUpdateAt: T0 + 500, revision: 0 });
  });

  it('when a patch sets null, then the field is cleared, and countUpdate counts one per update', async () => {
    const first = await store.createOrJoin(newRequest(), WINDOW);
    if (first.outcome !== 'created') throw new Error('setup');
    const id = first.request.id;
    const withEta = await store.update('T0HOST', id, { etaAt: T0 + 3_600_000, countUpdate: true }, { type: 'eta_set', at: T0 + 1 });
    expect(withEta).toMatchObject({ etaAt: T0 + 3_600_000, updateCount: 1 });
    const cleared = await store.update('T0HOST', id, { etaAt: null, countUpdate: true }, { type: 'eta_set', at: T0 + 2 });
    expect(cleared?.etaAt).toBeUndefined();
    expect(cleared?.updateCount).toBe(2);
    expect((await store.get('T0HOST', id))?.etaAt).toBeUndefined();
  });

  it.each<[string, { states?: Array<'open' | 'in_progress'>; updateCount?: number; nextUpdateDueAt?: number }, boolean]>([
    ['the due time it moves on is still the due time', { states: ['open'], nextUpdateDueAt: T0 + 3_600_000 }, true],
    ['the due time moved meanwhile', { states: ['open'], nextUpdateDueAt: T0 + 1 }, false],
    ['the due time holds but the state does not', { states: ['in_progress'], nextUpdateDueAt: T0 + 3_600_000 }, false],
    ['the due time and the update count hold', { updateCount: 0, nextUpdateDueAt: T0 + 3_600_000 }, true],
    ['the due time holds but the update count does not', { updateCount: 1, nextUpdateDueAt: T0 + 3_600_000 }, false],
  ])('when a change is guarded by the next due time and %s, then it applies: %s', async (_label, guard, applies) => {
    const first = await store.createOrJoin(newRequest({ nextUpdateDueAt: T0 + 3_600_000 }), WINDOW);
    if (first.outcome !== 'created') throw new Error('setup');
    const changed = await store.update('T0HOST', first.request.id, { escalatedFor: T0 + 3_600_000, nextUpdateDueAt: T0 + 7_200_000 }, { type: 'escalated', at: T0 + 2 }, guard);
    expect(changed !== undefined).toBe(applies);
    expect((await store.get('T0HOST', first.request.id))?.nextUpdateDueAt).toBe(applies ? T0 + 7_200_000 : T0 + 3_600_000);
  });

  it('when concurrent updates each count one, then every count is distinct', async () => {
    const first = await store.createOrJoin(newRequest(), WINDOW);
    if (first.outcome !== 'created') throw new Error('setup');
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => store.update('T0HOST', first.request.id, { countUpdate: true }, { type: 'update_posted', at: T0 + i })),
    );
    expect(new Set(results.map((r) => r?.updateCount)).size).toBe(10);
  });

  it('when one of our messages is linked, then findByMessage answers for it and an earlier link stays', async () => {
    const first = await store.createOrJoin(newRequest(), WINDOW);
    if (first.outcome !== 'created') throw new Error('setup');
    await store.linkMessage('T0HOST', 'C0SHARED', '1700000099.000100', first.request.id);
    expect(await store.findByMessage('T0HOST', 'C0SHARED', '1700000099.000100')).toBe(first.request.id);
    await store.linkMessage('T0HOST', 'C0SHARED', '1700000099.000100', 'R99999999');
    expect(await store.findByMessage('T0HOST', 'C0SHARED', '1700000099.000100')).toBe(first.request.id);
  });

  it('when a request does not exist, then get and update answer undefined, and record false', async () => {
    expect(await store.get('T0HOST', 'R99999999')).toBeUndefined();
    expect(await store.update('T0HOST', 'R99999999', { state: 'dismissed' }, { type: 'dismissed', at: T0 })).toBeUndefined();
    expect(await store.record('T0HOST', 'R99999999', { state: 'dismissed' }, { type: 'dismissed', at: T0 })).toBe(false);
  });

  it('when a change is recorded, then it applies as an update does, and a guard that fails changes nothing', async () => {
    const first = await store.createOrJoin(newRequest(), WINDOW);
    if (first.outcome !== 'created') throw new Error('setup');
    const id = first.request.id;
    expect(await store.record('T0HOST', id, { ackTs: '1700000001.000200', lastUpdateAt: T0 + 1 }, { type: 'acknowledged', at: T0 + 1 }, ['open'])).toBe(true);
    expect(await store.get('T0HOST', id)).toMatchObject({ ackTs: '1700000001.000200', lastUpdateAt: T0 + 1, revision: 0 });
    expect(await store.record('T0HOST', id, { state: 'in_progress' }, { type: 'dismissed', at: T0 + 2 }, ['dismissed'])).toBe(false);
    expect((await store.get('T0HOST', id))?.state).toBe('open');
    expect((await store.events('T0HOST', id)).map((e) => e.type)).toEqual(['created', 'acknowledged']);
  });

  it('when teams differ, then their requests never mix', async () => {
    await store.createOrJoin(newRequest(), WINDOW);
    const other = await store.createOrJoin(newRequest({ teamId: 'T0OTHER' }), WINDOW);
    expect(other.outcome).toBe('created');
  });
});
