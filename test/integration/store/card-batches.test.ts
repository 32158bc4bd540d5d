/**
 * Card batches on a real Redis: the scripts place requests as the pure model does (domain/card-batch),
 * concurrent joins from several connections put every request in exactly one batch with one driver,
 * a sealed batch takes no one, a posted batch card keeps its members (and the revisions it shows)
 * only when it lists more than one, and a finished batch leaves nothing but the channel's counter.
 */
import { Redis } from 'ioredis';
import { type BatchBook, MAX_BATCH, placeInBatch, sealBatch } from '../../../src/domain/card-batch';
import { teamKeys } from '../../../src/store/keys';
import { RedisCardBatches } from '../../../src/store/redis-card-batches';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from '../../support/redis/key-prefix';

const TEAM = 'T0HOST';
const redisUrl = process.env.REDIS_URL as string;
const prefix = uniqueKeyPrefix('card-batches');
const keys = teamKeys(prefix, TEAM);
let redis: Redis;
let others: Redis[];
let batches: RedisCardBatches;
let channelCounter = 0;
const nextChannel = () => `C0TRIAGE${++channelCounter}`;

beforeAll(() => {
  redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  others = Array.from({ length: 4 }, () => new Redis(redisUrl, { maxRetriesPerRequest: null }));
  batches = new RedisCardBatches(redis, prefix);
});
afterAll(async () => {
  await deleteKeysWithPrefix(redisUrl, prefix);
  await Promise.all([redis, ...others].map((r) => r.quit()));
});

describe('RedisCardBatches', () => {
  it('when joins and seals come in a sequence, then the batches are those the pure model forms', async () => {
    const channel = nextChannel();
    const book: BatchBook = { seq: 0, members: new Map(), sealed: new Set() };
    // 13 requests, a seal after the 4th (the driver's slot came), one request asking twice.
    const script: Array<string | { seal: number }> = ['R1', 'R2', 'R3', 'R4', { seal: 1 }, 'R5', 'R6', 'R5', ...Array.from({ length: 9 }, (_, i) => `R${7 + i}`)];
    for (const step of script) {
      if (typeof step === 'string') {
        const expected = placeInBatch(book, step);
        const got = await batches.join(TEAM, channel, step, MAX_BATCH);
        expect({ id: step, batch: got.batch, driver: got.driver }).toEqual({ id: step, ...expected });
        expect(got.postedTs).toBeUndefined();
        // Until the driver knows its slot: the time since the batch opened (on Redis's clock).
        expect(got.dueInMs).toBeLessThanOrEqual(0);
        expect(got.dueInMs).toBeGreaterThan(-60_000);
      } else {
        expect(await batches.seal(TEAM, channel, step.seal)).toEqual(sealBatch(book, step.seal));
      }
    }
    expect(await batches.seal(TEAM, channel, 2)).toEqual(['R5', 'R6', 'R7', 'R8', 'R9', 'R10', 'R11', 'R12', 'R13', 'R14']);
    expect(await batches.seal(TEAM, channel, 3)).toEqual(['R15']);
  });

  it('when 60 requests join at once from five connections, then each is in exactly one batch of at most 10, with one driver each', async () => {
    const channel = nextChannel();
    const stores = [batches, ...others.map((r) => new RedisCardBatches(r, prefix))];
    const ids = Array.from({ length: 60 }, (_, i) => `R${i}`);
    const places = await Promise.all(ids.map((id, i) => (stores[i % stores.length] as RedisCardBatches).join(TEAM, channel, id, MAX_BATCH)));
    const byBatch = new Map<number, string[]>();
    places.forEach((p, i) => byBatch.set(p.batch, [...(byBatch.get(p.batch) ?? []), ids[i] as string]));
    for (const [batch, members] of byBatch) {
      expect(members.length).toBeLessThanOrEqual(MAX_BATCH);
      expect(places.filter((p) => p.batch === batch && p.driver)).toHaveLength(1);
      expect((await batches.seal(TEAM, channel, batch)).sort()).toEqual([...members].sort());
    }
    expect([...byBatch.values()].flat().sort()).toEqual([...ids].sort());
  });

  it('when a batch of several is posted and done, then the card keeps its members with the revisions shown, and the batch leaves nothing else', async () => {
    const channel = nextChannel();
    for (const id of ['R1', 'R2', 'R3']) await batches.join(TEAM, channel, id, MAX_BATCH);
    await batches.setSlot(TEAM, channel, 1, 60_000);
    const member = await batches.join(TEAM, channel, 'R2', MAX_BATCH);
    expect(member).toEqual({ batch: 1, driver: false, dueInMs: expect.any(Number) });
    expect(member.dueInMs).toBeGreaterThan(50_000);
    expect(member.dueInMs).toBeLessThanOrEqual(60_000);
    expect(await batches.seal(TEAM, channel, 1)).toEqual(['R1', 'R2', 'R3']);
    expect(await batches.posted(TEAM, channel, 1, '1700.000001', new Map([['R1', 4], ['R2', 0]]))).toEqual(['R1', 'R2', 'R3']);
    // A member's retried job finds the card posted, and recording it again changes nothing.
    expect(await batches.join(TEAM, channel, 'R3', MAX_BATCH)).toMatchObject({ batch: 1, postedTs: '1700.000001' });
    expect(await batches.posted(TEAM, channel, 1, '1700.000001')).toEqual(['R1', 'R2', 'R3']);
    expect(await batches.cardMembers(TEAM, channel, '1700.000001')).toEqual(new Map([['R1', 4], ['R2', 0], ['R3', -1]]));

    await batches.shown(TEAM, channel, '1700.000001', new Map([['R1', 3], ['R2', 2], ['R9', 7]]));
    expect(await batches.cardMembers(TEAM, channel, '1700.000001')).toEqual(new Map([['R1', 4], ['R2', 2], ['R3', -1]]));

    await batches.done(TEAM, channel, 1);
    expect(await redis.hgetall(keys.cardBatches(channel))).toEqual({ seq: '1' });
    // Joining again after it is done (a stale job of a request that has its card) starts afresh.
    expect(await batches.join(TEAM, channel, 'R4', MAX_BATCH)).toMatchObject({ batch: 2, driver: true });
  });

  it('when a batch of one is posted, then no member hash is kept (the single card is re-rendered alone)', async () => {
    const channel = nextChannel();
    await batches.join(TEAM, channel, 'R1', MAX_BATCH);
    expect(await batches.posted(TEAM, channel, 1, '1700.000009', new Map([['R1', 0]]))).toEqual(['R1']);
    expect(await redis.exists(keys.cardMembers(channel, '1700.000009'))).toBe(0);
    expect(await batches.cardMembers(TEAM, channel, '1700.000009')).toEqual(new Map());
    // Posted seals it: no one joins a batch whose card is out.
    expect(await batches.join(TEAM, channel, 'R2', MAX_BATCH)).toMatchObject({ batch: 2, driver: true });
  });

  it('when every key is built, then it carries the team as a hash tag', () => {
    expect(keys.cardBatches('C1')).toBe(`${prefix}:{${TEAM}}:cards:C1`);
    expect(keys.cardMembers('C1', '1.2')).toBe(`${prefix}:{${TEAM}}:cardset:C1:1.2`);
  });
});
