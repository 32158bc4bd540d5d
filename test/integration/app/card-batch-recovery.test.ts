/**
 * The card jobs of a batch on a real Redis, with a poster of our own that records what it posts:
 * a job that dies after the card was posted but before every member had it recorded is retried
 * and finishes without posting again; a member whose batch's driver died for good posts the
 * batch itself once the batch is long overdue; a member before its slot waits; a job that joins
 * after another job of its request posted the card leaves the batch it opened.
 */
import { Redis } from 'ioredis';
import pino from 'pino';
import type { Deps } from '../../../src/app/deps';
import type { NewRequest } from '../../../src/app/ports';
import { MAX_BATCH } from '../../../src/domain/card-batch';
import type { TrackedRequest } from '../../../src/domain/request';
import { refreshCard } from '../../../src/slack/delivery/card';
import { postInBatch } from '../../../src/slack/delivery/card-batch';
import { RetryLaterError } from '../../../src/slack/outbound/delivery-errors';
import type { OutgoingMessage } from '../../../src/slack/outbound/message-poster';
import { RedisCardBatches } from '../../../src/store/redis-card-batches';
import { RedisRequestStore } from '../../../src/store/redis-request-store';
import { RedisSettingsStore } from '../../../src/store/redis-settings-store';
import { ALWAYS_OPEN_SETTINGS } from '../../support/channel-settings';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from '../../support/redis/key-prefix';

const TEAM = 'T0HOST';
const TRIAGE = 'C0TRIAGE';
const T0 = Date.UTC(2026, 10, 23, 10, 0);
const redisUrl = process.env.REDIS_URL as string;
const prefix = uniqueKeyPrefix('card-batch-recovery');
let redis: Redis;
let tsCounter = 0;

beforeAll(() => {
  redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
});
afterAll(async () => {
  await deleteKeysWithPrefix(redisUrl, prefix);
  await redis.quit();
});

/** A poster that posts at once (the slot is free) and records each post by delivery key. */
class RecordingPoster {
  readonly posts = new Map<string, { ts: string; text: string; count: number }>();
  readonly updates: Array<{ ts: string; text: string }> = [];
  private n = 0;
  async postOnce(message: OutgoingMessage): Promise<string> {
    const body = 'compose' in message ? await message.compose() : message;
    const known = this.posts.get(message.deliveryKey);
    if (known) {
      known.count += 1;
      return known.ts;
    }
    const ts = `1800000000.${String(++this.n).padStart(6, '0')}`;
    this.posts.set(message.deliveryKey, { ts, text: body.text, count: 1 });
    return ts;
  }
  async update(_channel: string, ts: string, text: string): Promise<void> {
    this.updates.push({ ts, text });
  }
}

function world(name: string) {
  const p = `${prefix}-${name}`;
  const requests = new RedisRequestStore(redis, p);
  const poster = new RecordingPoster();
  const deps = {
    host: { teamId: TEAM, url: 'https://acme.slack.com/', teamName: 'Acme' },
    clock: { now: () => T0, msUntil: (at: number) => at - T0 },
    log: pino({ level: 'silent' }),
    requests,
    settings: new RedisSettingsStore(redis, p, { ...ALWAYS_OPEN_SETTINGS, triageChannelId: TRIAGE }),
    cardBatches: new RedisCardBatches(redis, p),
    poster,
  } as unknown as Deps;
  return { deps, poster, requests, batches: deps.cardBatches };
}

async function newRequests(w: ReturnType<typeof world>, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const input: NewRequest = {
      teamId: TEAM, channelId: `C0ACME${i}`, ts: `1700000000.${String(++tsCounter).padStart(6, '0')}`, clientUserId: `U0CLIENT${i}`, clientName: 'Maria',
      excerpt: `Export ${i} fails`, priority: 'normal', trigger: 'auto', createdAt: T0 + i, nextUpdateDueAt: T0 + 3_600_000,
    };
    const created = await w.requests.createOrJoin(input, 0);
    if (created.outcome !== 'created') throw new Error('setup');
    ids.push(created.request.id);
  }
  return ids;
}

