/**
 * Pacing by reservation: posts to one channel that find its slot taken each reserve the next free
 * slot and are told to wait exactly until then (first come first served); one that comes back
 * early waits the rest; one that comes back at its slot posts.
 */
import { ErrorCode, type WebClient } from '@slack/web-api';
import { recordingSlack } from '../../support/recording-slack';
import { Redis } from 'ioredis';
import type { RedisClient } from '../../../src/store/redis-client';
import { RedisIntakeHold } from '../../../src/store/redis-intake-hold';
import { MessagePoster, paceSpacing } from '../../../src/slack/outbound/message-poster';
import { RetryLaterError } from '../../../src/slack/outbound/delivery-errors';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from '../../support/redis/key-prefix';
import { teamKeys } from '../../../src/store/keys';

const redisUrl = process.env.REDIS_URL as string;
const INTERVAL_MS = 300;
/** The slots' spacing: the interval and a margin for the moment between a slot and its post. */
const SPACING = paceSpacing(INTERVAL_MS);
let redis: Redis;
const prefix = uniqueKeyPrefix('poster-pacing');
beforeAll(() => {
  redis = new Redis(redisUrl);
});
afterAll(async () => {
  await deleteKeysWithPrefix(redisUrl, prefix);
  redis.disconnect();
});

const waitOf = async (attempt: Promise<unknown>): Promise<number> => {
  const error = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof RetryLaterError)) throw new Error(`expected a RetryLaterError, got ${String(error)}`);
  return error.delayMs;
};

it('when three posts meet one channel at once, then the first posts and the others wait one and two intervals, and each posts at its slot', async () => {
  const { client, texts } = recordingSlack();
  const poster = new MessagePoster(client, redis, prefix, 'T1', { channelIntervalMs: INTERVAL_MS, settleMs: 0 });
  const post = (n: number) => poster.postOnce({ deliveryKey: `card_T1_R${n}`, channel: 'C0PACED', text: `card ${n}` });

  const started = Date.now();
  await post(1);
  const second = await waitOf(post(2));
  const third = await waitOf(post(3));
  // Each waits until its slot, one and two spacings after the first post's: less the time that
  // has passed since (a few ms, or more on a loaded machine), and a millisecond of rounding.
  const passed = Date.now() - started;
  expect(texts()).toEqual(['card 1']);
  expect(second).toBeGreaterThanOrEqual(SPACING - passed - 1);
  expect(second).toBeLessThanOrEqual(SPACING);
  expect(third).toBeGreaterThanOrEqual(2 * SPACING - passed - 1);
  expect(third).toBeLessThanOrEqual(2 * SPACING);
  expect(third - second).toBeGreaterThan(SPACING - passed - 1);

  // Back early: it keeps its slot and waits the rest (nobody else takes it meanwhile).
  const rest = await waitOf(post(3));
  expect(rest).toBeLessThanOrEqual(third);
  expect(rest).toBeGreaterThan(SPACING);
  await new Promise((resolve) => setTimeout(resolve, second));
  await post(2);
  // A newcomer now queues behind the reservations, not in front of them.
  const fourth = await waitOf(post(4));
  expect(fourth).toBeGreaterThan(2 * SPACING - 100);
  await new Promise((resolve) => setTimeout(resolve, third - second + 5));
  await post(3);
  expect(texts()).toEqual(['card 1', 'card 2', 'card 3']);
});

it('when Slack answers 429 on a connection the other stores share, then the channel is held for its Retry-After and the next post there waits', async () => {
  // As in the app: the intake's write-ahead defines its scripts on the connection first.
  const shared = new Redis(redisUrl);
  new RedisIntakeHold(shared as unknown as RedisClient, prefix);
  let calls = 0;
  const client = {
    chat: {
      postMessage: async () => {
        calls++;
        throw Object.assign(new Error('rate limited'), { code: ErrorCode.RateLimitedError, retryAfter: 2 });
      },
    },
  } as unknown as WebClient;
  const poster = new MessagePoster(client, shared, prefix, 'T1', { channelIntervalMs: INTERVAL_MS, settleMs: 0 });
  expect(await waitOf(poster.postOnce({ deliveryKey: 'ack_T1_R429', channel: 'C0HELD', text: 'ack' }))).toBe(2_000);
  // Held: the next post to that channel waits out the Retry-After without asking Slack.
  expect(await waitOf(poster.postOnce({ deliveryKey: 'card_T1_R429', channel: 'C0HELD', text: 'card' }))).toBeGreaterThan(1_500);
  expect(calls).toBe(1);
  shared.disconnect();
});

