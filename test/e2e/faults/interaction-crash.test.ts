/**
 * Clicks and modal submissions while the app is killed (SIGKILL) at random moments: right after
 * a click's HTTP answer, as soon as the change is written (before its relay), while its posts are
 * in flight (slow chat.postMessage, so that Slack has the message and the app never hears back),
 * or after a random while (with a post in flight every instance is killed, as the poster may be
 * either), while Slack answers some of the round's posts with faults it really gives: a post kept
 * but answered `internal_error`/`fatal_error`/504, a 504 whose post lands a moment later, a 503 or a
 * 429. Each instance talks to Redis through a proxy of its own, which can hold its connection
 * right after a chosen write: the "as soon as the change is written" kill lands before the relay
 * every time, not only when the process happens to be slower than the test. Three instances run
 * at a time; a killed one is replaced. Slack never retries an interaction, so a click that got
 * no 200 is repeated once (a user who sees an error); client replies are events, resent until
 * answered (as Slack does).
 *
 * In the end, once the queues drained and the sweeps ran, for every request:
 *  (a) each client-visible update it records (numbered updates, the closing of its resolution,
 *      its owner's announcement) is in the client's thread exactly once (posted, or told in the
 *      acknowledgement edited in place: its delivery key in the acknowledgement's metadata), and
 *      no message twice;
 *      the thread reads in the order the messages were decided, and no message promises a next
 *      update already past when it was posted;
 *  (b) nothing it records as done is missing there (and each update says what was recorded);
 *  (c) a live request has exactly the timers `plannedTimers` gives for its state; a closed one none;
 *  (d) the relay set and every request's intents are empty.
 * CRASH_SEED=<n> replays a run; CRASH_REPORT=1 prints what happened.
 */
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { type Job, Queue } from 'bullmq';
import { isClosed } from '../../../src/domain/lifecycle';
import type { RequestEvent, TrackedRequest } from '../../../src/domain/request';
import { t } from '../../../src/i18n';
import { QueueName } from '../../../src/jobs/queues';
import { TimerQueue } from '../../../src/jobs/timer-queue';
import { bullPrefix, teamKeys } from '../../../src/store/keys';
import { RedisRequestStore } from '../../../src/store/redis-request-store';
import { RedisSettingsStore } from '../../../src/store/redis-settings-store';
import { UPDATE } from '../../../src/store/request-scripts';
import { loadConfig } from '../../../src/config';
import { type AppProcess, spawnApp } from '../../support/app-process/spawn-app';
import { blockAction, eventEnvelope, messageEvent, viewInput, viewSubmission } from '../../support/builders';
import { DEFAULT_START } from '../../support/pinned-instants';
import { type HoldingProxy, startHoldingProxy } from '../../support/redis/holding-proxy';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from '../../support/redis/key-prefix';
import { type SentResponse, createSignedSender } from '../../support/signed-requests';
import { type SlackEmulator, clientUser, startSlackEmulator } from '../../support/slack-emulator';
import type { Fault } from '../../support/slack-emulator/types';
import { dmChannelId } from '../../support/slack-emulator/fixtures';
import { Channels, SIGNING_SECRET, Users, seedPostedMessage, seedWorkspace, testEnv, tsNow } from '../harness';
import { appMessages, comparable, deliveryKey, deliveryKeys, duplicates, expectedTimers, keyCounts, promisedAt, relayLeftovers, namedTimer, pendingTimers } from '../../support/delivery-checks';
import { helsinkiDate } from '../support/lifecycle-driver';

const TEAM = 'T0HOST';
const DAY = 24 * 3_600_000;
const RELAY_STALE_MS = 1000;
/** Internal people: Aino clicks everything; Leena is who [Assign…] picks. */
const AINO = Users.consultant;
const LEENA = Users.lead;

type StepName = 'claim' | 'assign' | 'eta' | 'still' | 'update' | 'updateEta' | 'wait' | 'reply' | 'resolve' | 'reopen' | 'dismiss';

