/**
 * The relay ledger on a real Redis: what a change promises is recorded in the same write as the
 * change (in order), settling removes only what the relay read and handed on, a change made while
 * the relay was at work keeps the request marked (the generation), and `stale()` hands out the
 * requests a crash left behind and pushes them back so that a failing one is not retried at every
 * sweep.
 */
import { Redis } from 'ioredis';
import { type Intent, NEW_REQUEST_ID } from '../../../src/app/ports';
import type { RequestEvent } from '../../../src/domain/request';
import { teamKeys } from '../../../src/store/keys';
import { RedisRelayLedger } from '../../../src/store/redis-relay-ledger';
import { RedisRequestStore } from '../../../src/store/redis-request-store';
import { NEW_REQUEST_T0, freshTs, newRequestInput } from '../../support/new-request';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from '../../support/redis/key-prefix';

const TEAM = 'T0HOST';
const T0 = NEW_REQUEST_T0;
const redisUrl = process.env.REDIS_URL as string;
const prefix = uniqueKeyPrefix('relay-ledger');
const keys = teamKeys(prefix, TEAM);
let redis: Redis;
let store: RedisRequestStore;
let ledger: RedisRelayLedger;

beforeAll(() => {
  redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  store = new RedisRequestStore(redis, prefix);
  ledger = new RedisRelayLedger(redis, prefix);
});
afterAll(async () => {
  await deleteKeysWithPrefix(redisUrl, prefix);
  await redis.quit();
});

const newRequest = () => newRequestInput();

/** A request whose creation (and its acknowledgement) is already relayed and settled. */
async function settledRequest(): Promise<string> {
  const created = await store.createOrJoin(newRequest(), 0, [{ kind: 'ack', teamId: TEAM, requestId: NEW_REQUEST_ID }]);
  if (created.outcome !== 'created') throw new Error(`expected a new request, got ${created.outcome}`);
  const id = created.request.id;
  expect(await ledger.settle(TEAM, id, await ledger.pending(TEAM, id))).toBe(true);
  return id;
}

const update = (id: string, seq: number): Intent => ({
  kind: 'client_update',
  teamId: TEAM,
  requestId: id,
  seq,
  update: { type: 'still_on_it', nextUpdateDueAt: T0 + seq * 3_600_000 },
});
const event = (type: RequestEvent['type']): RequestEvent => ({ type, at: T0, actorId: 'U0AINO' });
const marked = async (id: string) => (await redis.zscore(keys.relay, id)) !== null;
/** The intents as recorded, without their place in the client's line (see the test of the line). */
const intentsOf = async (id: string) =>
  (await ledger.pending(TEAM, id)).intents.map(({ intent }) => {
    const { order: _order, after: _after, ...rest } = intent as Intent & { order?: number; after?: number };
    return rest;
  });
const placesOf = async (id: string) =>
  (await ledger.pending(TEAM, id)).intents.map(({ intent }) => [intent.kind, (intent as { order?: number }).order, (intent as { after?: number }).after]);

