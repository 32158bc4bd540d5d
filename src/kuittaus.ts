/**
 * The composition root: the only place that knows both the ports and their adapters.
 * `createKuittaus(config)` builds everything; `start()` connects, learns who we are from
 * auth.test, starts the workers and the receiver; `stop()` drains and closes in order.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { App, HTTPReceiver } from '@slack/bolt';
import type { Worker } from 'bullmq';
import type { RedisClient } from './store/redis-client';
import type { Logger } from 'pino';
import type { Deps, Host } from './app/deps';
import { type CatchUpReport, catchUp } from './app/catch-up/catch-up';
import { type Clock, systemClock } from './app/ports';
import type { Config } from './config';
import { boltLogger } from './infra/bolt-logger';
import { healthRoutes } from './infra/health';
import { KuittausMetrics } from './infra/metrics';
import { registerScrapeGauges } from './infra/metrics-scrape';
import { RedisConnectionLog } from './infra/redis-connection-log';
import { type ConnectionOptions, createRedis, evictionPolicy, waitForRedis } from './infra/redis';
import { redisReadiness, warnWhenNotDurable } from './infra/redis-durability';
import { startCatchUpRunner } from './jobs/catch-up-runner';
import { JobQueues } from './jobs/queues';
import { TimerQueue } from './jobs/timer-queue';
import { RetentionQueue } from './jobs/retention-queue';
import { startWorkers } from './jobs/workers';
import { messageFetcher } from './slack/fetch-message';
import { InFlight } from './slack/in-flight';
import { registerListeners } from './slack/listeners';
import { guardBodies } from './slack/body-guard';
import { processEventErrorHandler } from './slack/receiver-errors';
import { MessagePoster } from './slack/outbound/message-poster';
import { acknowledgerAtOnce } from './slack/delivery/acknowledgement';
import { SocketConnection } from './slack/socket-connection';
import { DurableSocketModeReceiver } from './slack/socket-receiver';
import { createWebClients } from './slack/web-clients';
import { SlackChannelHistory } from './slack/channel-history';
import { RedisEventLedger } from './store/redis-event-ledger';
import { RedisRequestStore } from './store/redis-request-store';
import { RedisRelayLedger } from './store/redis-relay-ledger';
import { RedisDeadLetters } from './store/redis-dead-letters';
import { RedisChannelStates } from './store/redis-channel-states';
import { RedisCardBatches } from './store/redis-card-batches';
import { RedisClickLedger } from './store/redis-click-ledger';
import { RedisPassedThanks } from './store/redis-passed-thanks';
import { RedisClientLine } from './store/redis-client-line';
import { SlackAuthState } from './slack/auth-state';
import { sweepRelay } from './app/relay';
import { reconcileTimers } from './app/reconcile';
import { RedisSettingsStore } from './store/redis-settings-store';
import { RedisSlackDirectory } from './store/redis-slack-directory';
import { RedisHistoryReader } from './store/redis-history-reader';
import { RedisHomeViewers } from './store/redis-home-viewers';
import { RedisStatusIndex } from './store/redis-status-index';
import { RedisTurns } from './store/redis-turns';
import { RedisCatchUpPositions } from './store/redis-catch-up-positions';
import { RedisRetentionStore } from './store/redis-retention-store';
import { RedisIntakeHold } from './store/redis-intake-hold';
import { globalKeys, teamKeys } from './store/keys';
import { ensureKeySchema } from './store/key-schema';

import { LATE_TIMER_MS } from './domain/backlog';

/** See KuittausOptions.intakeFallbackMs. */
const INTAKE_FALLBACK_MS = 3_000;

