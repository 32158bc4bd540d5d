/**
 * The demo's stack: the real app (in-process, HTTP on a free port) against the Slack Web API
 * emulator and a Redis (the given one, or a throwaway redis-server), on a clock that jumps ahead
 * from timer to timer instead of waiting. Driven like Slack drives it: signed events, clicks and
 * modal submissions.
 */
import pino from 'pino';
import { Redis } from 'ioredis';
import type { Clock } from '../../src/app/ports';
import { loadConfig } from '../../src/config';
import { type RunningKuittaus, startKuittaus } from '../../src/kuittaus';
import { RedisRequestStore } from '../../src/store/redis-request-store';
import { RedisSettingsStore } from '../../src/store/redis-settings-store';
import { Channels, seedPostedMessage, seedWorkspace } from '../../test/e2e/harness';
import { blockAction, eventEnvelope, viewSubmission } from '../../test/support/builders';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from '../../test/support/redis/key-prefix';
import { type LaunchedRedis, launchRedis } from '../../test/support/redis/launch';
import { createSignedSender } from '../../test/support/signed-requests';
import { DEFAULT_BOT_TOKEN, HOST_TEAM } from '../../test/support/slack-emulator/fixtures';
import { type SlackEmulator, startSlackEmulator } from '../../test/support/slack-emulator';

const SIGNING_SECRET = 'demo-signing-secret';

/**
 * Real time plus an offset that only grows. It remembers every jump, so that a time recorded on
 * the real clock (the emulator's `call.at`) can be read back as the demo clock's.
 */
export class JumpingClock implements Clock {
  private readonly jumps: Array<{ fromReal: number; offset: number }>;
  constructor(startAt: number) {
    this.jumps = [{ fromReal: 0, offset: startAt - Date.now() }];
  }
  now(): number {
    return this.demoTimeOf(Date.now());
  }
  msUntil(at: number): number {
    return at - this.now();
  }
  jumpTo(at: number): void {
    if (at > this.now()) this.jumps.push({ fromReal: Date.now(), offset: at - Date.now() });
  }
  /** The demo clock's reading at the real instant `realAt`. */
  demoTimeOf(realAt: number): number {
    const jump = this.jumps.findLast((j) => j.fromReal <= realAt) ?? this.jumps[0];
    return realAt + (jump?.offset ?? 0);
  }
}

export interface StackOptions {
  redisUrl?: string;
  startAt: number;
  /** Environment of the app beyond the connection settings (business hours, team leads, …). */
  env: Record<string, string>;
  clientName: string;
}

export type DemoStack = Awaited<ReturnType<typeof startStack>>;

/** Starts everything; on a failure half-way, stops what was started before rethrowing. */
export async function startStack(options: StackOptions) {
  const cleanups: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    let redisUrl = options.redisUrl;
    if (!redisUrl) {
      const redis: LaunchedRedis = await launchRedis();
      cleanups.push(() => redis.stop());
      redisUrl = redis.url;
    }
    await assertReachable(redisUrl);
    const prefix = uniqueKeyPrefix('demo');
    const url = redisUrl;
    cleanups.push(() => deleteKeysWithPrefix(url, prefix));

    const slack = await startSlackEmulator();
    cleanups.push(() => slack.close());
    seedWorkspace(slack);

    const config = loadConfig({
      SLACK_BOT_TOKEN: DEFAULT_BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      REDIS_URL: url,
      REDIS_KEY_PREFIX: prefix,
      PORT: '0',
      LOG_LEVEL: process.env.DEMO_LOG_LEVEL ?? 'silent',
      ...options.env,
    });
    const redis = new Redis(url, { maxRetriesPerRequest: 1 });
    cleanups.push(async () => redis.disconnect());
    await new RedisSettingsStore(redis, prefix, config.defaults).save(HOST_TEAM, Channels.shared, { clientName: options.clientName });
    const requests = new RedisRequestStore(redis, prefix);

    const clock = new JumpingClock(options.startAt);
    const app = await startKuittaus(config, { log: pino({ level: config.logLevel }), clock, channelIntervalMs: 50 });
    cleanups.push(() => app.stop());
    /** What the app recorded about a request (claimed, eta_set, update_posted, feedback, …). */
    const requestEvents = (requestId: string) => requests.events(HOST_TEAM, requestId);
    return { slack, app, clock, prefix, redisUrl: url, stop, requestEvents, ...driver(slack, app, clock) };
  } catch (error) {
    await stop();
    throw error;
  }
}