describe('card jobs of a batch', () => {
  it('when the job dies after the card was posted but before every member had it, then its retry records the rest and posts nothing again', async () => {
    const w = world('crash');
    const ids = await newRequests(w, 4);
    // The first opens the batch and drives it; three join while it waits for its slot.
    for (const id of ids) await w.batches.join(TEAM, TRIAGE, id, MAX_BATCH);
    // The process dies at the third member's record.
    const real = w.requests.update.bind(w.requests);
    let records = 0;
    w.requests.update = async (...args) => {
      if (++records === 3) throw new Error('killed');
      return real(...args);
    };
    await expect(refreshCard(w.deps, TEAM, ids[0] as string, 0)).rejects.toThrow('killed');
    expect(w.poster.posts.size).toBe(1);
    w.requests.update = real;

    // A member's job comes back first: the card is out, so it records it.
    await refreshCard(w.deps, TEAM, ids[3] as string, 0);
    await refreshCard(w.deps, TEAM, ids[0] as string, 0);
    const [post] = [...w.poster.posts.values()];
    expect(post).toMatchObject({ count: 1, text: expect.stringMatching(/^4 new client requests: /) });
    for (const id of ids) expect(await w.requests.get(TEAM, id)).toMatchObject({ cardChannelId: TRIAGE, cardTs: post?.ts });
    // The others' jobs find their card showing what they were queued for: no update, no post.
    for (const id of ids) await refreshCard(w.deps, TEAM, id, 0);
    expect(w.poster.updates).toEqual([]);
    expect(w.poster.posts.size).toBe(1);
    // Each request's log says once where its card is.
    for (const id of ids) expect((await w.requests.events(TEAM, id)).filter((e) => e.type === 'card_posted')).toHaveLength(1);
  });

  it("when a member's batch is long overdue (its driver died for good), then the member posts it, once", async () => {
    const w = world('takeover');
    const ids = await newRequests(w, 3);
    for (const id of ids) await w.batches.join(TEAM, TRIAGE, id, MAX_BATCH);
    // Before the slot the member waits for the driver.
    await w.batches.setSlot(TEAM, TRIAGE, 1, 5_000);
    await expect(refreshCard(w.deps, TEAM, ids[2] as string, 0)).rejects.toBeInstanceOf(RetryLaterError);
    expect(w.poster.posts.size).toBe(0);
    // The slot is long past and nothing was posted.
    await w.batches.setSlot(TEAM, TRIAGE, 1, -60_000);
    await refreshCard(w.deps, TEAM, ids[2] as string, 0);
    await refreshCard(w.deps, TEAM, ids[1] as string, 0);
    expect(w.poster.posts.size).toBe(1);
    const [post] = [...w.poster.posts.values()];
    for (const id of ids) expect((await w.requests.get(TEAM, id))?.cardTs).toBe(post?.ts);
  });

  it('when two card jobs of one request run at once and the older posts the card between the newer one\'s read and its join, then the newer one leaves the batch it opened and the next request\'s card is not held up', async () => {
    const w = world('overlap');
    const [first, next] = await newRequests(w, 2);
    // The newer job read the request before its card was recorded…
    const stale = (await w.requests.get(TEAM, first as string)) as TrackedRequest;
    // …the older one posts the card, records it and is done with its batch…
    await refreshCard(w.deps, TEAM, first as string, 0);
    expect(w.poster.posts.size).toBe(1);
    // …and then the newer one joins: it opens a new batch, finds the card recorded, and leaves it.
    await postInBatch(w.deps, TEAM, stale, TRIAGE);
    expect(w.poster.posts.size).toBe(1);
    // The next request drives a batch of its own and posts at once (nobody waits for a driver that never posts).
    await refreshCard(w.deps, TEAM, next as string, 0);
    expect(w.poster.posts.size).toBe(2);
    expect((await w.requests.get(TEAM, next as string))?.cardTs).toBeDefined();
  });

  it('when a request of a batch card changes, then the whole card is rendered again with its new state', async () => {
    const w = world('refresh');
    const ids = await newRequests(w, 2);
    await w.batches.join(TEAM, TRIAGE, ids[0] as string, MAX_BATCH);
    await w.batches.join(TEAM, TRIAGE, ids[1] as string, MAX_BATCH);
    await refreshCard(w.deps, TEAM, ids[0] as string, 0);
    const claimed = await w.requests.update(TEAM, ids[1] as string, { state: 'in_progress', ownerId: 'U0AINO' }, { type: 'claimed', at: T0, actorId: 'U0AINO' }, ['open']);
    await refreshCard(w.deps, TEAM, ids[1] as string, claimed?.revision as number);
    expect(w.poster.updates).toHaveLength(1);
    expect(w.poster.updates[0]?.text).toMatch(/^2 new client requests: Export 0 fails · Export 1 fails$/);
    // The same revision again (a duplicate job): the card shows it already.
    await refreshCard(w.deps, TEAM, ids[1] as string, claimed?.revision as number);
    expect(w.poster.updates).toHaveLength(1);
  });
});