it('when Slack answers 429 while later posts hold reservations there, then they wait out the Retry-After too, behind the refused post, in their order', async () => {
  const posted: string[] = [];
  let answer!: () => void;
  const inFlight = new Promise<void>((resolve) => (answer = resolve));
  const client = {
    chat: {
      postMessage: async ({ text }: { text: string }) => {
        posted.push(text);
        if (posted.length > 1) return { ok: true, ts: `1700000000.00000${posted.length}` };
        await inFlight;
        throw Object.assign(new Error('rate limited'), { code: ErrorCode.RateLimitedError, retryAfter: 1 });
      },
    },
  } as unknown as WebClient;
  const poster = new MessagePoster(client, redis, prefix, 'T1', { channelIntervalMs: INTERVAL_MS, settleMs: 0 });
  const post = (n: number) => poster.postOnce({ deliveryKey: `card_T1_RH${n}`, channel: 'C0RESERVED', text: `card ${n}` });

  // The first takes the slot and is on its way to Slack; the next two reserve theirs meanwhile.
  const first = waitOf(post(1));
  const second = await waitOf(post(2));
  const third = await waitOf(post(3));
  expect(second).toBeLessThanOrEqual(SPACING);
  expect(third).toBeLessThanOrEqual(2 * SPACING);
  // Slack refuses the first with a Retry-After of 1 s: the channel is held.
  const refusedAt = Date.now();
  answer();
  expect(await first).toBe(1_000);
  // Back at their slots, the reserved posts do not ask Slack before the hold ends: they wait
  // behind the refused post, one spacing apart, in their order.
  await new Promise((resolve) => setTimeout(resolve, third + 5));
  const sinceRefused = Date.now() - refusedAt;
  const secondAgain = await waitOf(post(2));
  const thirdAgain = await waitOf(post(3));
  expect(posted).toEqual(['card 1']);
  expect(secondAgain).toBeGreaterThanOrEqual(1_000 + SPACING - sinceRefused - 50);
  expect(thirdAgain - secondAgain).toBeGreaterThanOrEqual(SPACING - 50);
  // The refused post, back after its Retry-After, posts first.
  await new Promise((resolve) => setTimeout(resolve, 1_000 - (Date.now() - refusedAt) + 5));
  await post(1);
  expect(posted).toEqual(['card 1', 'card 1']);
  await expect(waitOf(post(2))).resolves.toBeGreaterThan(0);
});

it('when the channel cannot be held after a 429 (Redis refuses), then the refused post still waits its Retry-After, a warning says so, and its attempt is let go', async () => {
  const paceKey = teamKeys(prefix, 'T1').channelPace('C0UNHELD');
  const warnings: string[] = [];
  let calls = 0;
  const client = {
    chat: {
      postMessage: async () => {
        calls++;
        // Meanwhile the pace hash became something HOLD cannot read.
        await redis.del(paceKey);
        await redis.set(paceKey, 'not a hash');
        throw Object.assign(new Error('rate limited'), { code: ErrorCode.RateLimitedError, retryAfter: 1 });
      },
    },
  } as unknown as WebClient;
  const log = { warn: (_o: unknown, message: string) => warnings.push(message) };
  const poster = new MessagePoster(client, redis, prefix, 'T1', { channelIntervalMs: INTERVAL_MS, settleMs: 60_000, log: log as never });
  expect(await waitOf(poster.postOnce({ deliveryKey: 'card_T1_RNOHOLD', channel: 'C0UNHELD', text: 'card' }))).toBe(1_000);
  expect(warnings).toEqual(['holding the channel after a 429 failed']);
  expect(await redis.exists(teamKeys(prefix, 'T1').sendAttempt('card_T1_RNOHOLD'))).toBe(0);
  expect(calls).toBe(1);
  await redis.del(paceKey);
});