function driver(slack: SlackEmulator, app: RunningKuittaus, clock: JumpingClock) {
  const send = createSignedSender({ url: `http://127.0.0.1:${app.port}/slack/events`, signingSecret: SIGNING_SECRET });

  /** Waits until the app has done all its work, firing the timers that fell due meanwhile. */
  const settle = async () => {
    for (let quiet = 0; quiet < 2; ) {
      await app.idle(30_000);
      const { promoted, retrying } = await app.timers.promoteDue(clock.now());
      quiet = promoted === 0 && retrying === 0 ? quiet + 1 : 0;
      // Quiet twice in a row: a retry with a short delay may move from delayed to waiting between checks.
      await new Promise((resolve) => setTimeout(resolve, quiet > 0 ? 30 : 25));
    }
  };
  /** Waits for the answer and what it started; returns what the app answered (a modal's errors). */
  const ok = async (what: string, response: Promise<{ status: number; body?: string }>): Promise<{ errors?: Record<string, string> }> => {
    const { status, body } = await response;
    if (status !== 200) throw new Error(`${what} answered HTTP ${status}`);
    await settle();
    return body ? (JSON.parse(body) as { errors?: Record<string, string> }) : {};
  };

  return {
    /**
     * Moves the clock ahead to `at`, stopping at every timer on the way so that each one fires at
     * its own time (and the timers it plans fire in turn).
     */
    async advanceTo(at: number) {
      for (;;) {
        const planned = await app.timers.nextFireAt();
        const next = planned !== undefined && planned <= at ? planned : at;
        clock.jumpTo(next);
        await settle();
        if (next >= at) return;
      }
    },
    /**
     * A message or reaction event in the shared channel; a posted message is in the channel before
     * its event, as in Slack, so that the app can read it back.
     */
    async event(event: { type: string }) {
      if (event.type === 'message') seedPostedMessage(slack, event as unknown as Record<string, unknown>);
      await ok(`the ${event.type} event`, send.event(eventEnvelope(event, { isExtSharedChannel: true })));
    },
    /** A click on a button of the card (default) or of a message at `on`; `value` is the button's (a request id, mostly). */
    click(user: string, actionId: string, value: string, on?: { channel: string; ts: string; text: string; blocks?: unknown[] }) {
      const message = on ? { message: { ts: on.ts, text: on.text, ...(on.blocks ? { blocks: on.blocks } : {}) } } : {};
      return ok(`the click on ${actionId}`, send.interaction(blockAction({ user, actionId, value, channel: on?.channel ?? Channels.triage, ...message })));
    },
    /** The weekly digest, now (its schedule follows the real clock, not the demo's). */
    async digest() {
      const next = (await app.timers.queue.getDelayed()).filter((job) => job.name === 'digest');
      if (next.length === 0) throw new Error('the weekly digest is not scheduled');
      for (const job of next) await job.promote();
      await settle();
    },
    submit(user: string, callbackId: string, requestId: string, values: Record<string, Record<string, unknown>>) {
      const payload = viewSubmission({ user, callbackId, values, privateMetadata: JSON.stringify({ requestId }) });
      return ok(`the ${callbackId} submission`, send.interaction(payload));
    },
  };
}

/** Fails fast, with one clear message, when nothing answers at the Redis URL. */
async function assertReachable(url: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`cannot reach Redis at ${url} (${error instanceof Error ? error.message : String(error)}); unset REDIS_URL to start a throwaway redis-server`, {
      cause: error,
    });
  } finally {
    redis.disconnect();
  }
}
