/**
 * The search for a post that may have landed: paged within the attempt's window, bounded, and
 * budgeted per workspace and minute (so a tight Slack limit slows it down instead of looping).
 */
import type { WebClient } from '@slack/web-api';
import { Redis } from 'ioredis';
import { MessagePoster } from '../../../src/slack/outbound/message-poster';
import { RetryLaterError } from '../../../src/slack/outbound/delivery-errors';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from '../../support/redis/key-prefix';

const redisUrl = process.env.REDIS_URL as string;
let redis: Redis;
const prefixes: string[] = [];
beforeAll(() => {
  redis = new Redis(redisUrl);
});
afterAll(async () => {
  for (const p of prefixes) await deleteKeysWithPrefix(redisUrl, p);
  redis.disconnect();
});

/** A Slack whose posts never answer (the outcome is unknown) and whose history is endless. */
function fakeSlack() {
  const searches: Array<Record<string, unknown>> = [];
  const client = {
    chat: { postMessage: async () => Promise.reject(Object.assign(new Error('timeout'), { code: 'slack_webapi_request_error' })) },
    conversations: {
      history: async (args: Record<string, unknown>) => {
        searches.push(args);
        return { ok: true, messages: [{ ts: '1.000001', text: 'someone else' }], has_more: true, response_metadata: { next_cursor: `page${searches.length}` } };
      },
    },
  };
  return { client: client as unknown as WebClient, searches };
}

/** Posts to one channel are paced (1 ms here): let the gap pass between attempts. */
const pacingGap = () => new Promise((resolve) => setTimeout(resolve, 5));

const message = { deliveryKey: 'card_T1_R1', channel: 'C0TRIAGE', text: 'card' };

it('when the earlier attempt is not found within the page bound, then it stops, warns and posts again', async () => {
  const prefix = uniqueKeyPrefix('poster-search');
  prefixes.push(prefix);
  const { client, searches } = fakeSlack();
  const warnings: string[] = [];
  const poster = new MessagePoster(client, redis, prefix, 'T1', { channelIntervalMs: 1, settleMs: 0, searchPages: 3, log: { warn: (_o: unknown, msg?: string) => warnings.push(String(msg)) } as never });
  await expect(poster.postOnce(message)).rejects.toThrow('timeout'); // maybe posted
  await pacingGap();
  await expect(poster.postOnce(message)).rejects.toThrow('timeout'); // searched, then posted again
  expect(searches).toHaveLength(3);
  expect(searches.map((s) => s.cursor)).toEqual([undefined, 'page1', 'page2']);
  expect(Number(searches[0]?.latest) - Number(searches[0]?.oldest)).toBeCloseTo(120, 0);
  expect(warnings).toEqual([expect.stringContaining('searched as far as allowed')]);
});

it('when the minute\'s search budget is spent, then the next search waits for the next minute instead of calling Slack', async () => {
  const prefix = uniqueKeyPrefix('poster-budget');
  prefixes.push(prefix);
  const { client, searches } = fakeSlack();
  // 12:00:45 on some day: 15 s left in the minute, whenever the test runs.
  const realNow = () => Date.UTC(2026, 10, 26, 12, 0, 45);
  const poster = new MessagePoster(client, redis, prefix, 'T1', { channelIntervalMs: 1, settleMs: 0, searchPages: 2, searchesPerMinute: 3, realNow });
  await expect(poster.postOnce(message)).rejects.toThrow('timeout');
  await pacingGap();
  await expect(poster.postOnce(message)).rejects.toThrow('timeout'); // 2 pages of the budget
  await pacingGap();
  const third = poster.postOnce(message); // 1 page left, then the budget is spent
  await expect(third).rejects.toBeInstanceOf(RetryLaterError);
  expect(searches).toHaveLength(3);
  const waited = await third.catch((e: RetryLaterError) => e.delayMs);
  expect(waited).toBe(15_010);
});
