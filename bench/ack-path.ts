/**
 * Section 1 (and the RSS under load of section 5): signed message events at fixed rates through
 * the app over HTTP to the emulator; time from sending the event to the emulator receiving the
 * acknowledgement in the thread of that message. Every message is in a channel of its own, so
 * Slack's per-channel pacing (1 post/s/channel) is not what is measured.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventEnvelope, messageEvent } from '../test/support/builders';
import { createSignedSender } from '../test/support/signed-requests';
import { type SlackEmulator, clientUser } from '../test/support/slack-emulator';
import { type AppChild, type Target, SIGNING_SECRET, kuittausEnv, spawnApp } from './app-child';
import { Redis } from 'ioredis';
import { type Spread, cpuMs, mib, sleep, spread } from './stats';

const CLIENTS = 500;

export interface AckRun extends Spread {
  target: Target;
  rate: number;
  /** 1-based round; within a round both targets run back to back, in alternating order. */
  round: number;
  seconds: number;
  /** Seconds of events before the measured ones (see warmUp). */
  warmUpSeconds: number;
  sent: number;
  /** Events per second actually sent (the load generator may fall behind). */
  sentRate: number;
  acked: number;
  lost: number;
  duplicates: number;
  non2xx: number;
  /** Last event sent → last acknowledgement received. */
  drainMs: number;
  startupMs: number;
  spawnToReadyMs: number;
  idleRssMiB: number;
  loadRssMiB: number;
  /** Median latency of the events sent in each second of the run: does a backlog build? */
  p50BySecond: number[];
  /**
   * p99 of the events sent in the second half of the run: a fresh process warms up (code not yet
   * optimised, connections opened, the cache of who wrote filling) in the first seconds.
   */
  p99SecondHalf: number;
  /** p99 of the warm-up before the run: the first seconds of a fresh process (NaN without one). */
  warmUpP99: number;
  /** CPU use from the first event until drained, % of one core: the app, and this process (emulator + load). */
  appCpuPct: number;
  /** How busy the app's event loop (its main thread) was from the first event until drained, %. */
  appLoopBusyPct: number;
  harnessCpuPct: number;
  /** Web API calls the emulator received per event. */
  apiCallsPerEvent: number;
  /** CPU time (user + system) of the app process per event, from the first event until drained and settled. */
  cpuMsPerEvent: number;
  /** Redis commands per event (INFO commandstats, those inside scripts included), and of them script calls. */
  redisCommandsPerEvent?: number;
  redisScriptCallsPerEvent?: number;
  /** CPU time of the redis-server process per event (INFO cpu: user + system, all its threads); it shares the machine's cores. */
  redisCpuMsPerEvent?: number;
  /** Read and write system calls of the app process per event (sockets: HTTP in, Web API, Redis), where /proc tells. */
  readSyscallsPerEvent?: number;
  writeSyscallsPerEvent?: number;
}

/** One rate: the medians over the rounds, and the median of the per-round p99 ratios. */
export interface AckSummary {
  rate: number;
  rounds: number;
  baselineP50: number;
  baselineP99: number;
  kuittausP50: number;
  kuittausP99: number;
  p99RatioMedian: number;
  p99Ratios: number[];
  /** The same for the second half of each round (both apps warmed up). */
  p99SecondHalfRatioMedian: number;
  p99SecondHalfRatios: number[];
  baselineP99SecondHalf: number;
  kuittausP99SecondHalf: number;
  /** p99 of the warm-up (the first seconds of a fresh process), medians, and their ratio's median. */
  baselineWarmUpP99: number;
  kuittausWarmUpP99: number;
  warmUpP99RatioMedian: number;
  baselineWriteSyscallsPerEvent: number;
  kuittausWriteSyscallsPerEvent: number;
  baselineCpuMsPerEvent: number;
  kuittausCpuMsPerEvent: number;
  cpuRatio: number;
  redisCommandsPerEvent: number;
  redisScriptCallsPerEvent: number;
  redisCpuMsPerEvent: number;
  baselineApiCallsPerEvent: number;
  kuittausApiCallsPerEvent: number;
  lost: number;
  duplicates: number;
}

