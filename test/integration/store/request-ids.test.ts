/**
 * Request ids never come back: not after Redis loses its data (the sequence restarts at 1) and not
 * after an older backup is restored (the sequence goes back), so that a button on an old card can
 * never act on a newer request. Redis only: the id comes from the create script.
 */
import { Redis } from 'ioredis';
import { REQUEST_ID } from '../../../src/domain/request';
import { teamKeys } from '../../../src/store/keys';
import { RedisRequestStore } from '../../../src/store/redis-request-store';
import { newRequestInput } from '../../support/new-request';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from '../../support/redis/key-prefix';

const redisUrl = process.env.REDIS_URL as string;
const prefix = uniqueKeyPrefix('request-ids');
let redis: Redis;
let store: RedisRequestStore;

beforeAll(() => {
  redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  store = new RedisRequestStore(redis, prefix);
});
afterAll(async () => {
  await deleteKeysWithPrefix(redisUrl, prefix);
  await redis.quit();
});

/** A loss or a restore takes longer than a millisecond (the id's time part); here it is made to. */
const aMomentLater = () => new Promise((resolve) => setTimeout(resolve, 3));

async function create(): Promise<string> {
  const input = newRequestInput({ clientUserId: 'U0CLIENT' });
  const result = await store.createOrJoin(input, 0);
  if (result.outcome !== 'created') throw new Error(`expected a new request, got ${result.outcome}`);
  return result.request.id;
}

it('when requests are created, then their ids are short, look like request ids and are safe in BullMQ job ids', async () => {
  const ids = [await create(), await create()];
  for (const id of ids) {
    expect(id).toMatch(REQUEST_ID);
    expect(id).not.toContain(':');
    expect(id.length).toBeLessThanOrEqual(16);
  }
  expect(new Set(ids).size).toBe(2);
});

it('when Redis loses its data, then the next request does not get an id used before', async () => {
  const before = await create();
  await deleteKeysWithPrefix(redisUrl, prefix); // the sequence restarts at 1
  await aMomentLater();
  const after = await create();
  expect(after).not.toBe(before);
  expect(after.endsWith('-1')).toBe(true);
});

it('when an older backup is restored, then ids made after the backup are not made again', async () => {
  const sequence = teamKeys(prefix, 'T0HOST').sequence;
  const atBackup = await redis.get(sequence);
  const madeAfterBackup = [await create(), await create(), await create()];
  await redis.set(sequence, atBackup ?? '0'); // the restore takes the sequence back
  await aMomentLater();
  const again = [await create(), await create(), await create()];
  expect(again.filter((id) => madeAfterBackup.includes(id))).toEqual([]);
});
