/**
 * End-to-end harness: the real app (one or more instances, in-process, HTTP mode on a free port)
 * + a real Redis (from the test run) + BullMQ + the Slack Web API emulator, driven by signed
 * HTTP requests exactly as Slack sends them.
 */
import { Cluster, Redis } from 'ioredis';
import pino, { type Logger } from 'pino';
import { loadConfig } from '../../src/config';
import { type RunningKuittaus, startKuittaus } from '../../src/kuittaus';
import type { Clock } from '../../src/app/ports';
import type { TrackedRequest } from '../../src/domain/request';
import { RedisRequestStore } from '../../src/store/redis-request-store';
import { type RedisClient, scanKeys } from '../../src/store/redis-client';
import { clientUser, guestUser, internalUser, startSlackEmulator, type SlackEmulator } from '../support/slack-emulator';
import { type SendOptions, createSignedSender } from '../support/signed-requests';
import type { ChannelPaceOptions } from '../support/slack-emulator/channel-pace';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from '../support/redis/key-prefix';
import { DEFAULT_START } from '../support/pinned-instants';

export const SIGNING_SECRET = 'e2e-signing-secret';
export const Channels = { shared: 'C0SHARED', internal: 'C0INTERNAL', triage: 'C0TRIAGE', guests: 'C0GUESTS' } as const;
export const Users = { client: 'U0CLIENT', consultant: 'U0AINO', guest: 'U0GUEST', lead: 'U0LEAD' } as const;

/**
 * A clock pinned to an instant (by default a Helsinki afternoon): it stands still until the test
 * moves it, so nothing the app writes depends on when the suite runs or how fast it goes.
 * `h.advance` moves it forward and then promotes the timers that became due (the queue's own
 * promotion, no sleeping).
 */
export class PinnedClock implements Clock {
  constructor(private at: number = DEFAULT_START) {}
  now(): number {
    return this.at;
  }
  msUntil(at: number): number {
    return at - this.at;
  }
  advance(ms: number): void {
    this.at += ms;
  }
}

export interface HarnessOptions {
  name: string;
  env?: Record<string, string>;
  instances?: number;
  clock?: Clock;
  channelIntervalMs?: number;
  slackTimeoutMs?: number;
  /** How long a recorded change waits for its relay before a sweep relays it. */
  relayStaleMs?: number;
  /** How often the reconciler checks every live request's timers. */
  reconcileMs?: number;
  /** While the token is refused, how often auth.test is asked again. */
  authRecheckMs?: number;
  /** How long a backlog summary gathers the late timers of an outage (default 200 ms). */
  backlogGatherMs?: number;
  /** How long a received message's intake job waits for the receiving process (default: the app's). */
  intakeFallbackMs?: number;
  /** A logger of the test's own (e.g. one that captures what is logged). */
  log?: Logger;
  /** Slack's per-channel pace of posts, enforced by the emulator (429 beyond it); off by default. */
  channelPace?: ChannelPaceOptions;
}

let clientCounter = 0;

export type Harness = Awaited<ReturnType<typeof startHarness>>;

/** The channels and people every end-to-end test meets. */
export function seedWorkspace(slack: SlackEmulator): void {
  slack.addChannel({ id: Channels.shared, name: 'acme-support', is_ext_shared: true, is_shared: true, is_private: false });
  slack.addChannel({ id: Channels.internal, name: 'general', is_ext_shared: false, is_shared: false, is_private: false });
  slack.addChannel({ id: Channels.triage, name: 'triage', is_ext_shared: false, is_shared: false, is_private: true });
  slack.addChannel({ id: Channels.guests, name: 'guests', is_ext_shared: false, is_shared: false, is_private: true });
  slack.addUser(clientUser(Users.client, 'Maria Virtanen'));
  slack.addUser(internalUser(Users.consultant, 'Aino Laine'));
  slack.addUser(internalUser(Users.lead, 'Leena Lead'));
  slack.addUser(guestUser(Users.guest, 'Gus Guest'));
}