export interface KuittausOptions {
  log: Logger;
  clock?: Clock;
  /** Gap between posts to one channel (Slack allows about one a second). */
  channelIntervalMs?: number;
  /** Web API request timeout; an answer later than this counts as a failed attempt. */
  slackTimeoutMs?: number;
  /** How long a post whose outcome is unknown may still land (default: the timeout + 2 s). */
  settleMs?: number;
  /** BullMQ lock and stall-check periods (tests shorten them to see a killed worker's jobs sooner). */
  workerLockMs?: number;
  /** How long start-up waits for Redis before giving up with a clear error (default 10 s). */
  redisConnectTimeoutMs?: number;
  workerStalledIntervalMs?: number;
  /** How long a recorded change may wait for its relay before another instance relays it (default 10 s). */
  relayStaleMs?: number;
  /** How often due timers are queued as jobs (default 1 s). */
  timerPumpMs?: number;
  /** How often every live request's timers are checked and missing ones planned again (default 10 min). */
  reconcileMs?: number;
  /** While Slack refuses the token: how often auth.test is asked and parked jobs look again (default 30 s). */
  authRecheckMs?: number;
  /** How long Redis must stay quiet after an outage before "Redis reachable again" is logged (default 2 s). */
  redisQuietMs?: number;
  /** A timer firing later than this after its time was held up by an outage: it joins a backlog summary (default 15 min). */
  lateTimerMs?: number;
  /** How long a backlog summary gathers the late timers of an outage before it is sent (default 20 s). */
  backlogGatherMs?: number;
  /**
   * How long the intake job of a received message waits for the process that received it, which
   * handles it at once (default 10 s): after a crash, the message is handled this much later.
   */
  intakeFallbackMs?: number;
}

export interface RunningKuittaus {
  /** The HTTP port actually bound (useful with PORT=0). */
  port: number | undefined;
  host: Host;
  stop(): Promise<void>;
  readonly stopped: boolean;
  /** Resolves when no job is waiting, active or delayed (tests and the demo use it). */
  idle(timeoutMs?: number): Promise<void>;
  /** The timers queue (tests and the demo promote due timers through it). */
  timers: TimerQueue;
  /** Runs a catch-up round now (after the one running, if any). */
  catchUp(): Promise<CatchUpReport | undefined>;
  /** This instance's metrics (also served at GET /metrics). */
  metrics: KuittausMetrics;
}

