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
import { teamKeys } from '../../../src/store/keys';

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

describe('a fresh message (its request created just now: its attempt is claimed with its slot)', () => {
  it('when nothing went before, then it posts once, and a later attempt finds it instead of posting again', async () => {
    const { client, posted } = recordingSlack();
    const poster = new MessagePoster(client, redis, prefix, 'T1', { channelIntervalMs: 1, settleMs: 0 });
    const message = { deliveryKey: 'ack_T1_R2', channel: 'C0FRESH1', text: 'Thanks, we are on it.' };

    const ts = await poster.postOnce({ ...message, fresh: true });
    expect(posted).toHaveLength(1);
    // Its job runs too (it cannot know): the attempt recorded makes it look, and it finds the post.
    expect(await untilDone(() => poster.postOnce(message))).toBe(ts);
    expect(posted).toHaveLength(1);
  });

  it('when another attempt claimed it first after all, then it does not post and is told to come back', async () => {
    const { client, posted } = recordingSlack();
    const poster = new MessagePoster(client, redis, prefix, 'T1', { channelIntervalMs: 1, settleMs: 60_000 });
    const message = { deliveryKey: 'ack_T1_R3', channel: 'C0FRESH2', threadTs: '1700000000.000200', text: 'Thanks, we are on it.' };
    await redis.set(teamKeys(prefix, 'T1').sendAttempt(message.deliveryKey), String(Date.now()));

    const outcome = await poster.postOnce({ ...message, fresh: true }).catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(RetryLaterError);
    expect((outcome as RetryLaterError).inFlight).toBe(true);
    expect(posted).toHaveLength(0);
  });

  it("when the channel's slot is not free, then it does not post and leaves no attempt behind (the next one posts without looking)", async () => {
    const { client, posted } = recordingSlack();
    const poster = new MessagePoster(client, redis, prefix, 'T1', { channelIntervalMs: 60_000, settleMs: 60_000 });
    const channel = 'C0FRESH3';
    await poster.postOnce({ deliveryKey: 'card_T1_R4', channel, text: 'the card' });

    const message = { deliveryKey: 'ack_T1_R5', channel, threadTs: '1700000000.000300', text: 'Thanks, we are on it.' };
    const outcome = await poster.postOnce({ ...message, fresh: true }).catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(RetryLaterError);
    expect(posted).toHaveLength(1);
    expect(await redis.exists(teamKeys(prefix, 'T1').sendAttempt(message.deliveryKey))).toBe(0);
  });
});