/** One request's life, one step per round (steps the state machine refuses are refused, as for a user). */
const SCRIPTS: Array<{ name: string; steps: StepName[] }> = [
  { name: 'export', steps: ['claim', 'eta', 'still', 'update', 'resolve', 'reopen', 'still', 'resolve', 'reopen', 'still'] },
  { name: 'vpn', steps: ['claim', 'wait', 'reply', 'updateEta', 'still', 'resolve', 'reopen', 'update', 'still', 'resolve'] },
  { name: 'invoices', steps: ['assign', 'eta', 'wait', 'reply', 'still', 'resolve', 'reopen', 'still', 'update', 'resolve'] },
  { name: 'backup', steps: ['claim', 'still', 'still', 'eta', 'update', 'resolve', 'reopen', 'resolve', 'reopen', 'update'] },
  { name: 'spam', steps: ['claim', 'eta', 'dismiss', 'still'] },
  { name: 'mail', steps: ['claim', 'update', 'wait', 'reply', 'resolve', 'reopen', 'update', 'resolve', 'reopen', 'eta'] },
  { name: 'printer', steps: ['still', 'claim', 'resolve', 'reopen', 'eta', 'wait', 'reply', 'resolve', 'reopen', 'still'] },
  { name: 'sso', steps: ['claim', 'eta', 'updateEta', 'still', 'wait', 'reply', 'still', 'update', 'resolve', 'reopen'] },
  { name: 'portal', steps: ['dismiss', 'claim', 'still'] },
  { name: 'wifi', steps: ['assign', 'still', 'wait', 'reply', 'wait', 'reply', 'updateEta', 'resolve', 'reopen', 'resolve'] },
];
const ROUNDS = Math.max(...SCRIPTS.map((s) => s.steps.length));
const INSTANCES = 3;

/** What Slack may answer a post (besides a slow answer): each is armed for one post of a round's threads. */
const SLACK_FAULTS: Fault[] = [
  { kind: 'applied_but_failed', error: 'internal_error' },
  { kind: 'applied_but_failed', error: 'fatal_error' },
  { kind: 'applied_but_failed', status: 504 },
  { kind: 'lands_later', delayMs: 1200, status: 504 },
  { kind: 'lands_later', delayMs: 600, status: 502 },
  { kind: 'server_error', status: 503 },
  { kind: 'rate_limited', retryAfterSeconds: 1 },
];

/** How each round ends; each appears a fixed number of times, in a seeded order. */
type KillMode = 'none' | 'answer' | 'write' | 'post' | 'random';
const MODES: KillMode[] = ['write', 'write', 'write', 'answer', 'answer', 'post', 'post', 'random', 'random', 'none'];

interface Tracked {
  name: string;
  client: string;
  ts: string;
  id: string;
  steps: StepName[];
}

interface Instance {
  n: number;
  app: AppProcess;
  /** Its own way to Redis (see `startHoldingProxy`). */
  proxy: HoldingProxy;
  send: ReturnType<typeof createSignedSender>;
}

let slack: SlackEmulator;
let prefix: string;
let redis: Redis;
const processes: AppProcess[] = [];
const proxies: HoldingProxy[] = [];

beforeAll(async () => {
  slack = await startSlackEmulator();
  seedWorkspace(slack);
  prefix = uniqueKeyPrefix('interaction-crash');
  redis = new Redis(process.env.REDIS_URL as string);
});
afterAll(async () => {
  for (const app of processes) app.kill();
  await Promise.all(processes.map((app) => app.exited));
  await Promise.all(proxies.map((proxy) => proxy.close()));
  redis.disconnect();
  await slack.close();
  await deleteKeysWithPrefix(process.env.REDIS_URL as string, prefix);
});

const UPDATE_SHA = createHash('sha1').update(UPDATE).digest('hex');

/** Whether the command is the UPDATE of this request that marks it for the relay. */
function writesWithRelay(command: string[], requestKey: string): boolean {
  // evalsha sha 4 request log intents relay event guard bumps relayAt … (eval with the script at first)
  const [name, script, , key] = command;
  const isUpdate = (name === 'evalsha' && script === UPDATE_SHA) || (name === 'eval' && script === UPDATE);
  return isUpdate && key === requestKey && (command[10] ?? '') !== '';
}

