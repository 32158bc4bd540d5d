/**
 * The acknowledgement's channel slot and delivery attempt, taken by the write that creates the
 * request (CREATE_OR_JOIN with NewRequest.ackSlot), on a real Redis: a free channel gives the slot
 * now and the attempt is claimed; a busy one reserves the next slot for the acknowledgement's
 * delivery key (its job takes it then) and claims nothing; a message that creates nothing takes
 * nothing.
 */
import { Redis } from 'ioredis';
import { NEW_REQUEST_ID, type SlotClaim } from '../../../src/app/ports';
import { teamKeys } from '../../../src/store/keys';
import { RedisRequestStore } from '../../../src/store/redis-request-store';
import { NEW_REQUEST_T0, freshTs, newRequestInput } from '../../support/new-request';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from '../../support/redis/key-prefix';

const TEAM = 'T0HOST';
const redisUrl = process.env.REDIS_URL as string;
const prefix = uniqueKeyPrefix('creation-slot');
const keys = teamKeys(prefix, TEAM);
let redis: Redis;
let store: RedisRequestStore;
let channels = 0;

beforeAll(() => {
  redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  store = new RedisRequestStore(redis, prefix);
});
afterAll(async () => {
  await deleteKeysWithPrefix(redisUrl, prefix);
  await redis.quit();
});

/** A client's message in a channel of its own (or the one given). */
const message = (channelId = `C0SLOT${++channels}`) => newRequestInput({ channelId });
const claim: SlotClaim = { deliveryKey: `ack_${TEAM}_${NEW_REQUEST_ID}`, spacingMs: 1_050, since: 1_764_237_600_123, ttlSeconds: 600 };
const attemptOf = (id: string) => redis.get(keys.sendAttempt(`ack_${TEAM}_${id}`));

it('when the channel is free, then the slot is taken now and the acknowledgement\'s attempt is claimed at its time, in the creation\'s write', async () => {
  const input = message();
  const created = await store.createOrJoin({ ...input, ackSlot: claim }, 0);
  if (created.outcome !== 'created') throw new Error('not created');
  expect(created.ackSlot).toBe(0);
  expect(await attemptOf(created.request.id)).toBe('1764237600123');
  expect(await redis.ttl(keys.sendAttempt(`ack_${TEAM}_${created.request.id}`))).toBeGreaterThan(590);
  // The channel's next slot is a spacing away.
  const next = Number(await redis.hget(keys.channelPace(input.channelId), 'next'));
  const [seconds, micros] = await redis.time();
  expect(next - (Number(seconds) * 1000 + Math.floor(Number(micros) / 1000))).toBeGreaterThan(900);
});

it('when the channel\'s slot is taken, then the next one is reserved for the acknowledgement\'s delivery key and no attempt is claimed (its job posts then)', async () => {
  const first = message();
  await store.createOrJoin({ ...first, ackSlot: claim }, 0);
  const second = await store.createOrJoin({ ...message(first.channelId), ackSlot: claim }, 0);
  if (second.outcome !== 'created') throw new Error('not created');
  expect(second.ackSlot).toBeGreaterThan(900);
  expect(second.ackSlot).toBeLessThanOrEqual(1_050);
  expect(await attemptOf(second.request.id)).toBeNull();
  expect(await redis.hget(keys.channelPace(first.channelId), `ack_${TEAM}_${second.request.id}`)).not.toBeNull();
});

it('when the message was tracked already, or joins the client\'s last request, then no slot is taken', async () => {
  const input = message();
  const created = await store.createOrJoin(input, 120_000);
  if (created.outcome !== 'created') throw new Error('not created');
  expect(await store.createOrJoin({ ...input, ackSlot: claim }, 120_000)).toEqual({ outcome: 'duplicate', requestId: created.request.id });
  const joined = await store.createOrJoin({ ...input, ts: freshTs(), createdAt: NEW_REQUEST_T0 + 1_000, ackSlot: claim }, 120_000);
  expect(joined.outcome).toBe('joined');
  expect(joined).not.toHaveProperty('ackSlot');
  expect(await redis.exists(keys.channelPace(input.channelId))).toBe(0);
});

it('when no slot is asked for, then none is taken', async () => {
  const input = message();
  const created = await store.createOrJoin(input, 0);
  expect(created).not.toHaveProperty('ackSlot');
  expect(await redis.exists(keys.channelPace(input.channelId))).toBe(0);
});