export interface AckOptions {
  slack: SlackEmulator;
  redisUrl: string;
  rates: number[];
  seconds: number;
  /** Events at the same rate, before the measured ones, in channels and from clients of their own (see warmUp). */
  warmUpSeconds: number;
  rounds: number;
  drainTimeoutMs: number;
  /** Extra environment of the Kuittaus app (e.g. TRIAGE_CHANNEL). */
  kuittausExtra?: Record<string, string>;
}

export function seedClients(slack: SlackEmulator): void {
  for (let i = 0; i < CLIENTS; i++) {
    slack.addUser(clientUser(`UCL${i}`, `Client ${i}`));
    slack.addUser(clientUser(`UCW${i}`, `Warm-up client ${i}`));
  }
}

export async function runAckPath(o: AckOptions): Promise<AckRun[]> {
  seedClients(o.slack);
  const runs: AckRun[] = [];
  let run = 0;
  const redis = new Redis(o.redisUrl, { maxRetriesPerRequest: 3 });
  try {
    for (const rate of o.rates) {
      for (let round = 1; round <= o.rounds; round++) {
        // Alternate which target goes first, so that a drift of the shared machine hits both alike.
        const order = round % 2 === 1 ? (['baseline', 'kuittaus'] as const) : (['kuittaus', 'baseline'] as const);
        for (const target of order) {
          run += 1;
          const env =
            target === 'kuittaus'
              ? kuittausEnv(o.slack.apiUrl, o.redisUrl, `ack${run}`, { ...benchConcurrency(), ...(o.kuittausExtra ?? {}) })
              : baselineEnv(o.slack.apiUrl);
          const app = await startFor(o.slack, target, env, run, Math.round(rate * o.seconds), Math.round(rate * o.warmUpSeconds));
          try {
            runs.push(await drive(o, app, target, rate, run, round, target === 'kuittaus' ? redis : undefined));
          } finally {
            await app.stop();
          }
          const last = runs.at(-1) as AckRun;
          process.stderr.write(
            `  ack ${target} ${rate}/s round ${round}: p50 ${last.p50} p99 ${last.p99} ms (second half ${last.p99SecondHalf}), ${last.acked}/${last.sent} acked, ${last.cpuMsPerEvent} CPU ms/event, event loop ${last.appLoopBusyPct}% busy, warm-up p99 ${last.warmUpP99} ms, ${last.writeSyscallsPerEvent ?? '?'} write and ${last.readSyscallsPerEvent ?? '?'} read syscalls/event${last.redisCommandsPerEvent === undefined ? '' : `, ${last.redisCommandsPerEvent} Redis commands/event, Redis CPU ${last.redisCpuMsPerEvent ?? '?'} ms/event`}\n`,
          );
        }
      }
    }
  } finally {
    redis.disconnect();
  }
  return runs;
}

/** One Kuittaus run at one rate with the environment given (e.g. on a Redis Cluster); clients seeded already. */
export async function runKuittausAck(o: AckOptions, env: Record<string, string>, rate: number, run: number): Promise<AckRun> {
  const app = await startFor(o.slack, 'kuittaus', { ...env, ...benchConcurrency() }, run, Math.round(rate * o.seconds), Math.round(rate * o.warmUpSeconds));
  try {
    return await drive(o, app, 'kuittaus', rate, run, 0);
  } finally {
    await app.stop();
  }
}

/**
 * A fresh emulator workspace holding only this run's channels, then the app, measured once its
 * start-up is over: the catch-up round every start runs (over every channel the bot is in) is a
 * cost of starting, not of an event, and must not read the channels of earlier runs while this
 * one is measured.
 */