export async function startKuittaus(config: Config, options: KuittausOptions): Promise<RunningKuittaus> {
  const { log } = options;
  const metrics = new KuittausMetrics();
  // An outage is one line when it starts and one when it ends, whatever the number of errors.
  const redisLog = new RedisConnectionLog(log, metrics, { ...(options.redisQuietMs ? { quietMs: options.redisQuietMs } : {}) });
  const connections: RedisClient[] = [];
  /** A connection, watched by the outage log, once Redis answers on it (or the start fails, clearly). */
  const connect = async (name: string, connectionOptions: ConnectionOptions = {}): Promise<RedisClient> => {
    const connection = createRedis(config.redis, name, connectionOptions);
    connections.push(connection);
    redisLog.watch(name, connection);
    await waitForRedis(connection, config.redis, options.redisConnectTimeoutMs ?? 10_000);
    return connection;
  };
  const disconnectAll = () => {
    for (const connection of connections) connection.disconnect();
  };
  let redis: RedisClient;
  let requestRedis: RedisClient;
  let jobsRedis: RedisClient;
  let requestJobsRedis: RedisClient;
  try {
    redis = await connect('main');
    const policy = await evictionPolicy(redis);
    if (policy && policy !== 'noeviction') {
      log.warn({ policy }, 'Redis maxmemory-policy is not noeviction: Redis may silently drop requests and jobs');
    }
    await warnWhenNotDurable(redis, log, config.redis.allowNoPersistence);
    // Data in an older key layout is migrated (or waited for) before anything reads or writes it.
    await ensureKeySchema(redis, config.redis.keyPrefix, { log });
    // Slack's requests get connections of their own that fail fast while Redis is unreachable.
    const failFast = { failFastMs: config.redis.commandTimeoutMs };
    requestRedis = await connect('requests', failFast);
    // BullMQ's queues and workers get connections of their own (see createRedis on why).
    jobsRedis = await connect('jobs', { jobs: true });
    requestJobsRedis = await connect('request-jobs', { ...failFast, jobs: true });
  } catch (error) {
    disconnectAll();
    redisLog.close();
    throw error;
  }

  const clients = createWebClients(config.slack.botToken, config.slack.apiUrl, log, options.slackTimeoutMs, metrics);
  const host = await learnHost(clients.reads, log);
  const auth = new SlackAuthState(() => clients.reads.auth.test(), log, {
    brokenRecheckMs: options.authRecheckMs ?? 30_000,
    okRecheckMs: 5 * 60_000,
  });
  auth.start();

  const prefix = config.redis.keyPrefix;
  const queues = new JobQueues(jobsRedis, prefix, options.backlogGatherMs, new RedisIntakeHold(redis, prefix));
  const clock = options.clock ?? systemClock;
  const timers = new TimerQueue(redis, prefix, clock, [host.teamId], jobsRedis);
  const requestQueues = new JobQueues(requestJobsRedis, prefix, options.backlogGatherMs, new RedisIntakeHold(requestRedis, prefix));
  const requestTimers = new TimerQueue(requestRedis, prefix, clock, [host.teamId], requestJobsRedis);
  // Queues report connection trouble as events; ioredis reconnects by itself, so a warning will do.
  for (const queue of [queues.intake, queues.outbox, timers.queue, requestQueues.intake, requestQueues.outbox, requestTimers.queue]) {
    queue.on('error', (err) => {
      if (!redisLog.absorb('queue', err)) log.warn({ queue: queue.name, err }, 'queue error');
    });
  }
  /** The use cases' dependencies on one Redis connection: the workers' (patient) or Slack requests' (fail fast). */
  const depsOn = (redis: RedisClient, queues: JobQueues, timers: TimerQueue): Deps => {
    const settings = new RedisSettingsStore(redis, prefix, config.defaults, config.managedChannelIds);
    const made: Deps = {
      host,
      clock,
      log,
      requests: new RedisRequestStore(redis, prefix),
      relay: new RedisRelayLedger(redis, prefix),
      deadLetters: new RedisDeadLetters(redis, prefix),
      channels: new RedisChannelStates(redis, prefix),
      clicks: new RedisClickLedger(redis, prefix),
      thanks: new RedisPassedThanks(redis, prefix),
      cardBatches: new RedisCardBatches(redis, prefix),
      clientLine: new RedisClientLine(redis, prefix),
      settings,
      directory: new RedisSlackDirectory(redis, prefix, clients.reads, {
        userSeconds: config.cache.userTtlSeconds,
        channelSeconds: config.cache.channelTtlSeconds,
      }),
      events: new RedisEventLedger(redis, prefix),
      intake: queues,
      outbox: queues.outboxPort,
      timers,
      turns: new RedisTurns(redis, prefix),
      status: new RedisStatusIndex(redis, prefix),
      clients: settings,
      homeViewers: new RedisHomeViewers(redis, prefix),
      teamLeads: config.defaults.teamLeadIds,
      language: config.defaults.language,
      settingsTimezone: config.defaults.businessHours.timezone,
      history: new RedisHistoryReader(redis, prefix),
      retention: new RedisRetentionStore(redis, prefix),
      retentionDays: config.defaults.retentionDays,
      poster: new MessagePoster(clients.outbox, redis, prefix, host.teamId, {
        channelIntervalMs: options.channelIntervalMs ?? 1000,
        settleMs: options.settleMs ?? (options.slackTimeoutMs ?? 10_000) + 2_000,
        log,
      }),
      fetchMessage: messageFetcher(clients.reads),
      trackReaction: config.trackReaction,
      lateTimerMs: options.lateTimerMs ?? LATE_TIMER_MS,
    };
    made.atOnce = acknowledgerAtOnce(made, options.intakeFallbackMs ?? INTAKE_FALLBACK_MS, metrics);
    return made;
  };
  const deps = depsOn(redis, queues, timers);
  const requestDeps = depsOn(requestRedis, requestQueues, requestTimers);

  let stopping = false;
  // Socket Mode: the link to Slack goes through SLACK_API_URL; /readyz is red while it is down.
  const socket =
    config.slack.mode === 'socket'
      ? new SocketConnection({ appToken: config.slack.appToken as string, apiUrl: config.slack.apiUrl, log, timeoutMs: options.slackTimeoutMs, metrics })
      : undefined;
  registerScrapeGauges(metrics.registry, {
    requestCounts: async () => (await requestDeps.status.page(host.teamId, { kind: 'all' }, 'all', clock.now(), 0, 1)).counts,
    queues: [requestQueues.intake, requestQueues.outbox, requestTimers.queue],
    pendingTimers: () => requestRedis.zcard(teamKeys(prefix, host.teamId).timers),
    heldIntake: () => requestQueues.heldCount(host.teamId),
  });
  const healthAndReadiness = healthRoutes([
    // A write, not a PING: an OOM or READONLY answer means no request could be recorded.
    ...redisReadiness(requestRedis, globalKeys(prefix).ready(randomUUID()), config.redis.allowNoPersistence),
    { name: 'slack', check: async () => auth.ok },
    { name: 'accepting', check: async () => !stopping },
    ...(socket ? [{ name: 'socket', check: async () => socket.connected }] : []),
  ]);
  const routes = [...healthAndReadiness, metrics.route()];
  const receiver =
    socket !== undefined
      ? // Envelopes are acknowledged once the listeners queued the event, as HTTP mode answers.
        new DurableSocketModeReceiver({ connection: socket, log, port: config.http.port, routes })
      : new HTTPReceiver({
          signingSecret: config.slack.signingSecret as string,
          endpoints: '/slack/events',
          customRoutes: routes,
          // Events are queued before Slack gets its 200: a crash before that makes Slack retry.
          processBeforeResponse: true,
          processEventErrorHandler: processEventErrorHandler(log),
          logger: boltLogger(log),
        });
  if (receiver instanceof HTTPReceiver) receiver.requestListener = guardBodies(receiver.requestListener, log);
  const app = new App({
    receiver,
    token: config.slack.botToken,
    botId: host.botId,
    botUserId: host.botUserId,
    tokenVerificationEnabled: false,
    // No listener keeps conversation state (Redis is the record); Bolt's default store would look
    // every event's channel up in a per-process map and reject with an Error when it is not there.
    convoStore: false,
    clientOptions: clients.boltOptions,
    logger: boltLogger(log),
  });
  const inFlight = new InFlight();
  registerListeners(app, { deps: requestDeps, inFlight, language: config.defaults.language, auth });
  app.error(async (error) => {
    log.error({ err: error }, 'listener failed');
    throw error; // events answer 500 so that Slack retries them
  });

  await timers.scheduleDigest(host.teamId, config.digestSchedule, config.defaults.businessHours.timezone);
  const retention = new RetentionQueue(jobsRedis, prefix);
  retention.queue.on('error', (err) => {
    if (!redisLog.absorb('retention', err)) log.warn({ queue: retention.queue.name, err }, 'queue connection error');
  });
  await retention.schedule(host.teamId, config.defaults.businessHours.timezone);
  const workers: Worker[] = [
    ...startWorkers(deps, jobsRedis, auth, {
      prefix,
      concurrency: { intake: config.outbox.concurrency, outbox: config.outbox.concurrency, timers: config.outbox.concurrency },
      metrics,
      onWorkerError: (queue, err) => {
        if (!redisLog.absorb('worker', err)) log.error({ queue, err }, 'worker error');
      },
      ...(options.workerLockMs ? { lockDurationMs: options.workerLockMs } : {}),
      ...(options.workerStalledIntervalMs ? { stalledIntervalMs: options.workerStalledIntervalMs } : {}),
    }),
    retention.work(deps, jobsRedis, prefix, (queue, err) => {
      if (!redisLog.absorb('worker', err)) log.error({ queue, err }, 'worker error');
    }),
  ];
  // Catch-up reads on the fail-fast connection too: a round during a Redis outage fails and is retried.
  const positions = new RedisCatchUpPositions(requestRedis, prefix);
  const catchUpDeps = {
    ...requestDeps,
    channelHistory: new SlackChannelHistory(clients.history),
    positions,
    intake: requestQueues,
  };
  const catchUpRunner = startCatchUpRunner({
    intervalMs: config.catchUp.intervalMs,
    log,
    round: () => catchUp(catchUpDeps, config.catchUp),
    claimPeriodicRound: (withinMs) => positions.claimPeriodicRound(host.teamId, withinMs),
    deferPeriodicRounds: (ms) => positions.deferPeriodicRounds(host.teamId, ms),
    redisOutage: (err) => redisLog.absorb('requests', err),
  });

  // Changes a crashed process recorded but did not relay: any instance hands them on.
  const relayStaleMs = options.relayStaleMs ?? 10_000;
  const sweeper = setInterval(() => {
    sweepRelay(deps, relayStaleMs).catch((err: unknown) => {
      if (!redisLog.absorb('main', err)) log.warn({ err }, 'relay sweep failed');
    });
  }, Math.max(100, Math.round(relayStaleMs / 2)));
  sweeper.unref();
  // Timers that are due become jobs, on whichever instance gets there first; so do messages held
  // back for a receiving process that did not handle them in time (it died, or is stuck).
  const pumpMs = options.timerPumpMs ?? 1000;
  let queuingHeld = false;
  const pump = setInterval(() => {
    timers.pump(host.teamId, clock.now()).catch((err: unknown) => {
      if (!redisLog.absorb('main', err)) log.warn({ err }, 'queuing due timers failed');
    });
    if (queuingHeld) return; // the previous round is still at it (a slow Redis)
    queuingHeld = true;
    queues
      .queueHeld(host.teamId, Date.now())
      .then(({ damaged, failed }) => {
        if (damaged.length > 0) log.error({ ids: damaged }, 'held-back intake entries could not be read and were dropped; catch-up will hand their messages over again');
        if (failed.length > 0 && !redisLog.absorb('main', failed[0])) log.warn({ err: failed[0], count: failed.length }, 'held-back intake not queued; the next round tries again');
      })
      .catch((err: unknown) => {
        if (!redisLog.absorb('main', err)) log.warn({ err }, 'queuing held-back intake failed');
      })
      .finally(() => {
        queuingHeld = false;
      });
  }, pumpMs);
  pump.unref();
  const reconcileMs = options.reconcileMs ?? 10 * 60_000;
  const reconciler = setInterval(() => {
    reconcileTimers(deps).catch((err: unknown) => {
      if (!redisLog.absorb('main', err)) log.warn({ err }, 'reconciling timers failed');
    });
  }, reconcileMs);
  reconciler.unref();

  let port: number | undefined;
  if (receiver instanceof HTTPReceiver) {
    const server = (await receiver.start(config.http.port)) as Server;
    port = (server.address() as AddressInfo).port;
  } else {
    port = await receiver.start();
  }
  log.info({ mode: config.slack.mode, port, team: host.teamId }, 'Kuittaus started');

  return {
    port,
    host,
    get stopped() {
      return stopping;
    },
    catchUp: () => catchUpRunner.runNow(),
    idle: async (timeoutMs = 10_000) => {
      await catchUpRunner.settled(); // a round in progress hands messages to intake
      await inFlight.drain(); // interactions answered but still running enqueue work of their own
      await queuesIdle(queues, timers, host.teamId, timeoutMs);
    },
    timers,
    metrics,
    async stop() {
      if (stopping) return;
      stopping = true;
      auth.stop();
      clearInterval(sweeper);
      clearInterval(reconciler);
      clearInterval(pump);
      // Done within SHUTDOWN_TIMEOUT_MS, Redis up or not: what still waits then is cut off (its jobs
      // stay locked and another instance takes them over once the lock expires).
      const deadline = Date.now() + config.shutdownTimeoutMs;
      const left = () => Math.max(0, deadline - Date.now());
      const until = (work: Promise<unknown>) => withTimeout(work, left(), async () => undefined);
      log.info('stopping: no new Slack requests; finishing jobs in progress');
      log.debug('stop: receiver');
      await until(receiver.stop().catch((err: unknown) => log.warn({ err }, 'receiver stop failed')));
      log.debug('stop: catch-up and interactions in flight');
      await until(Promise.all([catchUpRunner.stop(), inFlight.drain()]));
      log.debug('stop: workers');
      // With Redis unreachable no job can finish (nor a graceful close, which waits for Redis): force it.
      const redisDown = redis.status !== 'ready' || jobsRedis.status !== 'ready';
      await withTimeout(Promise.all(workers.map((w) => w.close(redisDown))), left(), async () => {
        log.warn('shutdown timeout: returning unfinished jobs to the queue');
        disconnectAll();
      });
      log.debug('stop: queues');
      await until(Promise.all([queues.close(), timers.close(), retention.close(), requestQueues.close(), requestTimers.close()]));
      log.debug('stop: redis');
      redisLog.close();
      await until(clients.close().catch(() => undefined));
      for (const connection of connections) {
        if (connection.status === 'ready') await until(connection.quit().catch(() => undefined));
        connection.disconnect();
      }
      log.info('stopped');
    },
  };
}

