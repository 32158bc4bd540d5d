/**
 * Two jobs posting the same message at once (in two instances: a claim's ETA question relayed
 * late and the same question asked again on a reopen, one delivery key): only one posts; the other
 * is told to come back, and then finds the post instead of posting again.
 */
import { recordingSlack } from '../../support/recording-slack';
import { Redis } from 'ioredis';
import { MessagePoster } from '../../../src/slack/outbound/message-poster';
import { RetryLaterError } from '../../../src/slack/outbound/delivery-errors';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from '../../support/redis/key-prefix';

const redisUrl = process.env.REDIS_URL as string;
const prefix = uniqueKeyPrefix('poster-once');
let redis: Redis;
beforeAll(() => {
  redis = new Redis(redisUrl);
});
afterAll(async () => {
  await deleteKeysWithPrefix(redisUrl, prefix);
  redis.disconnect();
});

/** A Slack that keeps what is posted (with its metadata) and finds it in the channel's history. */
/** Runs `attempt` until it does not ask to come back later (at most 50 times). */
async function untilDone<T>(attempt: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof RetryLaterError) || i >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(error.delayMs, 50) + 1));
    }
  }
}

it('when two attempts at the same message overlap, then only one posts and the other finds it afterwards', async () => {
  const { client, posted } = recordingSlack();
  const options = { channelIntervalMs: 1, settleMs: 0 };
  const first = new MessagePoster(client, redis, prefix, 'T1', options);
  const second = new MessagePoster(client, redis, prefix, 'T1', options);
  const message = { deliveryKey: 'ask_eta_T1_R1_U1', channel: 'D0AINO', text: 'When do you expect to resolve it?' };

  // The first has read that nobody attempted it yet, and composes its message (a slow moment)…
  let composeNow: () => void = () => undefined;
  const composing = new Promise<void>((resolve) => (composeNow = resolve));
  const slow = first.postOnce({ ...message, compose: async () => (await composing, { text: message.text }) }).then(
    (ts) => ({ ts }),
    (error: unknown) => ({ error }),
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  // …while the second posts it.
  const ts = await untilDone(() => second.postOnce(message));
  expect(posted).toHaveLength(1);

  composeNow();
  const outcome = await slow;
  expect(posted).toHaveLength(1);
  expect('error' in outcome && outcome.error instanceof RetryLaterError).toBe(true);
  // Its job comes back later and finds the post.
  expect(await untilDone(() => first.postOnce(message))).toBe(ts);
  expect(posted).toHaveLength(1);
});