async function startFor(slack: SlackEmulator, target: Target, env: Record<string, string>, run: number, total: number, warmUpTotal: number): Promise<AppChild> {
  slack.reset({ channels: true });
  for (let i = 0; i < total; i++) {
    slack.addChannel({ id: `CB${run}X${i}`, name: `b${run}-${i}`, is_ext_shared: true, is_shared: true, is_private: false });
  }
  for (let i = 0; i < warmUpTotal; i++) {
    slack.addChannel({ id: `CB${run}W${i}`, name: `b${run}-w${i}`, is_ext_shared: true, is_shared: true, is_private: false });
  }
  const app = await spawnApp(target, env);
  if (!(await app.idle(60_000).catch(() => false))) process.stderr.write(`  ${target}: start-up not over within 60 s; measuring anyway\n`);
  return app;
}

const median = (values: number[]) => {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const r2 = (n: number) => Math.round(n * 100) / 100;

export function summarize(runs: AckRun[]): AckSummary[] {
  const rates = [...new Set(runs.map((r) => r.rate))];
  return rates.map((rate) => {
    const of = (target: Target) => runs.filter((r) => r.rate === rate && r.target === target);
    const b = of('baseline');
    const k = of('kuittaus');
    const p99Ratios = k.map((kr) => {
      const br = b.find((x) => x.round === kr.round);
      return br ? r2(kr.p99 / Math.max(1, br.p99)) : NaN;
    });
    const p99SecondHalfRatios = k.map((kr) => {
      const br = b.find((x) => x.round === kr.round);
      return br ? r2(kr.p99SecondHalf / Math.max(1, br.p99SecondHalf)) : NaN;
    });
    const warmUpRatios = k.map((kr) => {
      const br = b.find((x) => x.round === kr.round);
      return br ? kr.warmUpP99 / Math.max(1, br.warmUpP99) : NaN;
    });
    const bCpu = median(b.map((r) => r.cpuMsPerEvent));
    const kCpu = median(k.map((r) => r.cpuMsPerEvent));
    return {
      rate,
      rounds: k.length,
      baselineP50: median(b.map((r) => r.p50)),
      baselineP99: median(b.map((r) => r.p99)),
      kuittausP50: median(k.map((r) => r.p50)),
      kuittausP99: median(k.map((r) => r.p99)),
      p99RatioMedian: r2(median(p99Ratios)),
      p99Ratios,
      p99SecondHalfRatioMedian: r2(median(p99SecondHalfRatios)),
      p99SecondHalfRatios,
      baselineP99SecondHalf: median(b.map((r) => r.p99SecondHalf)),
      kuittausP99SecondHalf: median(k.map((r) => r.p99SecondHalf)),
      baselineWarmUpP99: median(b.map((r) => r.warmUpP99)),
      kuittausWarmUpP99: median(k.map((r) => r.warmUpP99)),
      warmUpP99RatioMedian: r2(median(warmUpRatios)),
      baselineWriteSyscallsPerEvent: r2(median(b.map((r) => r.writeSyscallsPerEvent ?? NaN))),
      kuittausWriteSyscallsPerEvent: r2(median(k.map((r) => r.writeSyscallsPerEvent ?? NaN))),
      baselineCpuMsPerEvent: r2(bCpu),
      kuittausCpuMsPerEvent: r2(kCpu),
      cpuRatio: r2(kCpu / bCpu),
      redisCommandsPerEvent: r2(median(k.map((r) => r.redisCommandsPerEvent ?? NaN))),
      redisScriptCallsPerEvent: r2(median(k.map((r) => r.redisScriptCallsPerEvent ?? NaN))),
      redisCpuMsPerEvent: r2(median(k.map((r) => r.redisCpuMsPerEvent ?? NaN))),
      baselineApiCallsPerEvent: r2(median(b.map((r) => r.apiCallsPerEvent))),
      kuittausApiCallsPerEvent: r2(median(k.map((r) => r.apiCallsPerEvent))),
      lost: k.reduce((n, r) => n + r.lost, 0),
      duplicates: k.reduce((n, r) => n + r.duplicates, 0),
    };
  });
}

/** Sum of the `calls=` of INFO commandstats, and of them the script calls (EVAL, EVALSHA, FCALL). */
export async function commandCalls(redis: Redis): Promise<{ all: number; scripts: number; byCommand: Map<string, number>; usecByCommand: Map<string, number> }> {
  const info = await redis.info('commandstats');
  let all = 0;
  let scripts = 0;
  const byCommand = new Map<string, number>();
  const usecByCommand = new Map<string, number>();
  for (const m of info.matchAll(/^cmdstat_([a-z|_-]+):calls=(\d+),usec=(\d+)/gm)) {
    const calls = Number(m[2]);
    all += calls;
    byCommand.set(m[1] as string, calls);
    usecByCommand.set(m[1] as string, Number(m[3]));
    if (/^(eval|evalsha|fcall)/.test(m[1] as string)) scripts += calls;
  }
  return { all, scripts, byCommand, usecByCommand };
}

/** CPU time the redis-server has used, ms (INFO cpu: user + system of the process, its background threads included). */
export async function redisCpuMs(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const seconds = (name: string) => Number(new RegExp(`^${name}:([0-9.]+)`, 'm').exec(info)?.[1] ?? NaN);
  return (seconds('used_cpu_user') + seconds('used_cpu_sys')) * 1000;
}

/**
 * BENCH_REDIS_BREAKDOWN=1: each Redis command's calls per event of one run, most first, and the µs
 * Redis spent in them per event (a script's time includes the commands it calls).
 */
function printBreakdown(before: Awaited<ReturnType<typeof commandCalls>>, after: Awaited<ReturnType<typeof commandCalls>>, events: number): void {
  const per = (now: Map<string, number>, then: Map<string, number>, name: string) => ((now.get(name) ?? 0) - (then.get(name) ?? 0)) / events;
  const rows = [...after.byCommand.keys()].map((name) => [name, per(after.byCommand, before.byCommand, name), per(after.usecByCommand, before.usecByCommand, name)] as const).filter(([, n]) => n > 0);
  rows.sort((a, b) => b[1] - a[1]);
  process.stderr.write(`  Redis commands per event (calls, µs): ${rows.map(([name, n, usec]) => `${name} ${n.toFixed(2)} ${usec.toFixed(1)}`).join(', ')}\n`);
}

/** BENCH_LATENCIES=1: each measured event's message ts, ms from the round's start to its sending, and its latency. */
function writeLatencies(name: string, started: number, sentAt: Map<string, number>, ackedAt: Map<string, number>): void {
  const dir = join(__dirname, 'results', 'latencies');
  mkdirSync(dir, { recursive: true });
  const rows = [...sentAt].map(([key, sent]) => `${key.split('/')[1]} ${sent - started} ${ackedAt.has(key) ? (ackedAt.get(key) as number) - sent : 'lost'}`);
  writeFileSync(join(dir, `${name}.txt`), `${rows.join('\n')}\n`);
}

const benchConcurrency = (): Record<string, string> =>
  process.env.BENCH_CONCURRENCY ? { OUTBOX_CONCURRENCY: process.env.BENCH_CONCURRENCY } : {};

const baselineEnv = (apiUrl: string) => ({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: apiUrl });

async function drive(o: AckOptions, app: AppChild, target: Target, rate: number, run: number, round: number, redis?: Redis): Promise<AckRun> {
  const { slack } = o;
  const warmUpP99 = await warmUp(o, app, target, rate, run);
  slack.reset();
  const total = Math.round(rate * o.seconds);
  const sentAt = new Map<string, number>();
  const ackedAt = new Map<string, number>();
  let duplicates = 0;
  let lastAck = 0;
  const unsubscribe = slack.onCall((c) => {
    if (c.method !== 'chat.postMessage' || typeof c.args.thread_ts !== 'string' || !String(c.args.channel).startsWith(`CB${run}X`)) return;
    const key = `${String(c.args.channel)}/${c.args.thread_ts}`;
    if (ackedAt.has(key)) duplicates++;
    else ackedAt.set(key, c.at);
    lastAck = Math.max(lastAck, c.at);
  });
  const sender = createSignedSender({ url: app.url, signingSecret: SIGNING_SECRET });
  const rssSamples: number[] = [];
  const sampler = setInterval(() => void app.rss().then((r) => rssSamples.push(r), () => undefined), 500);
  let non2xx = 0;
  const inflight: Promise<unknown>[] = [];
  const calls0 = redis ? await commandCalls(redis) : undefined;
  const redisCpu0 = redis ? await redisCpuMs(redis) : undefined;
  const appCpu0 = await app.cpuMs();
  const sys0 = app.syscalls();
  const loop0 = await app.loopBusyMs();
  const harnessCpu0 = cpuMs();
  const started = Date.now();
  await paced(rate, total, started, (i, due) => {
    const channel = `CB${run}X${i}`;
    const ts = `${Math.floor(due / 1000)}.${String(i).padStart(6, '0')}`;
    sentAt.set(`${channel}/${ts}`, Date.now());
    inflight.push(sendMessage(slack, sender, channel, ts, `UCL${i % CLIENTS}`, i).then((r) => (r.status >= 300 ? non2xx++ : 0), () => non2xx++));
  });
  const lastSent = Date.now();
  const sentRate = Math.round((total / Math.max(1, lastSent - started)) * 1000 * 10) / 10;
  await Promise.all(inflight);
  const deadline = Date.now() + o.drainTimeoutMs;
  while (ackedAt.size < total && Date.now() < deadline) await sleep(50);
  const drained = Date.now();
  const pct = (ms: number) => Math.round((ms / Math.max(1, drained - started)) * 100);
  const appCpuPct = pct((await app.cpuMs()) - appCpu0);
  const appLoopBusyPct = pct((await app.loopBusyMs()) - loop0);
  const harnessCpuPct = pct(cpuMs() - harnessCpu0);
  clearInterval(sampler);
  // What follows the acknowledgement (reaction, card, timers, bookkeeping) is part of each event's
  // cost: let the app finish it (a late duplicate would show up here too) before counting.
  await sleep(300);
  if (target === 'kuittaus') await app.idle(10_000).catch(() => false);
  const settledCpuMs = (await app.cpuMs()) - appCpu0;
  const sys1 = app.syscalls();
  const calls1 = redis ? await commandCalls(redis) : undefined;
  const redisCpu1 = redis ? await redisCpuMs(redis) : undefined;
  if (process.env.BENCH_REDIS_BREAKDOWN && calls0 && calls1) printBreakdown(calls0, calls1, total);
  const apiCallsPerEvent = Math.round((slack.calls.length / total) * 10) / 10;
  unsubscribe();
  const latencies = [...ackedAt].map(([key, at]) => at - (sentAt.get(key) ?? at));
  if (process.env.BENCH_LATENCIES) writeLatencies(`${target}-${rate}-${round}`, started, sentAt, ackedAt);
  const bySecond: number[][] = [];
  const secondHalf: number[] = [];
  const halfway = started + (o.seconds * 1000) / 2;
  for (const [key, at] of ackedAt) {
    const sent = sentAt.get(key) ?? at;
    (bySecond[Math.floor((sent - started) / 1000)] ??= []).push(at - sent);
    if (sent >= halfway) secondHalf.push(at - sent);
  }
  return {
    target,
    rate,
    round,
    seconds: o.seconds,
    warmUpSeconds: o.warmUpSeconds,
    sent: total,
    sentRate,
    acked: ackedAt.size,
    lost: total - ackedAt.size,
    duplicates,
    non2xx,
    ...spread(latencies),
    drainMs: ackedAt.size === total ? Math.max(0, lastAck - lastSent) : NaN,
    startupMs: Math.round(app.startupMs),
    spawnToReadyMs: Math.round(app.spawnToReadyMs),
    idleRssMiB: mib(app.idleRss),
    loadRssMiB: mib(Math.max(0, ...rssSamples)),
    appCpuPct,
    appLoopBusyPct,
    harnessCpuPct,
    apiCallsPerEvent,
    cpuMsPerEvent: r2(settledCpuMs / total),
    ...(calls0 && calls1
      ? { redisCommandsPerEvent: r2((calls1.all - calls0.all) / total), redisScriptCallsPerEvent: r2((calls1.scripts - calls0.scripts) / total) }
      : {}),
    ...(redisCpu0 !== undefined && redisCpu1 !== undefined ? { redisCpuMsPerEvent: r2((redisCpu1 - redisCpu0) / total) } : {}),
    ...(sys0 && sys1 ? { readSyscallsPerEvent: r2((sys1.reads - sys0.reads) / total), writeSyscallsPerEvent: r2((sys1.writes - sys0.writes) / total) } : {}),
    warmUpP99,
    p50BySecond: [...bySecond].map((l) => spread(l ?? []).p50),
    p99SecondHalf: spread(secondHalf).p99,
  };
}

/** Calls `send` for events 0..total-1, the i-th at `started + i/rate` seconds. */
async function paced(rate: number, total: number, started: number, send: (i: number, due: number) => void): Promise<void> {
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait);
    send(i, due);
  }
}