describe('recording', () => {
  it('when a request is created with intents, then they name the new request and it is marked for the relay', async () => {
    const created = await store.createOrJoin(newRequest(), 0, [{ kind: 'ack', teamId: TEAM, requestId: NEW_REQUEST_ID }]);
    if (created.outcome !== 'created') throw new Error('not created');
    const id = created.request.id;
    expect(await intentsOf(id)).toEqual([{ kind: 'ack', teamId: TEAM, requestId: id }]);
    expect(await marked(id)).toBe(true);
  });

  it('when two changes each record intents, then the relay reads them all in the order they were recorded', async () => {
    const id = await settledRequest();
    const first: Intent[] = [
      { kind: 'announce_owner', teamId: TEAM, requestId: id, ownerId: 'U0AINO' },
      { kind: 'ask_eta', teamId: TEAM, requestId: id, ownerId: 'U0AINO' },
      update(id, 1),
    ];
    const second: Intent[] = [update(id, 2), { kind: 'closing', teamId: TEAM, requestId: id, resolvedAt: T0 + 1 }];
    await store.update(TEAM, id, { ownerId: 'U0AINO', state: 'in_progress' }, event('claimed'), ['open'], { intents: first });
    await store.update(TEAM, id, { state: 'resolved', resolvedAt: T0 + 1 }, event('resolved'), ['in_progress'], { intents: second });

    expect(await intentsOf(id)).toEqual([...first, ...second]);
    expect(await marked(id)).toBe(true);
  });

  it('when the same intent is recorded again before the relay, then it is read once, in its latest place (its job id would queue it once anyway)', async () => {
    const id = await settledRequest();
    const notice: Intent = { kind: 'notify_owner', teamId: TEAM, requestId: id, messageTs: '1700000001.000100', reason: 'client_wrote' };
    await store.update(TEAM, id, {}, event('client_wrote'), undefined, { intents: [notice] });
    await store.update(TEAM, id, {}, event('client_wrote'), undefined, { intents: [update(id, 1)] });
    await store.update(TEAM, id, {}, event('client_wrote'), undefined, { intents: [notice] });
    expect(await intentsOf(id)).toEqual([update(id, 1), notice]);
  });

  it('when changes record client messages, then each takes its place in the request\'s line after the one before it', async () => {
    const created = await store.createOrJoin(newRequest(), 0, [{ kind: 'ack', teamId: TEAM, requestId: NEW_REQUEST_ID }]);
    if (created.outcome !== 'created') throw new Error('not created');
    const id = created.request.id;
    await store.update(TEAM, id, { ownerId: 'U0AINO', state: 'in_progress' }, event('claimed'), ['open'], {
      intents: [{ kind: 'announce_owner', teamId: TEAM, requestId: id, ownerId: 'U0AINO' }, { kind: 'ask_eta', teamId: TEAM, requestId: id, ownerId: 'U0AINO' }],
    });
    await store.update(TEAM, id, {}, event('update_posted'), undefined, { intents: [update(id, 1)] });
    // ask_eta is a DM, not in the client's line: it has no place.
    expect(await placesOf(id)).toEqual([
      ['ack', 1, 0],
      ['announce_owner', 2, 1],
      ['ask_eta', undefined, undefined],
      ['client_update', 4, 2],
    ]);
  });

  it('when the guard fails, then neither the change nor its intents are recorded and no mark is added', async () => {
    const id = await settledRequest();
    const result = await store.update(TEAM, id, { state: 'resolved' }, event('resolved'), ['in_progress'], { intents: [update(id, 1)] });
    expect(result).toBeUndefined();
    expect(await intentsOf(id)).toEqual([]);
    expect(await marked(id)).toBe(false);
    expect((await store.get(TEAM, id))?.state).toBe('open');
  });

  it('when a change numbers an update by a count that moved meanwhile, then it records nothing', async () => {
    const id = await settledRequest();
    await store.update(TEAM, id, { countUpdate: true }, event('update_posted'), { states: ['open'], updateCount: 0 }, { intents: [update(id, 1)] });
    // A second writer read the count before the first wrote: its update 1 must not be recorded.
    const late = await store.update(TEAM, id, { countUpdate: true }, event('update_posted'), { states: ['open'], updateCount: 0 }, { intents: [update(id, 1)] });
    expect(late).toBeUndefined();
    expect(await intentsOf(id)).toEqual([update(id, 1)]);
    expect((await store.get(TEAM, id))?.updateCount).toBe(1);
  });

  it('when a change asks for no relay and promises nothing, then no mark is added; relay: true marks it without intents', async () => {
    const id = await settledRequest();
    await store.update(TEAM, id, { lastUpdateAt: T0 }, event('owner_announced'));
    expect(await marked(id)).toBe(false);
    await store.update(TEAM, id, { priority: 'urgent' }, event('client_wrote'), undefined, { relay: true });
    expect(await marked(id)).toBe(true);
    expect(await intentsOf(id)).toEqual([]);
  });
});

