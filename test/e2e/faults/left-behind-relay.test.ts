/**
 * What a crash between a click's write and its relay leaves behind: the change and its intents are
 * recorded (one Lua write, with a relay mark) and nobody handed them on. Written here directly
 * through RedisRequestStore, as the use cases write them, while no instance runs; an instance
 * started afterwards must relay them from its periodic sweep alone: each message delivered exactly
 * once within a few seconds, the timers planned for the new due time (or cancelled for a closed
 * request), the card refreshed and the relay set empty. Several changes left behind together must
 * still reach the client in the order they were made (DESIGN: "In order, exactly once").
 */
import { ownerNotToldYet } from '../../../src/app/lifecycle/resolution';
import { Redis } from 'ioredis';
import type { Intent } from '../../../src/app/ports';
import type { TrackedRequest } from '../../../src/domain/request';
import { t } from '../../../src/i18n';
import { TimerQueue } from '../../../src/jobs/timer-queue';
import { RedisRelayLedger } from '../../../src/store/redis-relay-ledger';
import { RedisRequestStore } from '../../../src/store/redis-request-store';
import { RedisSettingsStore } from '../../../src/store/redis-settings-store';
import { dmChannelId } from '../../support/slack-emulator/fixtures';
import { Channels, type Harness, PinnedClock, Users, startHarness } from '../harness';
import { appMessages, comparable, deliveryKey, deliveryKeys, duplicates, expectedTimers, relayLeftovers, namedTimer, pendingTimers } from '../../support/delivery-checks';
import { lifecycleDriver } from '../support/lifecycle-driver';

const MINUTE = 60_000;
/** The sweep relays what waited longer than this, every half of it. */
const RELAY_STALE_MS = 1000;
const OWNER = Users.consultant;

const clock = new PinnedClock();
let h: Harness;
let redis: Redis;
let store: RedisRequestStore;
let ledger: RedisRelayLedger;
/** The timers queue, read from the test (also while no instance runs). */
let timers: TimerQueue;
/** Requests created while the first instance ran: thread ts and id. */
const requests: Array<{ ts: string; requestId: string }> = [];

beforeAll(async () => {
  h = await startHarness({ name: 'left-behind-relay', clock, relayStaleMs: RELAY_STALE_MS });
  redis = new Redis(process.env.REDIS_URL as string);
  store = new RedisRequestStore(redis, h.prefix);
  ledger = new RedisRelayLedger(redis, h.prefix);
  timers = new TimerQueue(redis, h.prefix, clock);
  const drive = lifecycleDriver(h);
  for (const text of ['Invoices are missing from the portal', 'The nightly sync stopped', 'Password reset mails bounce', 'The VPN drops every hour']) {
    requests.push(await drive.newRequest(text));
  }
});
afterAll(async () => {
  await timers.close();
  redis.disconnect();
  await h.stop();
});

const TEAM = 'T0HOST';
const request = (i: number) => requests[i] as { ts: string; requestId: string };
const load = async (id: string) => (await store.get(TEAM, id)) as TrackedRequest;
const settingsOf = (r: TrackedRequest) =>
  new RedisSettingsStore(redis, h.prefix, h.config.defaults, h.config.managedChannelIds).forChannel(r.teamId, r.channelId);
const keys = {
  ack: (id: string) => `ack_${TEAM}_${id}`,
  announce: (id: string) => `announce_owner_${TEAM}_${id}_${OWNER}`,
  askEta: (id: string) => `ask_eta_${TEAM}_${id}_${OWNER}`,
  update: (id: string, seq: number) => `update_${TEAM}_${id}_${seq}`,
  closing: (id: string, at: number) => `closing_${TEAM}_${id}_${at}`,
};

/** Stops every running instance: from now on nobody relays anything. */
async function stopAll() {
  await Promise.all(h.apps.filter((a) => !a.stopped).map((a) => a.stop()));
}