/** A client's new message in a shared channel, as Slack sends it (the message seeded for thread searches). */
function sendMessage(slack: SlackEmulator, sender: ReturnType<typeof createSignedSender>, channel: string, ts: string, user: string, i: number) {
  slack.seedMessage(channel, { ts, user, text: `Export number ${i} fails` });
  const event = messageEvent({ channel, user, user_team: 'T0CLIENT', text: `Export number ${i} fails with error 500`, ts });
  return sender.event(eventEnvelope(event, { isExtSharedChannel: true }));
}

/**
 * The first seconds of a fresh process, not measured as the run: the same rate, in channels and
 * from clients of their own (so the measured events still meet clients not seen before), until
 * every acknowledgement is posted and the app is idle. Both apps get the same. A production
 * process runs for days; what its first seconds cost (code not yet optimised, connections
 * opening) is reported apart, as the p99 returned here.
 */
async function warmUp(o: AckOptions, app: AppChild, target: Target, rate: number, run: number): Promise<number> {
  const total = Math.round(rate * o.warmUpSeconds);
  if (total === 0) return NaN;
  const { slack } = o;
  slack.reset();
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const unsubscribe = slack.onCall((c) => {
    if (c.method !== 'chat.postMessage' || typeof c.args.thread_ts !== 'string') return;
    const sent = sentAt.get(`${String(c.args.channel)}/${c.args.thread_ts}`);
    if (sent !== undefined) latencies.push(c.at - sent);
  });
  const sender = createSignedSender({ url: app.url, signingSecret: SIGNING_SECRET });
  const inflight: Promise<unknown>[] = [];
  await paced(rate, total, Date.now(), (i, due) => {
    const channel = `CB${run}W${i}`;
    const ts = `${Math.floor(due / 1000)}.${String(i).padStart(6, '0')}`;
    sentAt.set(`${channel}/${ts}`, Date.now());
    inflight.push(sendMessage(slack, sender, channel, ts, `UCW${i % CLIENTS}`, i).catch(() => undefined));
  });
  await Promise.all(inflight);
  const deadline = Date.now() + o.drainTimeoutMs;
  while (latencies.length < total && Date.now() < deadline) await sleep(50);
  await sleep(300);
  if (target === 'kuittaus') await app.idle(10_000).catch(() => false);
  unsubscribe();
  return spread(latencies).p99;
}