/** Idle: nothing to do in intake and outbox (delayed retries and held-back messages included) and no timer due or running. */
async function queuesIdle(queues: JobQueues, timers: TimerQueue, teamId: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await Promise.all([
      ...[queues.intake, queues.outbox].map((q) => q.getJobCounts('waiting', 'active', 'delayed', 'prioritized')),
      timers.queue.getJobCounts('waiting', 'active', 'prioritized'),
      queues.heldCount(teamId).then((held) => ({ held })),
    ]);
    if (counts.every((c) => Object.values(c).every((n) => n === 0))) return;
    if (Date.now() > deadline) throw new Error(`queues not idle after ${timeoutMs} ms: ${JSON.stringify(counts)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function learnHost(client: ReturnType<typeof createWebClients>['reads'], log: Logger): Promise<Host> {
  for (let attempt = 1; ; attempt++) {
    try {
      const auth = await client.auth.test();
      if (!auth.team_id || !auth.user_id || !auth.bot_id) throw new Error('auth.test did not name the team, bot user and bot');
      return {
        teamId: auth.team_id,
        botUserId: auth.user_id,
        botId: auth.bot_id,
        url: auth.url ?? 'https://slack.com/',
        teamName: auth.team ?? auth.team_id,
        ...(auth.enterprise_id ? { enterpriseId: auth.enterprise_id } : {}),
      };
    } catch (error) {
      const code = (error as { data?: { error?: string } }).data?.error;
      if (code === 'invalid_auth' || code === 'not_authed' || code === 'token_revoked' || attempt >= 5) {
        throw new Error(`Slack auth.test failed (${code ?? String(error)}): check SLACK_BOT_TOKEN and SLACK_API_URL`, {
          cause: error,
        });
      }
      log.warn({ attempt, err: error }, 'auth.test failed; retrying');
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
}

async function withTimeout(work: Promise<unknown>, ms: number, onTimeout: () => Promise<void>) {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  const result = await Promise.race([work.then(() => 'done' as const), timedOut]);
  clearTimeout(timer);
  if (result === 'timeout') await onTimeout();
}