/** Waits (polling, at most `ms`) until `done` holds; returns how long it took. */
async function within(ms: number, done: () => boolean | Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (!(await done())) {
    if (Date.now() - started > ms) throw new Error(`not done within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return Date.now() - started;
}

/** Starts an instance and waits until its sweep relayed everything and the queues are idle. */
async function startAndSettle(threadTs: string, expectedInThread: number): Promise<number> {
  await h.startInstance();
  const tookMs = await within(5_000, () => appMessages(h.slack, Channels.shared, threadTs).length >= expectedInThread);
  await within(5_000, async () => (await relayLeftovers(redis, h.prefix, TEAM)).marked.length === 0);
  await h.idle();
  await new Promise((resolve) => setTimeout(resolve, 2 * RELAY_STALE_MS)); // more sweeps: nothing is relayed again
  await h.idle();
  return tookMs;
}

/** What the use cases write, each in one step (see claimRequest, stillOnIt/postUpdate, resolveRequest). */
const write = {
  async claim(id: string) {
    const intents: Intent[] = [
      { kind: 'announce_owner', teamId: TEAM, requestId: id, ownerId: OWNER },
      { kind: 'ask_eta', teamId: TEAM, requestId: id, ownerId: OWNER },
    ];
    const after = await store.update(TEAM, id, { state: 'in_progress', ownerId: OWNER }, { type: 'claimed', at: clock.now(), actorId: OWNER }, ['open'], {
      intents,
      relay: true,
    });
    expect(after?.state).toBe('in_progress');
    return intents;
  },
  /** [Reopen]: numbered like an update. */
  async reopen(id: string) {
    const before = await load(id);
    const now = clock.now();
    const nextUpdateDueAt = now + 180 * MINUTE;
    const seq = before.updateCount + 1;
    const after = await store.update(
      TEAM,
      id,
      { state: 'in_progress', resolvedAt: null, resolvedBy: null, lastUpdateAt: now, nextUpdateDueAt, countUpdate: true },
      { type: 'reopened', at: now, actorId: OWNER },
      { states: ['resolved'], updateCount: before.updateCount },
      {
        intents: [...ownerNotToldYet(before, now), { kind: 'client_update', teamId: TEAM, requestId: id, seq, update: { type: 'reopened', nextUpdateDueAt } }],
        relay: true,
      },
    );
    expect(after?.state).toBe('in_progress');
    return { seq };
  },
  /** [Still on it] (no text) or [Post update] (text): numbered by the count read. */
  async update(id: string, text?: string) {
    const before = await load(id);
    const now = clock.now();
    const nextUpdateDueAt = now + 180 * MINUTE;
    const seq = before.updateCount + 1;
    const update = text ? { type: 'text' as const, text, nextUpdateDueAt } : { type: 'still_on_it' as const, nextUpdateDueAt };
    const intent: Intent = { kind: 'client_update', teamId: TEAM, requestId: id, seq, update };
    const after = await store.update(
      TEAM,
      id,
      { lastUpdateAt: now, nextUpdateDueAt, countUpdate: true },
      { type: 'update_posted', at: now, actorId: OWNER, data: { kind: update.type, dueAt: before.nextUpdateDueAt } },
      { states: [before.state], updateCount: before.updateCount },
      { intents: [intent], relay: true },
    );
    expect(after?.updateCount).toBe(seq);
    return { intent, nextUpdateDueAt, seq };
  },
  async resolve(id: string, summary: string) {
    const before = await load(id);
    const now = clock.now();
    const intent: Intent = { kind: 'closing', teamId: TEAM, requestId: id, resolvedAt: now, summary };
    const after = await store.update(
      TEAM,
      id,
      { state: 'resolved', resolvedAt: now, resolvedBy: OWNER },
      { type: 'resolved', at: now, actorId: OWNER, data: { withSummary: true } },
      [before.state],
      { intents: [intent], relay: true },
    );
    expect(after?.state).toBe('resolved');
    return { intent, resolvedAt: now };
  },
};

describe('a change left behind by a crash is relayed by the sweep of an instance started later', () => {
  it('when a claim and a "still on it" were written with their intents and nobody relayed them, then the sweep delivers each message once and plans the timers for the new due time', async () => {
    const { ts, requestId: id } = request(0);
    const dueBefore = (await load(id)).nextUpdateDueAt;
    const timersBefore = await pendingTimers(timers, id);
    expect(timersBefore.length).toBeGreaterThan(0);
    await stopAll();
    const callsBefore = h.slack.calls.length;

    // A minute later the consultant claims it and answers "still on it"; the process dies after each write.
    clock.advance(MINUTE);
    const claim = await write.claim(id);
    const { intent: update, nextUpdateDueAt } = await write.update(id);

    // Left behind: marked, three intents pending, nothing handed on, the old due time's timers.
    expect(await relayLeftovers(redis, h.prefix, TEAM)).toEqual({ marked: [id], withIntents: [id] });
    // Recorded as written; the client messages also carry their place in the request's line.
    expect((await ledger.pending(TEAM, id)).intents.map((i) => i.intent)).toEqual([...claim, update].map((intent) => expect.objectContaining(intent)));
    expect(await pendingTimers(timers, id)).toEqual(timersBefore);
    expect(h.slack.calls.length).toBe(callsBefore);

    // Claimed a minute after the acknowledgement: the client is told in it, edited in place.
    const tookMs = await startAndSettle(ts, 2);
    expect(tookMs).toBeLessThan(4_000);

    // Each once (the order they arrive in has a test of its own below).
    const thread = appMessages(h.slack, Channels.shared, ts);
    const byKey = new Map(thread.flatMap((m) => deliveryKeys(m).map((key) => [key, m.text] as const)));
    expect([...byKey.keys()].sort()).toEqual([keys.ack(id), keys.announce(id), keys.update(id, 1)]);
    expect(thread).toHaveLength(2);
    expect(byKey.get(keys.announce(id))).toMatch(/^Thanks, .+ — we've received your request\. Aino from our team is on it\. You'll get/);
    expect(byKey.get(keys.update(id, 1))).toContain(t('en', 'client.stillOnIt'));
    const dms = appMessages(h.slack, dmChannelId(OWNER)).filter((m) => deliveryKey(m)?.includes(`_${id}`));
    expect(dms.map(deliveryKey)).toEqual([keys.askEta(id)]);
    expect(duplicates([...thread, ...dms])).toEqual([]);

    const r = await load(id);
    const planned = await pendingTimers(timers, id);
    expect(comparable(planned)).toEqual(expectedTimers(r, await settingsOf(r), clock.now()));
    expect(planned.map((timer) => timer.id).join()).toContain(`_${nextUpdateDueAt}`);
    expect(planned.map((timer) => timer.id).join()).not.toContain(`_${dueBefore}`);
    expect((await namedTimer(redis, h.prefix, r)).sort()).toEqual(planned.map((timer) => timer.id).sort());
    // The card shows the owner now.
    const card = h.slack.callsTo('chat.update', (c) => c.args.channel === Channels.triage && c.args.ts === r.cardTs).at(-1);
    expect(JSON.stringify(card?.args.blocks)).toContain(`<@${OWNER}>`);
    expect(await relayLeftovers(redis, h.prefix, TEAM)).toEqual({ marked: [], withIntents: [] });
  });

  it('when a resolution was written with its closing and nobody relayed it, then the sweep posts "Resolved" once and cancels every timer', async () => {
    const { ts, requestId: id } = request(0);
    await stopAll();
    clock.advance(MINUTE);
    const { resolvedAt } = await write.resolve(id, 'The portal export was re-run');
    expect(await relayLeftovers(redis, h.prefix, TEAM)).toEqual({ marked: [id], withIntents: [id] });
    expect((await namedTimer(redis, h.prefix, { teamId: TEAM, id })).length).toBeGreaterThan(0);

    // The acknowledgement (telling the owner), "still on it", and now the closing.
    const tookMs = await startAndSettle(ts, 3);
    await within(5_000, () => h.slack.reactionsOn(Channels.shared, ts).includes('white_check_mark'));
    expect(tookMs).toBeLessThan(4_000);

    const thread = appMessages(h.slack, Channels.shared, ts);
    expect(thread).toHaveLength(3);
    expect(duplicates(thread)).toEqual([]);
    const closing = thread.find((m) => deliveryKey(m) === keys.closing(id, resolvedAt));
    expect(closing?.text).toMatch(/^Resolved: The portal export was re-run/);
    expect(h.slack.reactionsOn(Channels.shared, ts)).not.toContain('eyes');
    expect((await load(id)).closingTs).toBe(closing?.ts);

    expect(await pendingTimers(timers, id)).toEqual([]);
    expect(await namedTimer(redis, h.prefix, { teamId: TEAM, id })).toEqual([]);
    expect(await relayLeftovers(redis, h.prefix, TEAM)).toEqual({ marked: [], withIntents: [] });
  });
});

describe('several changes left behind together', () => {
  it('when a claim and two updates are relayed by the sweep together, then the client reads them in the order they were made', async () => {
    const { ts, requestId: id } = request(1);
    await stopAll();
    clock.advance(MINUTE);
    await write.claim(id);
    clock.advance(MINUTE);
    await write.update(id);
    clock.advance(MINUTE);
    await write.update(id, 'The sync job was restarted; we are watching it.');
    // Slack rate-limits the first of them for a second (it happens; the rest must wait their turn).
    h.slack.failNext('chat.postMessage', { kind: 'rate_limited', retryAfterSeconds: 1 }, 1, (args) => args.thread_ts === ts);

    // The claim, a minute after the acknowledgement, is told in it: in line, before the updates.
    await startAndSettle(ts, 3);
    const thread = appMessages(h.slack, Channels.shared, ts);
    expect(thread.flatMap(deliveryKeys)).toEqual([keys.ack(id), keys.announce(id), keys.update(id, 1), keys.update(id, 2)]);
    expect(thread).toHaveLength(3);
  });

  it('when an update and the resolution are relayed by the sweep together, then the update comes before "Resolved" (no next update is promised after it)', async () => {
    const { ts, requestId: id } = request(2);
    await stopAll();
    clock.advance(MINUTE);
    await write.update(id);
    clock.advance(MINUTE);
    const { resolvedAt } = await write.resolve(id, 'The mail relay accepts resets again');
    h.slack.failNext('chat.postMessage', { kind: 'rate_limited', retryAfterSeconds: 1 }, 1, (args) => args.thread_ts === ts);

    await startAndSettle(ts, 3);
    const thread = appMessages(h.slack, Channels.shared, ts);
    expect(duplicates(thread)).toEqual([]);
    expect(thread.map(deliveryKey)).toEqual([keys.ack(id), keys.update(id, 1), keys.closing(id, resolvedAt)]);
  });

  it('when a claim and the resolution are relayed together and the request is reopened, then the client still hears once who is working on it', async () => {
    const { ts, requestId: id } = request(3);
    await stopAll();
    clock.advance(MINUTE);
    await write.claim(id);
    clock.advance(MINUTE);
    const { resolvedAt } = await write.resolve(id, 'The tunnel was reconfigured');
    await startAndSettle(ts, 2);

    await stopAll();
    clock.advance(MINUTE);
    const { seq } = await write.reopen(id);
    await startAndSettle(ts, 3);

    const thread = appMessages(h.slack, Channels.shared, ts);
    expect(duplicates(thread)).toEqual([]);
    expect(thread.map(deliveryKey)).toEqual(expect.arrayContaining([keys.closing(id, resolvedAt), keys.update(id, seq)]));
    // Owned by Aino: the client is told who is on it once, in its place before "Resolved" (a minute
    // after the acknowledgement: told in it, edited in place), and Aino is asked for an ETA once open again.
    expect(thread.filter((m) => deliveryKeys(m).includes(keys.announce(id)))).toHaveLength(1);
    expect(thread.flatMap(deliveryKeys)).toEqual([keys.ack(id), keys.announce(id), keys.closing(id, resolvedAt), keys.update(id, seq)]);
    const dms = appMessages(h.slack, dmChannelId(OWNER)).filter((m) => deliveryKey(m) === keys.askEta(id));
    expect(dms).toHaveLength(1);
  });
});
