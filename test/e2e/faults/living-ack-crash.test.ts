/**
 * The living acknowledgement across crashes, in English and in Finnish. The app (its own process,
 * SIGKILL) dies (1) right after it recorded that the owner is told in the acknowledgement, before
 * it called chat.update: its connection to Redis is held after that write, so the kill lands
 * exactly there; and (2) while chat.update with the first ETA is in flight (Slack has applied it,
 * the app never hears back). Another instance takes the job over. Either way the client ends up
 * with exactly one acknowledgement, edited to say it all, and nothing posted besides it.
 */
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { Queue } from 'bullmq';
import type { Language } from '../../../src/domain/settings';
import { QueueName } from '../../../src/jobs/queues';
import { bullPrefix } from '../../../src/store/keys';
import { RedisRequestStore } from '../../../src/store/redis-request-store';
import { UPDATE } from '../../../src/store/request-scripts';
import { type AppProcess, spawnApp } from '../../support/app-process/spawn-app';
import { blockAction, eventEnvelope, messageEvent, viewInput, viewSubmission } from '../../support/builders';
import { appMessages, deliveryKeys, keyCounts } from '../../support/delivery-checks';
import { DEFAULT_START } from '../../support/pinned-instants';
import { type HoldingProxy, startHoldingProxy } from '../../support/redis/holding-proxy';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from '../../support/redis/key-prefix';
import { createSignedSender } from '../../support/signed-requests';
import { type SlackEmulator, clientUser, startSlackEmulator } from '../../support/slack-emulator';
import { Channels, SIGNING_SECRET, Users, seedPostedMessage, seedWorkspace, testEnv, tsNow } from '../harness';

const TEAM = 'T0HOST';
const UPDATE_SHA = createHash('sha1').update(UPDATE).digest('hex');

/** The write that records a fold: the UPDATE script with an `ack_folded` event (ARGV 1, after the four keys). */
const recordsFold = (command: string[]) => {
  const [name, script] = command;
  const isUpdate = (name === 'evalsha' && script === UPDATE_SHA) || (name === 'eval' && script === UPDATE);
  return isUpdate && (command[7] ?? '').includes('"type":"ack_folded"');
};

/** The acknowledgement as the client reads it in the end, in each language. */
const LIVING: Record<Language, { owner: RegExp; both: RegExp }> = {
  en: {
    owner: /^Thanks, Client — we've received your request\. Aino from our team is on it\. You'll get the next update by .+\.$/,
    both: /^Thanks, Client — we've received your request\. Aino from our team is on it; estimated resolution .+\. You'll get the next update by .+\.$/,
  },
  fi: {
    owner: /^Kiitos, Client – pyyntösi on vastaanotettu\. Asiaasi hoitaa tiimistämme Aino\. Kerromme tilanteesta viimeistään .+\.$/,
    both: /^Kiitos, Client – pyyntösi on vastaanotettu\. Asiaasi hoitaa tiimistämme Aino\. Arvioitu ratkaisuaika: .+\. Kerromme tilanteesta viimeistään .+\.$/,
  },
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function waitFor(ms: number, done: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`not done within ${ms} ms`);
    await sleep(50);
  }
}

