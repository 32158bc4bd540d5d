/**
 * The channel's pace after a 429 (HOLD in store/pace-scripts), against Redis: the hold is never
 * shortened by a later, shorter one; reservations move behind the refused post; reservations their
 * jobs abandoned long ago are dropped, not given new slots; damaged values do not break the hold.
 */
import { Redis } from 'ioredis';
import { HOLD, PACE } from '../../../src/store/pace-scripts';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from '../../support/redis/key-prefix';

const redisUrl = process.env.REDIS_URL as string;
const SPACING = 1_050;
const prefix = uniqueKeyPrefix('pace-hold');
let redis: Redis;
let n = 0;
beforeAll(() => {
  redis = new Redis(redisUrl);
});
afterAll(async () => {
  await deleteKeysWithPrefix(redisUrl, prefix);
  redis.disconnect();
});

const freshKey = () => `${prefix}:pace:C${++n}`;
const hold = (key: string, ms: number, refused = '') => redis.eval(HOLD, 1, key, ms, SPACING, refused);
/** The ms a post must wait for its slot (0: post now), as the poster asks. */
const pace = async (key: string, deliveryKey: string) => Number(await redis.eval(PACE, 1, key, SPACING, deliveryKey));
const serverNow = async () => {
  const [s, us] = await redis.time();
  return Number(s) * 1000 + Math.floor(Number(us) / 1000);
};
/** The slot (epoch ms) reserved in the hash for a delivery key. */
const slotOf = async (key: string, deliveryKey: string) => Number(await redis.hget(key, deliveryKey));

it('when a shorter 429 follows a longer one, then the channel stays held until the longer one ends', async () => {
  const key = freshKey();
  const now = await serverNow();
  await hold(key, 30_000, 'card_P1');
  await hold(key, 1_000, 'card_P2');
  // The second refused post comes back after its own Retry-After: it still waits out the first hold.
  expect(await slotOf(key, 'card_P2')).toBeGreaterThanOrEqual(now + 30_000 - 50);
  expect(await pace(key, 'card_NEW')).toBeGreaterThan(30_000 - 500);
});

it('when a hold made without `held` (an older instance) raised next, then a new hold keeps it', async () => {
  const key = freshKey();
  const now = await serverNow();
  await redis.hset(key, 'next', now + 20_000);
  await hold(key, 1_000, 'card_P');
  expect(await slotOf(key, 'card_P')).toBeGreaterThanOrEqual(now + 20_000);
});

it('when reservations wait in a channel and a 429 comes, then they move behind the refused post, in order and spacing', async () => {
  const key = freshKey();
  expect(await pace(key, 'card_A')).toBe(0);
  const waitB = await pace(key, 'card_B');
  const waitC = await pace(key, 'card_C');
  expect(waitC).toBeGreaterThan(waitB);
  const now = await serverNow();
  await hold(key, 5_000, 'card_A');
  const [a, b, c] = [await slotOf(key, 'card_A'), await slotOf(key, 'card_B'), await slotOf(key, 'card_C')];
  expect(a).toBeGreaterThanOrEqual(now + 5_000);
  expect(b).toBe(a + SPACING);
  expect(c).toBe(b + SPACING);
  expect(await pace(key, 'card_D')).toBeGreaterThanOrEqual(c + SPACING - now - 50);
});

it('when reservations were abandoned long ago, then a 429 drops them instead of giving them slots after the hold', async () => {
  const key = freshKey();
  const now = await serverNow();
  await redis.hset(key, 'next', now + 1_000, 'ack_dismissed1', now - 30_000, 'ack_dismissed2', now - 20_000, 'card_late', now - 2_000);
  await hold(key, 2_000, 'card_refused');
  const fields = await redis.hgetall(key);
  expect(fields.ack_dismissed1).toBeUndefined();
  expect(fields.ack_dismissed2).toBeUndefined();
  // A reservation only a little late is a job about to come back: it keeps its turn, after the refused post.
  expect(Number(fields.card_late)).toBe(Number(fields.card_refused) + SPACING);
  // A newcomer waits for the hold and the two posts ahead of it, not for the abandoned ones.
  expect(await pace(key, 'card_NEW')).toBeLessThan(2_000 + 3 * SPACING);
});

it('when the hash holds values that are not numbers, then the hold still holds the channel', async () => {
  const key = freshKey();
  const now = await serverNow();
  await redis.hset(key, 'next', 'garbage', 'card_X', 'also garbage');
  await expect(hold(key, 3_000, 'card_refused')).resolves.toBe(1);
  expect(await slotOf(key, 'card_refused')).toBeGreaterThanOrEqual(now + 3_000);
  expect(await pace(key, 'card_NEW')).toBeGreaterThan(2_500);
});

it('when no refused post is named, then the reservations start at the end of the hold', async () => {
  const key = freshKey();
  expect(await pace(key, 'card_A')).toBe(0);
  await pace(key, 'card_B');
  const now = await serverNow();
  await hold(key, 4_000);
  expect(await slotOf(key, 'card_B')).toBeGreaterThanOrEqual(now + 4_000);
  expect(await redis.hget(key, '')).toBeNull();
});