describe('settling', () => {
  it('when the relay settles what it read, then the intents and the mark are gone', async () => {
    const id = await settledRequest();
    await store.update(TEAM, id, {}, event('client_wrote'), undefined, { intents: [update(id, 1), update(id, 2)] });
    const pending = await ledger.pending(TEAM, id);
    expect(await ledger.settle(TEAM, id, pending)).toBe(true);
    expect(await intentsOf(id)).toEqual([]);
    expect(await marked(id)).toBe(false);
    expect(await redis.exists(keys.requestIntents(id))).toBe(0);
  });

  it('when intents are recorded between pending() and settle(), then settle removes only those handed on and the mark stays', async () => {
    const id = await settledRequest();
    await store.update(TEAM, id, {}, event('client_wrote'), undefined, { intents: [update(id, 1), update(id, 2)] });
    const pending = await ledger.pending(TEAM, id);
    await store.update(TEAM, id, {}, event('client_wrote'), undefined, { intents: [update(id, 3)] });

    expect(await ledger.settle(TEAM, id, pending)).toBe(false);
    expect(await intentsOf(id)).toEqual([update(id, 3)]);
    expect(await marked(id)).toBe(true);

    // The relay of the later change finishes the job.
    expect(await ledger.settle(TEAM, id, await ledger.pending(TEAM, id))).toBe(true);
    expect(await marked(id)).toBe(false);
  });

  it('when a change without intents is made between pending() and settle(), then the mark stays (its timers and card are not relayed yet)', async () => {
    const id = await settledRequest();
    await store.update(TEAM, id, { state: 'in_progress', ownerId: 'U0AINO' }, event('claimed'), ['open'], { intents: [update(id, 1)] });
    const pending = await ledger.pending(TEAM, id);
    // [Waiting on client]: no message, but the timers must be cancelled by a relay.
    await store.update(TEAM, id, { state: 'waiting_on_client' }, event('waiting_on_client'), ['in_progress'], { relay: true });

    expect(await ledger.settle(TEAM, id, pending)).toBe(false);
    expect(await intentsOf(id)).toEqual([]);
    expect(await marked(id)).toBe(true);
    expect(await ledger.settle(TEAM, id, await ledger.pending(TEAM, id))).toBe(true);
    expect(await marked(id)).toBe(false);
  });

  it('when a relay settles twice (a second relay of the same change), then nothing breaks and a newer change is kept', async () => {
    const id = await settledRequest();
    await store.update(TEAM, id, {}, event('client_wrote'), undefined, { intents: [update(id, 1)] });
    const first = await ledger.pending(TEAM, id);
    const second = await ledger.pending(TEAM, id);
    expect(second).toEqual(first);
    expect(await ledger.settle(TEAM, id, first)).toBe(true);
    await store.update(TEAM, id, {}, event('client_wrote'), undefined, { intents: [update(id, 2)] });
    // The slower of the two relays settles late: the newer change stays recorded and marked.
    expect(await ledger.settle(TEAM, id, second)).toBe(false);
    expect(await intentsOf(id)).toEqual([update(id, 2)]);
    expect(await marked(id)).toBe(true);
  });

  it('when a request was never marked, then pending() is empty at generation 0 and settle() clears nothing else', async () => {
    const pending = await ledger.pending(TEAM, 'R99999999');
    expect(pending).toEqual({ generation: '0', intents: [] });
    expect(await ledger.settle(TEAM, 'R99999999', pending)).toBe(true);
  });
});

describe('stale()', () => {
  /** Moves a request's mark `ms` into the past, as if it was written then. */
  const age = (id: string, ms: number) => redis.zadd(keys.relay, 'XX', Date.now() - ms, id);

  it('when marks are older than the staleness, then they are returned (at most `limit`) and pushed back to now', async () => {
    const team = 'T0STALE';
    const staleKeys = teamKeys(prefix, team);
    const ids = ['R00000101', 'R00000102', 'R00000103'];
    const now = Date.now();
    await redis.zadd(staleKeys.relay, now - 30_000, ids[0] as string, now - 20_000, ids[1] as string, now - 1_000, ids[2] as string);

    expect(await ledger.stale(team, 10_000, 100)).toEqual(ids.slice(0, 2));
    // Pushed back: the next sweep does not take them again at once…
    expect(await ledger.stale(team, 10_000, 100)).toEqual([]);
    const scores = (await Promise.all(ids.map((id) => redis.zscore(staleKeys.relay, id)))).map(Number);
    expect(scores[0]).toBeGreaterThanOrEqual(now);
    expect(scores[1]).toBeGreaterThanOrEqual(now);
    expect(scores[2]).toBe(now - 1_000);
    // …but they stay marked, and come back once stale again.
    await redis.zadd(staleKeys.relay, 'XX', now - 15_000, ids[0] as string);
    expect(await ledger.stale(team, 10_000, 100)).toEqual([ids[0]]);

    await redis.zadd(staleKeys.relay, now - 40_000, 'R00000104', now - 50_000, 'R00000105');
    expect(await ledger.stale(team, 10_000, 1)).toEqual(['R00000105']);
    expect(await ledger.stale(team, 10_000, 1)).toEqual(['R00000104']);
  });

  it('when a request that was stale is settled, then stale() neither returns it nor marks it again', async () => {
    const id = await settledRequest();
    await store.update(TEAM, id, {}, event('client_wrote'), undefined, { intents: [update(id, 1)] });
    await age(id, 60_000);
    const pending = await ledger.pending(TEAM, id);
    expect(await ledger.settle(TEAM, id, pending)).toBe(true);
    expect(await ledger.stale(TEAM, 10_000, 100)).not.toContain(id);
    expect(await marked(id)).toBe(false);
  });

  it('when a new change comes while a request is marked, then the mark keeps its first time (the oldest unrelayed change counts)', async () => {
    const id = await settledRequest();
    await store.update(TEAM, id, {}, event('client_wrote'), undefined, { intents: [update(id, 1)] });
    await age(id, 60_000);
    const before = Number(await redis.zscore(keys.relay, id));
    await store.update(TEAM, id, {}, event('client_wrote'), undefined, { intents: [update(id, 2)] });
    expect(Number(await redis.zscore(keys.relay, id))).toBe(before);
    expect(await ledger.stale(TEAM, 10_000, 100)).toContain(id);
  });
});

