/**
 * Two relays of one request at once (the writer's own and another instance's sweep, or the relays
 * of two changes made within milliseconds by two people): whatever order they finish in, the
 * request must be left with the timers of its state as it is now. Real Redis, the real relay,
 * TimerQueue and ledger; the outbox is a list whose first `add` can be held, to stop one relay
 * right after it has read the request.
 */
import { Redis } from 'ioredis';
import type { Clock, Intent, NewRequest } from '../../../src/app/ports';
import { type RelayDeps, relay } from '../../../src/app/relay';
import { loadConfig } from '../../../src/config';
import type { TrackedRequest } from '../../../src/domain/request';
import { TimerQueue } from '../../../src/jobs/timer-queue';
import { RedisHomeViewers } from '../../../src/store/redis-home-viewers';
import { RedisClientLine } from '../../../src/store/redis-client-line';
import { RedisRelayLedger } from '../../../src/store/redis-relay-ledger';
import { RedisRequestStore } from '../../../src/store/redis-request-store';
import { RedisSettingsStore } from '../../../src/store/redis-settings-store';
import { comparable, expectedTimers, relayLeftovers, pendingTimers } from '../../support/delivery-checks';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from '../../support/redis/key-prefix';

const DEFAULTS = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', REDIS_URL: 'redis://localhost:6379' }).defaults;
const TEAM = 'T0HOST';
const OWNER = 'U0AINO';
const T0 = Date.UTC(2026, 10, 23, 10, 0, 0);
const HOUR = 3_600_000;
const clock: Clock = { now: () => T0, msUntil: (at) => at - T0 };
const redisUrl = process.env.REDIS_URL as string;
const prefix = uniqueKeyPrefix('relay-race');
let redis: Redis;
let store: RedisRequestStore;
let timers: TimerQueue;
let settings: RedisSettingsStore;
let counter = 0;

beforeAll(() => {
  redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  store = new RedisRequestStore(redis, prefix);
  timers = new TimerQueue(redis, prefix, clock);
  settings = new RedisSettingsStore(redis, prefix, DEFAULTS);
});
afterAll(async () => {
  await timers.close();
  await deleteKeysWithPrefix(redisUrl, prefix);
  await redis.quit();
});

/** Relay deps over the real adapters; `hold` stops the relay at its first outbox add until released. */
function relayDeps(hold?: { reached: () => void; released: Promise<void> }): RelayDeps & { added: Intent[] } {
  const added: Intent[] = [];
  let held = false;
  return {
    added,
    relay: new RedisRelayLedger(redis, prefix),
    requests: store,
    timers,
    settings,
    homeViewers: new RedisHomeViewers(redis, prefix),
    clientLine: new RedisClientLine(redis, prefix),
    teamLeads: [],
    outbox: {
      add: async (job) => {
        if (hold && !held) {
          held = true;
          hold.reached();
          await hold.released;
        }
        added.push(job);
      },
      replay: async (job) => {
        added.push(job);
      },
      forget: async () => undefined,
    },
  };
}

async function newRequest(): Promise<TrackedRequest> {
  counter += 1;
  const input: NewRequest = {
    teamId: TEAM,
    channelId: 'C0SHARED',
    ts: `1700000000.${String(counter).padStart(6, '0')}`,
    clientUserId: `U0CL${counter}`,
    clientName: 'Maria',
    excerpt: 'Our export fails',
    priority: 'normal',
    trigger: 'auto',
    createdAt: T0,
    nextUpdateDueAt: T0 + HOUR,
  };
  const created = await store.createOrJoin(input, 0, []);
  if (created.outcome !== 'created') throw new Error(created.outcome);
  await relay(relayDeps(), TEAM, created.request.id);
  return created.request;
}

/** [Still on it]: the next update is due at `dueAt` (one write, with its intent and a relay mark). */
async function stillOnIt(id: string, dueAt: number): Promise<TrackedRequest> {
  const before = (await store.get(TEAM, id)) as TrackedRequest;
  const seq = before.updateCount + 1;
  const after = await store.update(
    TEAM,
    id,
    { lastUpdateAt: T0, nextUpdateDueAt: dueAt, countUpdate: true },
    { type: 'update_posted', at: T0, actorId: OWNER, data: { kind: 'still_on_it' } },
    { states: [before.state], updateCount: before.updateCount },
    { intents: [{ kind: 'client_update', teamId: TEAM, requestId: id, seq, update: { type: 'still_on_it', nextUpdateDueAt: dueAt } }] },
  );
  if (!after) throw new Error('the update was refused');
  return after;
}

async function timersMatch(id: string) {
  const request = (await store.get(TEAM, id)) as TrackedRequest;
  return {
    inQueue: comparable(await pendingTimers(timers, id)),
    planned: expectedTimers(request, await settings.forChannel(TEAM, request.channelId), clock.now()),
  };
}

it('when two changes are relayed one after the other, then the timers are those of the newer due time (control)', async () => {
  const { id } = await newRequest();
  await stillOnIt(id, T0 + 3 * HOUR);
  await relay(relayDeps(), TEAM, id);
  await stillOnIt(id, T0 + 5 * HOUR);
  await relay(relayDeps(), TEAM, id);

  const { inQueue, planned } = await timersMatch(id);
  expect(inQueue).toEqual(planned);
  expect(inQueue.map((timer) => timer.id).join()).toContain(String(T0 + 5 * HOUR));
  expect((await relayLeftovers(redis, prefix, TEAM)).marked).not.toContain(id);
});

it('when a relay that read the older state finishes after the relay of a newer change, then the timers are still those of the newer due time', async () => {
  const { id } = await newRequest();
  await stillOnIt(id, T0 + 3 * HOUR);

  // The first relay reads the request (due in 3 h) and is held before it plans the timers…
  let reached: () => void = () => undefined;
  const atHold = new Promise<void>((resolve) => (reached = resolve));
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const slow = relay(relayDeps({ reached, released }), TEAM, id);
  await atHold;

  // …meanwhile a second change moves the due time to 5 h, and its relay runs to the end.
  const newer = await stillOnIt(id, T0 + 5 * HOUR);
  await relay(relayDeps(), TEAM, id);
  expect((await timersMatch(id)).inQueue).toEqual((await timersMatch(id)).planned);

  release();
  await slow;
  const { inQueue, planned } = await timersMatch(id);
  expect(newer.nextUpdateDueAt).toBe(T0 + 5 * HOUR);
  // Nothing is left marked to put it right later, so the timers must be right now.
  expect((await relayLeftovers(redis, prefix, TEAM)).marked).not.toContain(id);
  expect(inQueue).toEqual(planned);
});