/** A deterministic pseudo-random sequence, so that a failure can be replayed (CRASH_SEED). */
function random(seed: number) {
  let s = seed;
  return () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const noAnswer = (): SentResponse => ({ status: 0, headers: {}, body: '', json: () => undefined });

it('when the app dies at random points of clicks and submissions and comes back, then every client update is in its thread exactly once and every live request has its timers', async () => {
  const seed = Number(process.env.CRASH_SEED ?? Date.now() % 100_000);
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  // Which live instance gets a request depends on timing; its own sequence keeps the rest replayable.
  const nextInstance = random(seed + 1);
  const log: string[] = [`seed ${seed}`];

  // The app's clock starts at the pinned Helsinki afternoon and runs at real speed: nothing depends
  // on when the suite runs, and no timer of the scripts falls due during the test.
  const offset = DEFAULT_START - Date.now();
  const appNow = () => Date.now() + offset;
  const env = {
    ...testEnv(slack, prefix),
    APP_CLOCK_OFFSET_MS: String(offset),
    // A killed worker's jobs are taken over after the lock; a live one renews it every half lock.
    // At 1 s, a loaded machine's event-loop pause of half a second cost a live worker its lock, and
    // a job so "stalled" six times failed (seen with a load average of 7 on 2 cores).
    APP_WORKER_LOCK_MS: '2500',
    APP_SLACK_TIMEOUT_MS: '1000',
    APP_RELAY_STALE_MS: String(RELAY_STALE_MS),
  };
  const config = loadConfig(env);
  const store = new RedisRequestStore(redis, prefix);
  const keys = teamKeys(prefix, TEAM);

  // Instances: three at a time; a killed one is replaced in the background.
  let spawned = 0;
  const live: Instance[] = [];
  const coming = new Set<Promise<void>>();
  const spawnOne = () => {
    const n = ++spawned;
    const started = startHoldingProxy(process.env.REDIS_URL as string).then(async (proxy) => {
      proxies.push(proxy);
      const app = await spawnApp({ ...env, REDIS_URL: proxy.url });
      processes.push(app);
      live.push({ n, app, proxy, send: createSignedSender({ url: `http://127.0.0.1:${app.port}/slack/events`, signingSecret: SIGNING_SECRET }) });
    });
    const tracked: Promise<void> = started.finally(() => coming.delete(tracked));
    coming.add(tracked);
  };
  const anyLive = async (): Promise<Instance> => {
    while (live.length === 0) await Promise.race(coming);
    return live[Math.floor(nextInstance() * live.length)] as Instance;
  };
  const kill = async (instance: Instance) => {
    live.splice(live.indexOf(instance), 1);
    instance.app.kill();
    await instance.app.exited;
    instance.proxy.release();
    spawnOne();
  };
  for (let i = 0; i < INSTANCES; i++) spawnOne();
  await Promise.all(coming);

  // The requests, each from a client of its own, acknowledged before the clicking starts.
  const requests: Tracked[] = [];
  const first = await anyLive();
  for (const [i, script] of SCRIPTS.entries()) {
    const client = `U0IC${i}`;
    slack.addUser(clientUser(client, `Client ${script.name}`));
    const event = messageEvent({ channel: Channels.shared, user: client, user_team: 'T0CLIENT', text: `The ${script.name} is broken, please help`, ts: tsNow(appNow()) });
    seedPostedMessage(slack, event as unknown as Record<string, unknown>);
    expect((await first.send.event(eventEnvelope(event, { isExtSharedChannel: true }))).status).toBe(200);
    requests.push({ name: script.name, client, ts: event.ts as string, id: '', steps: script.steps });
  }
  for (const r of requests) {
    await waitFor(10_000, async () => Boolean((r.id = (await store.findByMessage(TEAM, Channels.shared, r.ts)) ?? '')));
    await waitFor(10_000, () => appMessages(slack, Channels.shared, r.ts).length === 1);
  }
  await waitFor(10_000, async () => (await relayLeftovers(redis, prefix, TEAM)).marked.length === 0);

  // What one step sends: an interaction (built afresh for each attempt) or a client's event.
  let texts = 0;
  const etaValues = () => ({
    eta_date_block: { eta_date: viewInput.date(helsinkiDate(appNow() + 2 * DAY)) },
    eta_time_block: { eta_time: viewInput.time('16:00') },
  });
  // Where a button is: [Claim] and [Dismiss] on the request's card; the others on a DM prompt,
  // one per request and round (a repeated click is on the same message, as a user's would be).
  const prompts = new Map<string, string>();
  const promptIn = (r: Tracked, round: number): string => {
    const key = `${r.id}:${round}`;
    if (!prompts.has(key)) {
      const ts = tsNow(appNow());
      slack.seedMessage(dmChannelId(AINO), { ts, user: 'U0BOT', text: `What about the ${r.name}?` });
      prompts.set(key, ts);
    }
    return prompts.get(key) as string;
  };
  const interaction = async (step: StepName, r: Tracked, round: number): Promise<object> => {
    const cardTs = (await store.get(TEAM, r.id))?.cardTs;
    const onCard = step === 'claim' || step === 'dismiss';
    const where = onCard && cardTs ? { channel: Channels.triage, message: { ts: cardTs } } : { channel: dmChannelId(AINO), message: { ts: promptIn(r, round) } };
    const click = (actionId: string) => blockAction({ user: AINO, actionId, value: r.id, ...where });
    const submit = (callbackId: string, values: Record<string, Record<string, unknown>>) =>
      viewSubmission({ user: AINO, callbackId, values, privateMetadata: JSON.stringify({ requestId: r.id }) });
    switch (step) {
      case 'claim':
        return click('request_claim');
      case 'still':
        return click('request_still_on_it');
      case 'wait':
        // [Waiting on client] opens a modal; its submission is the change.
        return submit('wait_modal', { wait_need_block: { wait_need: viewInput.text(`The ${r.name} logs`) } });
      case 'reopen':
        return click('request_reopen');
      case 'dismiss':
        return click('request_dismiss');
      case 'assign':
        return submit('assign_modal', { assign_user_block: { assign_user: viewInput.user(LEENA) } });
      case 'eta':
        return submit('eta_modal', { ...etaValues(), eta_note_block: { eta_note: viewInput.text(`Checking the ${r.name}`) } });
      case 'update':
        return submit('update_modal', { update_text_block: { update_text: viewInput.text(`Update ${++texts} on the ${r.name}`) } });
      case 'updateEta':
        return submit('update_modal', { update_text_block: { update_text: viewInput.text(`Update ${++texts} on the ${r.name}`) }, ...etaValues() });
      case 'resolve':
        return submit('resolve_modal', { resolve_summary_block: { resolve_summary: viewInput.text(`The ${r.name} works again`) } });
      case 'reply':
        throw new Error('a reply is an event');
    }
  };

  const stats = { kills: 0, leftMarked: 0, leftIntents: 0, noAnswer: 0, repeated: 0, resent: 0, slowPosts: 0, slackFaults: [] as string[] };
  const modes = [...MODES];
  for (let i = modes.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [modes[i], modes[j]] = [modes[j] as KillMode, modes[i] as KillMode];
  }
  const replies: Array<{ r: Tracked; envelope: object; answered: boolean }> = [];

  for (let round = 0; round < ROUNDS; round++) {
    slack.clearFaults();
    const target = await anyLive();
    const mode = modes[round % modes.length] as KillMode;
    const steps = requests.flatMap((r) => (r.steps[round] ? [{ r, step: r.steps[round] as StepName }] : []));
    const threads = new Set(steps.map((s) => s.r.ts));

    // Slack is slow to answer some posts into these threads: they land, the answer comes late.
    const slowOnes = mode === 'post' ? 2 : next() < 0.5 ? 1 : 0;
    if (slowOnes > 0) {
      slack.failNext('chat.postMessage', { kind: 'slow', delayMs: 1200 + Math.floor(next() * 1300) }, slowOnes, (args) => threads.has(String(args.thread_ts)));
      stats.slowPosts += slowOnes;
    }
    // And it answers some posts with a fault (two at most per round).
    for (let n = Math.floor(next() * 3); n > 0; n--) {
      const fault = pick(SLACK_FAULTS);
      slack.failNext('chat.postMessage', fault, 1, (args) => threads.has(String(args.thread_ts)));
      stats.slackFaults.push(fault.kind === 'applied_but_failed' ? `kept_${fault.error ?? fault.status}` : fault.kind);
    }
    const clicks = steps.filter((s) => s.step !== 'reply');
    const watched = mode === 'write' && clicks.length > 0 ? pick(clicks).r : undefined;
    const genBefore = watched ? Number((await redis.hget(keys.request(watched.id), 'relayGen')) ?? 0) : 0;
    // The watched change: its UPDATE reaches Redis, then the target's connection is held.
    const held = watched ? target.proxy.holdAfter((command) => writesWithRelay(command, keys.request(watched.id))) : undefined;
    let postSeen: Promise<void> | undefined;
    if (mode === 'post') {
      postSeen = new Promise((resolve) => {
        const stop = slack.onCall((call) => {
          if (call.method === 'chat.postMessage' && threads.has(String(call.args.thread_ts))) {
            stop();
            resolve();
          }
        });
        setTimeout(() => {
          stop();
          resolve();
        }, 3000);
      });
    }

    let firstAnswer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => (firstAnswer = resolve));
    const sent = steps.map(async ({ r, step }) => {
      if (step === 'reply') {
        const event = messageEvent({ channel: Channels.shared, user: r.client, user_team: 'T0CLIENT', text: `More about the ${r.name}`, ts: tsNow(appNow()), thread_ts: r.ts });
        seedPostedMessage(slack, event as unknown as Record<string, unknown>);
        const reply = { r, envelope: eventEnvelope(event, { isExtSharedChannel: true }), answered: false };
        replies.push(reply);
        reply.answered = (await target.send.event(reply.envelope).catch(noAnswer)).status === 200;
        return { r, step, status: reply.answered ? 200 : 0 };
      }
      const res = await target.send.interaction(await interaction(step, r, round)).catch(noAnswer);
      if (res.status === 200) firstAnswer();
      return { r, step, status: res.status };
    });

    // How this round ends.
    let killedAt = '';
    const started = Date.now();
    if (mode === 'answer') {
      await Promise.race([answered, sleep(3000)]);
      await sleep(Math.floor(next() * 25));
      killedAt = `${Date.now() - started} ms, just after the first answer`;
    } else if (mode === 'write' && watched) {
      await Promise.race([held, sleep(2000)]);
      const deadline = Date.now() + 2000;
      while (Date.now() < deadline && Number((await redis.hget(keys.request(watched.id), 'relayGen')) ?? 0) <= genBefore) {
        /* poll as fast as Redis answers */
      }
      killedAt = `${Date.now() - started} ms, as ${watched.name}'s change was written`;
    } else if (mode === 'post' && postSeen) {
      await postSeen;
      killedAt = `${Date.now() - started} ms, with a post in flight`;
    } else if (mode === 'random') {
      const after = Math.floor(next() * 1200);
      await sleep(after);
      killedAt = `${after} ms`;
    }
    let left = '';
    if (killedAt) {
      // Any instance's worker may be the one posting: with a post in flight, every instance dies
      // (a node or a deploy gone wrong), so that the poster surely does.
      const victims = mode === 'post' ? [...live] : [target];
      await Promise.all(victims.map(kill));
      stats.kills += victims.length;
      killedAt += victims.length > 1 ? ` (all ${victims.length} instances)` : '';
      // What the dead process left: marks and intents of this round's requests nobody relayed.
      const leftovers = await relayLeftovers(redis, prefix, TEAM);
      const ours = new Set(steps.map((s) => s.r.id));
      const marked = leftovers.marked.filter((id) => ours.has(id));
      const withIntents = leftovers.withIntents.filter((id) => ours.has(id));
      stats.leftMarked += marked.length;
      stats.leftIntents += withIntents.length;
      left = `; left behind: ${marked.length} marked, ${withIntents.length} with intents`;
    }
    const results = await Promise.all(sent);

    // A user who saw an error clicks again, once; Slack resends an event until it is answered.
    for (const result of results.filter((res) => res.status !== 200)) {
      stats.noAnswer += 1;
      if (result.step === 'reply') continue;
      stats.repeated += 1;
      await (await anyLive()).send.interaction(await interaction(result.step, result.r, round)).catch(noAnswer);
    }
    for (const reply of replies.filter((rep) => !rep.answered)) {
      stats.resent += 1;
      reply.answered = (await (await anyLive()).send.event(reply.envelope).catch(noAnswer)).status === 200;
    }
    const statuses = results.map((res) => `${res.r.name}:${res.step}=${res.status}`).join(' ');
    log.push(`round ${round} → #${target.n} [${mode}] ${killedAt ? `SIGKILL after ${killedAt}${left}` : 'no kill'}; ${statuses}`);
    await sleep(50 + Math.floor(next() * 350));
  }

  // Whatever is still unanswered is sent until answered; then everything settles.
  while (coming.size > 0) await Promise.race(coming);
  for (const reply of replies.filter((rep) => !rep.answered)) {
    await waitFor(10_000, async () => (reply.answered = (await (await anyLive()).send.event(reply.envelope).catch(noAnswer)).status === 200));
  }
  slack.clearFaults();
  const queues = [QueueName.Intake, QueueName.Outbox].map((name) => new Queue(name, { connection: redis, prefix: bullPrefix(prefix) }));
  const timers = new TimerQueue(redis, prefix, { now: appNow, msUntil: (at) => at - appNow() });
  try {
    let quiet = 0;
    const settled = await waitFor(25_000, async () => {
      const leftovers = await relayLeftovers(redis, prefix, TEAM);
      const counts = await Promise.all([
        ...queues.map((q) => q.getJobCounts('waiting', 'active', 'delayed', 'prioritized')),
        timers.queue.getJobCounts('waiting', 'active', 'prioritized'),
      ]);
      const idle = leftovers.marked.length === 0 && leftovers.withIntents.length === 0 && counts.every((c) => Object.values(c).every((n) => n === 0));
      quiet = idle ? quiet + 1 : 0;
      return quiet >= 3;
    }, 300).then(
      () => true,
      () => false,
    );
    await sleep(2 * RELAY_STALE_MS); // more sweeps, and time for anything doubled to show

    const failed = (await (queues[1] as Queue).getFailed()).map((job: Job) => `${job.id}: ${job.failedReason}`);
    const settings = new RedisSettingsStore(redis, prefix, config.defaults, config.managedChannelIds);
    const posts = slack.callsTo('chat.postMessage').length;
    log.push(
      `${requests.length} requests, ${ROUNDS} rounds, ${spawned} app processes; ${stats.kills} kills, which left ${stats.leftMarked} changes marked and ${stats.leftIntents} with intents not handed on; ` +
        `${stats.noAnswer} steps unanswered, ${stats.repeated} clicks repeated, ${stats.resent} events resent; ${stats.slowPosts} slow posts armed; ` +
        `Slack faults armed: ${stats.slackFaults.join(' ') || 'none'}; ${posts} posts`,
    );

    const problems: string[] = settled ? [] : ['the relay ledger and the queues did not settle within 25 s'];
    const known: string[] = [];
    let promises = 0;
    for (const r of requests) {
      const request = (await store.get(TEAM, r.id)) as TrackedRequest;
      const events = await store.events(TEAM, r.id);
      log.push(`${r.name} ${r.id}: ${request.state}, ${request.updateCount} updates, owner ${request.ownerId ?? '-'}; ${events.map((e) => e.type).join(' ')}`);
      const checked = checkRequest(r, request, events, (ts) => Math.floor(Number(ts) * 1000) + offset);
      problems.push(...checked.problems);
      known.push(...checked.known);
      promises += checked.promises;

      // (c) the timers its state plans, and none for a closed request.
      const inQueue = await pendingTimers(timers, r.id);
      const wanted = isClosed(request.state) ? [] : expectedTimers(request, await settings.forChannel(TEAM, request.channelId), appNow());
      if (JSON.stringify(comparable(inQueue)) !== JSON.stringify(wanted)) {
        problems.push(`${r.name}: timers ${JSON.stringify(inQueue)}, planned ${JSON.stringify(wanted)}`);
      }
      if (isClosed(request.state) && (await namedTimer(redis, prefix, request)).length > 0) problems.push(`${r.name}: closed with timer ids left`);
    }
    // (d) nothing left to relay.
    const leftovers = await relayLeftovers(redis, prefix, TEAM);
    if (leftovers.marked.length + leftovers.withIntents.length > 0) problems.push(`relay ledger not empty: ${JSON.stringify(leftovers)}`);
    if (failed.length > 0) problems.push(`outbox jobs failed: ${failed.join('; ')}`);

    const lines = [...log, ...known.map((k) => `KNOWN GAP ${k}`), ...problems.map((p) => `PROBLEM ${p}`)];
    if (process.env.CRASH_REPORT || problems.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
    expect(problems).toEqual([]);
    // The promise check had promises to check (every acknowledgement makes one).
    expect(promises).toBeGreaterThanOrEqual(requests.length);
    // The run did what it is for: kills landed, and at least one left a written change unrelayed.
    expect(stats.kills).toBeGreaterThanOrEqual(MODES.filter((m) => m !== 'none').length);
    expect(stats.leftMarked).toBeGreaterThan(0);
  } finally {
    await Promise.all([...queues.map((q) => q.close()), timers.close()]);
  }
}, 120_000);

/** (a) and (b) for one request: what it records against what its client's thread (and the DMs) show. */
function checkRequest(
  r: Tracked,
  request: TrackedRequest,
  events: RequestEvent[],
  appTimeOf: (ts: string) => number,
): { problems: string[]; known: string[]; promises: number } {
  const problems: string[] = [];
  const known: string[] = [];
  const thread = appMessages(slack, Channels.shared, r.ts);
  const dms = [AINO, LEENA].flatMap((user) => appMessages(slack, dmChannelId(user)).filter((m) => deliveryKey(m)?.includes(`_${r.id}_`)));
  const triage = appMessages(slack, Channels.triage).filter((m) => deliveryKey(m)?.includes(`_${r.id}_`));
  const counts = keyCounts(thread);
  const count = (key: string) => counts.get(key) ?? 0;
  // A message told in the acknowledgement (edited in place) reads there, in the acknowledgement's text.
  const textOf = (key: string) => thread.find((m) => deliveryKeys(m).includes(key))?.text ?? '';
  const live = !isClosed(request.state);
  const dismissed = request.state === 'dismissed';

  // No promise already past when it arrived: each "next update by" is later than the post (app time).
  let promises = 0;
  for (const m of thread) {
    const promised = promisedAt(m);
    if (promised !== undefined) promises += 1;
    if (promised !== undefined && promised <= appTimeOf(m.ts)) {
      problems.push(`${r.name}: ${deliveryKey(m)} promised ${new Date(promised).toISOString()} when posted at ${new Date(appTimeOf(m.ts)).toISOString()}`);
    }
  }

  // No message twice, and none without a delivery key.
  for (const key of duplicates([...thread, ...dms, ...triage])) problems.push(`${r.name}: ${key} posted more than once`);
  if (count('(none)') > 0) problems.push(`${r.name}: ${count('(none)')} app messages without a delivery key`);

  // The acknowledgement: once, or taken back when the request was dismissed.
  if (count(`ack_${TEAM}_${r.id}`) !== (dismissed ? 0 : 1)) problems.push(`${r.name}: acknowledgement ${count(`ack_${TEAM}_${r.id}`)} times`);

  // Numbered updates: the log's client-visible updates in order, each posted once, saying what was recorded.
  const recorded = events.filter(
    (e) => e.type === 'eta_set' || e.type === 'reopened' || (e.type === 'update_posted' && e.data?.via !== 'thread'),
  );
  if (recorded.length !== request.updateCount) problems.push(`${r.name}: ${recorded.length} updates logged, updateCount ${request.updateCount}`);
  recorded.forEach((e, i) => {
    const key = `update_${TEAM}_${r.id}_${i + 1}`;
    const n = count(key);
    if (n !== 1 && !(dismissed && n === 0)) {
      problems.push(`${r.name}: update ${i + 1} (${e.type}) posted ${n} times`);
      return;
    }
    if (n === 0) return;
    const text = textOf(key);
    const kind = e.type === 'reopened' ? 'reopened' : e.type === 'eta_set' ? 'eta' : String(e.data?.kind);
    const says =
      kind === 'still_on_it'
        ? text.includes(t('en', 'client.stillOnIt'))
        : kind === 'reopened'
          ? text.includes(t('en', 'client.reopened'))
          : kind === 'eta'
            ? /estimated resolution/i.test(text)
            : text.startsWith('Update ') && text.includes(r.name);
    if (!says) problems.push(`${r.name}: update ${i + 1} was ${kind} but says ${JSON.stringify(text)}`);
  });
  for (const key of counts.keys()) {
    const seq = /^update_.+_(\d+)$/.exec(key)?.[1];
    if (seq && Number(seq) > request.updateCount) problems.push(`${r.name}: ${key} posted but never recorded`);
  }

  // Resolutions: the one in force closed once; an earlier one (reopened since) at most once.
  for (const e of events.filter((ev) => ev.type === 'resolved')) {
    const n = count(`closing_${TEAM}_${r.id}_${e.at}`);
    const current = request.state === 'resolved' && request.resolvedAt === e.at;
    if (current ? n !== 1 : n > 1) problems.push(`${r.name}: closing of ${e.at} posted ${n} times${current ? ' (the resolution in force)' : ''}`);
  }
  for (const key of counts.keys()) {
    const at = /^closing_.+_(\d+)$/.exec(key)?.[1];
    if (at && !events.some((e) => e.type === 'resolved' && e.at === Number(at))) problems.push(`${r.name}: ${key} posted but never recorded`);
  }

  // The owner: announced to the client once, and asked for an ETA once, while the request is live.
  // Known gap (left-behind-relay.test.ts has the failing test): a claim relayed after a resolution
  // drops both for good, and a reopen does not bring them back; counted apart, not failed here.
  if (request.ownerId && live) {
    const owner = request.ownerId;
    const announced = count(`announce_owner_${TEAM}_${r.id}_${owner}`);
    const asked = keyCounts(dms).get(`ask_eta_${TEAM}_${r.id}_${owner}`) ?? 0;
    const droppedWhileResolved = (done: RequestEvent['type']) => {
      const owned = events.findLastIndex((e) => (e.type === 'claimed' && e.actorId === owner) || (e.type === 'assigned' && e.data?.ownerId === owner));
      const resolved = events.findIndex((e, i) => i > owned && e.type === 'resolved');
      return owned >= 0 && resolved > owned && !events.slice(owned, resolved).some((e) => e.type === done);
    };
    if (announced === 0 && droppedWhileResolved('owner_announced')) known.push(`${r.name}: owner announcement dropped while resolved, not sent after the reopen`);
    else if (announced !== 1) problems.push(`${r.name}: owner ${owner} announced ${announced} times`);
    if (asked === 0 && droppedWhileResolved('eta_asked')) known.push(`${r.name}: ETA question dropped while resolved, not sent after the reopen`);
    else if (asked !== 1) problems.push(`${r.name}: owner ${owner} asked for an ETA ${asked} times`);
  }

  // The order the client read them in is the order they were decided (by the event that decided each);
  // what the acknowledgement tells (edited in place) is read right after it, in the order it was folded.
  const keys = thread.flatMap((m) => (deliveryKeys(m).length > 0 ? deliveryKeys(m) : ['']));
  const after = (from: number, type: RequestEvent['type']) => events.findIndex((e, i) => i > from && e.type === type);
  const decidedAt = (key: string, previous: number): number => {
    if (key.startsWith('ack_')) return 0;
    const owner = /^announce_owner_.+_(U[A-Z0-9]+)$/.exec(key)?.[1];
    if (owner) {
      // Decided when the owner came. Resolved before it was told, it is dropped and decided again on
      // the reopen (ownerNotToldYet): read after messages decided past a resolution, that is when.
      const came = events.findIndex((e) => (e.type === 'claimed' && e.actorId === owner) || (e.type === 'assigned' && e.data?.ownerId === owner));
      const resolved = events.findLastIndex((e, i) => i > came && i <= previous && e.type === 'resolved');
      return resolved < 0 ? came : after(resolved, 'reopened');
    }
    const seq = /^update_.+_(\d+)$/.exec(key)?.[1];
    if (seq) return events.indexOf(recorded[Number(seq) - 1] as RequestEvent);
    const closed = /^closing_.+_(\d+)$/.exec(key)?.[1];
    if (closed) return events.findIndex((e) => e.type === 'resolved' && e.at === Number(closed));
    const waiting = /^waiting_(asked|nudged|resumed)_.+_(\d+)$/.exec(key);
    if (waiting) {
      const began = events.findIndex((e) => e.type === 'waiting_on_client' && e.at === Number(waiting[2]));
      if (waiting[1] === 'asked') return began;
      return waiting[1] === 'resumed' ? after(began, 'client_replied') : after(began, 'client_nudged');
    }
    const holding = /^holding_.+_(\d+)$/.exec(key)?.[1];
    if (holding) return events.findIndex((e) => e.type === 'escalated' && e.data?.dueAt === Number(holding));
    return -1;
  };
  const order: number[] = [];
  for (const key of keys) order.push(decidedAt(key, Math.max(-1, ...order)));
  if (order.some((at, i) => at < 0 || (i > 0 && at < (order[i - 1] as number)))) {
    const read = keys.map((key, i) => `${key.replace(`_${TEAM}_${r.id}`, '')}@${order[i]}`).join(' → ');
    problems.push(`${r.name} out of order: ${read}; decided: ${events.map((e, i) => `${i}:${e.type}`).join(' ')}`);
  }
  return { problems, known, promises };
}

async function waitFor(ms: number, done: () => boolean | Promise<boolean>, everyMs = 50): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`not done within ${ms} ms`);
    await sleep(everyMs);
  }
}
