/**
 * The owner's announcement whose job runs only after the request was resolved (its claim relayed
 * late, or its job long in the queue while the updates after it were decided): it is still told,
 * in its place in the client's line (after the acknowledgement, before the updates decided after
 * it and before "Resolved"), not dropped and told again after those updates when the request is
 * reopened. Seen in interaction-crash as "announce_owner … out of order".
 *
 * Written here as a crash leaves it: the claim, an update and the resolution recorded through
 * RedisRequestStore with their intents while no instance runs; an instance started afterwards
 * relays all three together, so the announcement's job runs while the request is resolved.
 */
import { Redis } from 'ioredis';
import { ownerNotToldYet } from '../../../src/app/lifecycle/resolution';
import type { Intent } from '../../../src/app/ports';
import type { TrackedRequest } from '../../../src/domain/request';
import { t } from '../../../src/i18n';
import { RedisRequestStore } from '../../../src/store/redis-request-store';
import { appMessages, deliveryKeys, duplicates, relayLeftovers } from '../../support/delivery-checks';
import { Channels, type Harness, PinnedClock, Users, startHarness } from '../harness';
import { lifecycleDriver } from '../support/lifecycle-driver';

const TEAM = 'T0HOST';
const MINUTE = 60_000;
const RELAY_STALE_MS = 1000;
const OWNER = Users.consultant;

const clock = new PinnedClock();
let h: Harness;
let redis: Redis;
let store: RedisRequestStore;

beforeAll(async () => {
  h = await startHarness({ name: 'owner-after-resolution', clock, relayStaleMs: RELAY_STALE_MS });
  redis = new Redis(process.env.REDIS_URL as string);
  store = new RedisRequestStore(redis, h.prefix);
});
afterAll(async () => {
  redis.disconnect();
  await h.stop();
});

const load = async (id: string) => (await store.get(TEAM, id)) as TrackedRequest;

async function stopAll() {
  await Promise.all(h.apps.filter((a) => !a.stopped).map((a) => a.stop()));
}

/** Starts an instance and waits until the thread has `count` app messages and everything settled. */
async function startAndSettle(threadTs: string, count: number) {
  await h.startInstance();
  const deadline = Date.now() + 8_000;
  while (appMessages(h.slack, Channels.shared, threadTs).length < count || (await relayLeftovers(redis, h.prefix, TEAM)).marked.length > 0) {
    if (Date.now() > deadline) throw new Error(`not settled: ${JSON.stringify(appMessages(h.slack, Channels.shared, threadTs).flatMap(deliveryKeys))}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await h.idle();
}

/** What claimRequest, postUpdate, resolveRequest and reopenRequest write, each in one step. */
const write = {
  async claim(id: string) {
    const intents: Intent[] = [
      { kind: 'announce_owner', teamId: TEAM, requestId: id, ownerId: OWNER },
      { kind: 'ask_eta', teamId: TEAM, requestId: id, ownerId: OWNER },
    ];
    await store.update(TEAM, id, { state: 'in_progress', ownerId: OWNER }, { type: 'claimed', at: clock.now(), actorId: OWNER }, ['open'], { intents, relay: true });
  },
  async update(id: string, text: string) {
    const before = await load(id);
    const now = clock.now();
    const nextUpdateDueAt = now + 180 * MINUTE;
    const seq = before.updateCount + 1;
    const intent: Intent = { kind: 'client_update', teamId: TEAM, requestId: id, seq, update: { type: 'text', text, nextUpdateDueAt } };
    await store.update(
      TEAM,
      id,
      { lastUpdateAt: now, nextUpdateDueAt, countUpdate: true },
      { type: 'update_posted', at: now, actorId: OWNER, data: { kind: 'text', dueAt: before.nextUpdateDueAt } },
      { states: [before.state], updateCount: before.updateCount },
      { intents: [intent], relay: true },
    );
    return seq;
  },
  async resolve(id: string, summary: string) {
    const before = await load(id);
    const now = clock.now();
    const intent: Intent = { kind: 'closing', teamId: TEAM, requestId: id, resolvedAt: now, summary };
    await store.update(TEAM, id, { state: 'resolved', resolvedAt: now, resolvedBy: OWNER }, { type: 'resolved', at: now, actorId: OWNER, data: { withSummary: true } }, [before.state], {
      intents: [intent],
      relay: true,
    });
    return now;
  },
  async reopen(id: string) {
    const before = await load(id);
    const now = clock.now();
    const nextUpdateDueAt = now + 180 * MINUTE;
    const seq = before.updateCount + 1;
    await store.update(
      TEAM,
      id,
      { state: 'in_progress', resolvedAt: null, resolvedBy: null, lastUpdateAt: now, nextUpdateDueAt, countUpdate: true },
      { type: 'reopened', at: now, actorId: OWNER },
      { states: ['resolved'], updateCount: before.updateCount },
      { intents: [...ownerNotToldYet(before, now), { kind: 'client_update', teamId: TEAM, requestId: id, seq, update: { type: 'reopened', nextUpdateDueAt } }], relay: true },
    );
    return seq;
  },
};

it('when the owner announcement is delivered only after the request was resolved, then the client reads it in its place, before the later update and "Resolved", and a reopen does not tell it again', async () => {
  const { ts, requestId: id } = await lifecycleDriver(h).newRequest('The backup is broken, please help');
  const key = {
    ack: `ack_${TEAM}_${id}`,
    announce: `announce_owner_${TEAM}_${id}_${OWNER}`,
    update: (seq: number) => `update_${TEAM}_${id}_${seq}`,
    closing: (at: number) => `closing_${TEAM}_${id}_${at}`,
  };
  await stopAll();
  // Past the acknowledgement's first minutes: the announcement is a post of its own, not an edit.
  clock.advance(15 * MINUTE);
  await write.claim(id);
  clock.advance(MINUTE);
  const seq = await write.update(id, 'The backup job was restarted');
  clock.advance(MINUTE);
  const resolvedAt = await write.resolve(id, 'Backups run again');

  await startAndSettle(ts, 4);
  const thread = appMessages(h.slack, Channels.shared, ts);
  expect(thread.flatMap(deliveryKeys)).toEqual([key.ack, key.announce, key.update(seq), key.closing(resolvedAt)]);
  expect(thread[1]?.text).toContain('is working on this');
  expect((await load(id)).announcedOwnerId).toBe(OWNER);

  await stopAll();
  clock.advance(MINUTE);
  const reopenedSeq = await write.reopen(id);
  await startAndSettle(ts, 5);
  const after = appMessages(h.slack, Channels.shared, ts);
  expect(duplicates(after)).toEqual([]);
  expect(after.flatMap(deliveryKeys)).toEqual([key.ack, key.announce, key.update(seq), key.closing(resolvedAt), key.update(reopenedSeq)]);
  expect(after[4]?.text).toContain(t('en', 'client.reopened'));
});