describe('the acknowledgement at once settles the relay of its creation', () => {
  /** A request just created with its acknowledgement promised, as open-request creates it. */
  async function createdWithAck(): Promise<string> {
    const created = await store.createOrJoin(newRequest(), 0, [{ kind: 'ack', teamId: TEAM, requestId: NEW_REQUEST_ID }]);
    if (created.outcome !== 'created') throw new Error(`expected a new request, got ${created.outcome}`);
    return created.request.id;
  }
  const acknowledged = (id: string, patch: { eyesAt?: number } = { eyesAt: T0 + 900 }) =>
    store.update(TEAM, id, { ackTs: '1700000001.000100', lastUpdateAt: T0 + 800, ...patch }, event('acknowledged'), ['open', 'in_progress', 'waiting_on_client', 'resolved']);
  const lineDone = (id: string) => redis.smembers(keys.requestLineDone(id));

  it('when the acknowledgement is recorded whole and nothing else came, then its intent is done in the client line and the relay is settled', async () => {
    const id = await createdWithAck();
    await acknowledged(id);
    expect(await ledger.settleAcknowledged(TEAM, id)).toBe(true);
    expect(await intentsOf(id)).toEqual([]);
    expect(await marked(id)).toBe(false);
    expect(await lineDone(id)).toEqual(['1']);
  });

  it.each([
    ['without :eyes: (its job adds it)', async (id: string) => void (await acknowledged(id, {}))],
    ['before the acknowledgement is recorded', async () => undefined],
    ['when the request was dismissed meanwhile', async (id: string) => {
      await acknowledged(id);
      await store.update(TEAM, id, { state: 'dismissed' }, event('dismissed'), ['open'], { intents: [{ kind: 'retract', teamId: TEAM, requestId: id }] });
    }],
    ['when a change without intents came meanwhile (its timers are not relayed yet)', async (id: string) => {
      await acknowledged(id);
      await store.update(TEAM, id, { priority: 'urgent' }, event('client_wrote'), undefined, { relay: true });
    }],
    ['when another message was promised meanwhile', async (id: string) => {
      await acknowledged(id);
      await store.update(TEAM, id, { ownerId: 'U0AINO', state: 'in_progress' }, event('claimed'), ['open'], {
        intents: [{ kind: 'announce_owner', teamId: TEAM, requestId: id, ownerId: 'U0AINO' }],
      });
    }],
  ])('%s, then nothing changes and the relay does it', async (_case, before) => {
    const id = await createdWithAck();
    await before(id);
    const intents = await intentsOf(id);
    expect(await ledger.settleAcknowledged(TEAM, id)).toBe(false);
    expect(await intentsOf(id)).toEqual(intents);
    expect(await marked(id)).toBe(true);
    expect(await lineDone(id)).toEqual([]);
  });

  it('when the relay settled it first (a sweep), then settling again changes nothing', async () => {
    const id = await createdWithAck();
    await acknowledged(id);
    expect(await ledger.settle(TEAM, id, await ledger.pending(TEAM, id))).toBe(true);
    expect(await ledger.settleAcknowledged(TEAM, id)).toBe(false);
    expect(await marked(id)).toBe(false);
  });
});

describe('the first timer, planned by the creation', () => {
  const timer = { name: 'remind_owner_1700003600000', fireAt: T0 + 3_000_000 };

  it('when a request is created with its first timer, then the timer is named in its hash and scheduled in the same write', async () => {
    const created = await store.createOrJoin({ ...newRequest(), timer }, 0, [{ kind: 'ack', teamId: TEAM, requestId: NEW_REQUEST_ID }]);
    if (created.outcome !== 'created') throw new Error('not created');
    expect(await redis.hget(keys.request(created.request.id), 'timer')).toBe(timer.name);
    expect(Number(await redis.zscore(keys.timers, created.request.id))).toBe(timer.fireAt);
  });

  it('when the message joins the client\'s last request, then that request\'s timer is left as it is (its relay plans it)', async () => {
    const first = newRequest();
    const created = await store.createOrJoin(first, 120_000);
    if (created.outcome !== 'created') throw new Error('not created');
    const id = created.request.id;
    const joined = await store.createOrJoin({ ...first, ts: freshTs(), createdAt: T0 + 1_000, timer }, 120_000);
    expect(joined.outcome).toBe('joined');
    expect(await redis.hget(keys.request(id), 'timer')).toBeNull();
    expect(await redis.zscore(keys.timers, id)).toBeNull();
  });
});