/** The environment of an app under test: the emulator, the test run's Redis, a key prefix of its own. */
export function testEnv(slack: SlackEmulator, prefix: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    REDIS_URL: process.env.REDIS_URL as string,
    REDIS_KEY_PREFIX: prefix,
    // The test run's redis-server keeps nothing on disk: accept that explicitly (tests that check
    // durability launch a Redis of their own).
    REDIS_ALLOW_NO_PERSISTENCE: 'true',
    PORT: '0',
    TRIAGE_CHANNEL: Channels.triage,
    DEFAULT_TIMEZONE: 'Europe/Helsinki',
    // Always open, so that texts do not depend on when the suite runs; business-hours texts
    // have their own tests with a fixed clock.
    WORKING_DAYS: 'mon-sun',
    BUSINESS_HOURS: '00:00-24:00',
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'silent',
    ...extra,
  };
}

export async function startHarness(options: HarnessOptions) {
  const slack = await startSlackEmulator(options.channelPace ? { channelPace: options.channelPace } : {});
  seedWorkspace(slack);

  const redisUrl = process.env.REDIS_URL as string;
  const prefix = uniqueKeyPrefix(options.name);
  const config = loadConfig(testEnv(slack, prefix, options.env));
  const log = options.log ?? pino({ level: config.logLevel });
  const apps: RunningKuittaus[] = [];
  // The app's Redis: the test run's, or the cluster a test gave in REDIS_CLUSTER_NODES.
  const onCluster = config.redis.clusterNodes.length > 0;
  const storeRedis: RedisClient = onCluster ? new Cluster(config.redis.clusterNodes) : new Redis(redisUrl);
  const store = new RedisRequestStore(storeRedis, prefix);
  const startInstance = async () => {
    const app = await startKuittaus(config, {
      log: log.child({ instance: apps.length }),
      channelIntervalMs: options.channelIntervalMs ?? 100,
      ...(options.slackTimeoutMs ? { slackTimeoutMs: options.slackTimeoutMs } : {}),
      // The emulator answers in milliseconds: a post whose outcome is unknown settles quickly.
      settleMs: (options.slackTimeoutMs ?? 500) + 1_000,
      ...(options.relayStaleMs ? { relayStaleMs: options.relayStaleMs } : {}),
      ...(options.authRecheckMs ? { authRecheckMs: options.authRecheckMs } : {}),
      ...(options.reconcileMs ? { reconcileMs: options.reconcileMs } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      // A backlog summary gathers late timers for a moment only: idle() waits for delayed jobs.
      backlogGatherMs: options.backlogGatherMs ?? 200,
      ...(options.intakeFallbackMs ? { intakeFallbackMs: options.intakeFallbackMs } : {}),
    });
    apps.push(app);
    return app;
  };
  for (let i = 0; i < (options.instances ?? 1); i++) await startInstance();
  const senders = apps.map((app) => {
    const sender = createSignedSender({ url: `http://127.0.0.1:${app.port}/slack/events`, signingSecret: SIGNING_SECRET });
    return {
      ...sender,
      /** Like Slack: a message someone posts exists in the channel before its event is sent. */
      event: (envelope: { event?: Record<string, unknown> }, opts?: SendOptions) => {
        seedPostedMessage(slack, envelope.event);
        return sender.event(envelope, opts);
      },
    };
  });

  const pinned = (): PinnedClock => {
    if (!(options.clock instanceof PinnedClock)) throw new Error('advance() needs a PinnedClock');
    return options.clock;
  };
  const running = (): RunningKuittaus => {
    const app = apps.find((a) => !a.stopped);
    if (!app) throw new Error('no running instance');
    return app;
  };
  /** Promotes the timers due now and waits until the work they start is done (and what it plans). */
  const settle = async () => {
    const app = running();
    const deadline = Date.now() + 15_000;
    // Quiet twice in a row: a retry with a short delay may move from delayed to waiting between checks.
    let quietRounds = 0;
    while (Date.now() < deadline) {
      await app.idle();
      const { promoted, retrying } = await app.timers.promoteDue(pinned().now());
      quietRounds = promoted === 0 && retrying === 0 ? quietRounds + 1 : 0;
      if (quietRounds === 2) return;
      await new Promise((resolve) => setTimeout(resolve, quietRounds > 0 ? 30 : retrying > 0 ? 25 : 0));
    }
    throw new Error('timers still due after 15 s');
  };

  return {
    slack,
    apps,
    config,
    prefix,
    /** Signed requests to the first instance (or to instance `i`). */
    send: senders[0] as (typeof senders)[number],
    sendTo: (i: number) => senders[i] as (typeof senders)[number],
    /** The app's now: the harness clock's when it has one. */
    now: () => options.clock?.now() ?? Date.now(),
    baseUrl: (i = 0) => `http://127.0.0.1:${apps[i]?.port}`,
    /**
     * A new client (another organisation) for a test of its own: no continuation window to share.
     * In Helsinki like everyone else, unless `tz` names another zone (or is null: Slack gives none).
     */
    newClient(name = 'Maria Virtanen', { tz }: { tz?: string | null } = {}): string {
      const id = `U0C${++clientCounter}`;
      const user = clientUser(id, name);
      if (tz === null) delete user.tz;
      else if (tz !== undefined) user.tz = tz;
      slack.addUser(user);
      return id;
    },
    /** Starts one more instance on the same Redis (e.g. after stopping one). */
    startInstance,
    /** Waits until the queues are empty (any running instance sees the same queues). */
    idle: (timeoutMs?: number) => Promise.all(apps.filter((a) => !a.stopped).map((a) => a.idle(timeoutMs))),
    /**
     * Moves a PinnedClock forward by `ms` as time passes for a running app: stopping at every
     * planned timer on the way, so that each fires at its own time (and the timers it plans fire
     * in turn), and waiting until the work they start is done.
     */
    async advance(ms: number) {
      const clock = pinned();
      const target = clock.now() + ms;
      for (let step = 0; step < 1000; step++) {
        await settle();
        const next = await running().timers.nextFireAt();
        if (next === undefined || next > target) break;
        clock.advance(Math.max(0, next - clock.now()));
      }
      clock.advance(target - clock.now());
      await settle();
    },
    /**
     * Moves a PinnedClock forward by `ms` at once, as when every instance was down that long: the
     * timers planned meanwhile all fire late, together, when it is over.
     */
    async jump(ms: number) {
      pinned().advance(ms);
      await settle();
    },
    /** The requests as stored (a connection of the test's own, closed by stop()). */
    store,
    /** A request as stored now (it must exist). */
    request: async (id: string) => (await store.get('T0HOST', id)) as TrackedRequest,
    /** The test's own connection to the app's Redis (a Cluster when it runs on one). */
    redis: storeRedis,
    async stop() {
      await Promise.all(apps.map((a) => a.stop()));
      await slack.close();
      if (onCluster) {
        for await (const keys of scanKeys(storeRedis, `${prefix}:*`)) for (const key of keys) await storeRedis.unlink(key);
      } else {
        await deleteKeysWithPrefix(redisUrl, prefix);
      }
      storeRedis.disconnect();
    },
  };
}

/** A Slack ts for "now" (unique within the process), or for `atMs` (a shifted clock's now). */
let lastTsMicros = 0;
export function tsNow(atMs = Date.now()): string {
  const wanted = Math.round(atMs * 1000);
  // Strictly increasing within a clock; a clock pinned more than a second earlier starts afresh.
  const micros = wanted <= lastTsMicros && lastTsMicros - wanted < 1_000_000 ? lastTsMicros + 1 : wanted;
  lastTsMicros = micros;
  return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
}

export function seedPostedMessage(slack: SlackEmulator, event: Record<string, unknown> | undefined): void {
  if (!event || event.type !== 'message' || event.subtype !== undefined) return;
  const { channel, ts, user, text, thread_ts } = event as Record<string, string | undefined>;
  if (!channel || !ts || !user) return;
  if (slack.messagesIn(channel).some((m) => m.ts === ts)) return;
  slack.seedMessage(channel, { ts, user, text: text ?? '', ...(thread_ts ? { thread_ts } : {}) });
}

/** Waits (polling, bounded) until `condition` holds: for work another process or a timer finishes. */
export async function waitFor(condition: () => Promise<boolean>, timeoutMs = 8_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