describe.each<Language>(['en', 'fi'])('a crash while the acknowledgement is edited (%s)', (lang) => {
  let slack: SlackEmulator;
  let prefix: string;
  let redis: Redis;
  let store: RedisRequestStore;
  const processes: AppProcess[] = [];
  const proxies: HoldingProxy[] = [];
  // The app's clock starts at the pinned Helsinki afternoon and runs at real speed.
  const offset = DEFAULT_START - Date.now();
  const appNow = () => Date.now() + offset;
  let clients = 0;

  beforeAll(async () => {
    slack = await startSlackEmulator();
    seedWorkspace(slack);
    prefix = uniqueKeyPrefix(`living-ack-crash-${lang}`);
    redis = new Redis(process.env.REDIS_URL as string);
    store = new RedisRequestStore(redis, prefix);
  });
  afterAll(async () => {
    for (const app of processes) app.kill();
    await Promise.all(processes.map((app) => app.exited));
    await Promise.all(proxies.map((proxy) => proxy.close()));
    redis.disconnect();
    await slack.close();
    await deleteKeysWithPrefix(process.env.REDIS_URL as string, prefix);
  });

  /** An instance of the app, talking to Redis through a proxy of its own. */
  async function start() {
    const proxy = await startHoldingProxy(process.env.REDIS_URL as string);
    proxies.push(proxy);
    const env = {
      ...testEnv(slack, prefix, { DEFAULT_LANGUAGE: lang }),
      REDIS_URL: proxy.url,
      APP_CLOCK_OFFSET_MS: String(offset),
      APP_WORKER_LOCK_MS: '1000',
      APP_SLACK_TIMEOUT_MS: '1000',
    };
    const app = await spawnApp(env);
    processes.push(app);
    return { app, proxy, send: createSignedSender({ url: `http://127.0.0.1:${app.port}/slack/events`, signingSecret: SIGNING_SECRET }) };
  }
  type Instance = Awaited<ReturnType<typeof start>>;

  async function kill({ app, proxy }: Instance) {
    app.kill();
    await app.exited;
    proxy.release();
  }

  /** A new request, acknowledged; its thread ts, id and card. */
  async function newRequest(instance: Instance, text: string) {
    const client = `U0LC${++clients}`;
    slack.addUser(clientUser(client, `Client ${clients}`));
    const event = messageEvent({ channel: Channels.shared, user: client, user_team: 'T0CLIENT', text, ts: tsNow(appNow()) });
    seedPostedMessage(slack, event as unknown as Record<string, unknown>);
    expect((await instance.send.event(eventEnvelope(event, { isExtSharedChannel: true }))).status).toBe(200);
    const ts = event.ts as string;
    let id = '';
    await waitFor(10_000, async () => Boolean((id = (await store.findByMessage(TEAM, Channels.shared, ts)) ?? '')));
    await waitFor(10_000, async () => Boolean((await store.get(TEAM, id))?.living && (await store.get(TEAM, id))?.cardTs));
    const cardTs = (await store.get(TEAM, id))?.cardTs as string;
    return { ts, id, cardTs };
  }

  const outbox = () => new Queue(QueueName.Outbox, { connection: redis, prefix: bullPrefix(prefix) });
  /** Waits until the outbox has nothing left to do, then a while more: anything doubled shows by then. */
  async function settled() {
    const queue = outbox();
    try {
      await waitFor(20_000, async () => Object.values(await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized')).every((n) => n === 0));
      await sleep(1500);
      expect((await queue.getFailed()).map((job) => `${job.id}: ${job.failedReason}`)).toEqual([]);
    } finally {
      await queue.close();
    }
  }

  /** The thread as the client reads it, and the posts and edits Slack saw there. */
  function thread(ts: string, ackTs: string) {
    const messages = appMessages(slack, Channels.shared, ts);
    return {
      texts: messages.map((m) => m.text),
      keys: [...keyCounts(messages)],
      folded: messages.flatMap(deliveryKeys),
      posts: slack.callsTo('chat.postMessage', (c) => c.args.channel === Channels.shared && c.args.thread_ts === ts).length,
      edits: slack.callsTo('chat.update', (c) => c.args.channel === Channels.shared && c.args.ts === ackTs),
    };
  }

  it('when the app dies after recording that the owner is told in the acknowledgement and before editing it, then another instance edits it once and posts nothing', async () => {
    const first = await start();
    const { ts, id, cardTs } = await newRequest(first, 'The export fails with error 500');
    const held = first.proxy.holdAfter(recordsFold);
    const click = blockAction({ user: Users.consultant, actionId: 'request_claim', value: id, channel: Channels.triage, message: { ts: cardTs } });
    const answered = first.send.interaction(click).catch(() => undefined);
    await held;
    await kill(first);
    await answered;

    // Killed between the two: the fold is recorded, the acknowledgement not edited yet.
    const recorded = await store.get(TEAM, id);
    expect(recorded?.living?.ownerId).toBe(Users.consultant);
    const ackTs = recorded?.ackTs as string;
    expect(thread(ts, ackTs).edits).toHaveLength(0);

    await start();
    await waitFor(20_000, () => thread(ts, ackTs).edits.some((c) => c.ok));
    await settled();
    const seen = thread(ts, ackTs);
    expect(seen.texts).toEqual([expect.stringMatching(LIVING[lang].owner)]);
    expect(seen.posts).toBe(1);
    expect(seen.keys).toEqual([
      [`ack_${TEAM}_${id}`, 1],
      [`announce_owner_${TEAM}_${id}_${Users.consultant}`, 1],
    ]);
  });

  it('when the app dies while Slack applies the edit with the first ETA, then another instance makes the same edit again and posts nothing', async () => {
    const instance = await start();
    const { ts, id, cardTs } = await newRequest(instance, 'Reports are slow since Monday');
    const ackTs = (await store.get(TEAM, id))?.ackTs as string;
    const click = blockAction({ user: Users.consultant, actionId: 'request_claim', value: id, channel: Channels.triage, message: { ts: cardTs } });
    expect((await instance.send.interaction(click)).status).toBe(200);
    await waitFor(10_000, () => thread(ts, ackTs).edits.some((c) => c.ok));

    // The next edit of the acknowledgement reaches Slack, which applies it and answers late; the app dies meanwhile.
    slack.failNext('chat.update', { kind: 'slow', delayMs: 4000 }, 1, (args) => args.channel === Channels.shared);
    let killed: Promise<void> | undefined;
    const stop = slack.onCall((call) => {
      if (call.method === 'chat.update' && call.args.channel === Channels.shared && call.fault?.kind === 'slow') killed ??= kill(instance);
    });
    const eta = viewSubmission({
      user: Users.consultant,
      callbackId: 'eta_modal',
      values: { eta_quick_pick_block: { eta_quick_pick: viewInput.staticSelect('in_2h') } },
      privateMetadata: JSON.stringify({ requestId: id }),
    });
    // The app may die before it answers the submission: the ETA was recorded by then (the edit follows it).
    const answered = instance.send.interaction(eta).catch(() => undefined);
    await waitFor(10_000, () => killed !== undefined);
    await killed;
    await answered;
    stop();
    expect((await store.get(TEAM, id))?.living?.etaSeq).toBe(1);
    expect(thread(ts, ackTs).texts).toEqual([expect.stringMatching(LIVING[lang].both)]);

    await start();
    await waitFor(20_000, () => thread(ts, ackTs).edits.length >= 3);
    await settled();
    const seen = thread(ts, ackTs);
    // Edited for the owner, for the ETA (the answer lost with the app), and for the ETA again: the same words.
    expect(seen.edits.map((c) => c.args.text)).toEqual([expect.stringMatching(LIVING[lang].owner), seen.texts[0], seen.texts[0]]);
    expect(seen.texts).toEqual([expect.stringMatching(LIVING[lang].both)]);
    expect(seen.posts).toBe(1);
    expect(seen.folded).toEqual([`ack_${TEAM}_${id}`, `announce_owner_${TEAM}_${id}_${Users.consultant}`, `update_${TEAM}_${id}_1`]);
  });
});
