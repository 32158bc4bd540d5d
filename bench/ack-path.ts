/**
 * Section 1 (and the RSS under load of section 5): signed message events at fixed rates through
 * the app over HTTP to the emulator; time from sending the event to the emulator receiving the
 * acknowledgement in the thread of that message. Every message is in a channel of its own, so
 * Slack's per-channel pacing (1 post/s/channel) is not what is measured.
 */
import { eventEnvelope, messageEvent } from '../test/support/builders';
import { createSignedSender } from '../test/support/signed-requests';
import { type SlackEmulator, clientUser } from '../test/support/slack-emulator';
import { type Target, SIGNING_SECRET, kuittausEnv, spawnApp } from './app-child';
import { type Spread, cpuMs, mib, sleep, spread } from './stats';

const CLIENTS = 500;

export interface AckRun extends Spread {
  target: Target;
  rate: number;
  seconds: number;
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
  /** CPU use from the first event until drained, % of one core: the app, and this process (emulator + load). */
  appCpuPct: number;
  harnessCpuPct: number;
  /** Web API calls the emulator received per event. */
  apiCallsPerEvent: number;
}

export interface AckOptions {
  slack: SlackEmulator;
  redisUrl: string;
  rates: number[];
  seconds: number;
  drainTimeoutMs: number;
}

export function seedClients(slack: SlackEmulator): void {
  for (let i = 0; i < CLIENTS; i++) slack.addUser(clientUser(`UCL${i}`, `Client ${i}`));
}

export async function runAckPath(o: AckOptions): Promise<AckRun[]> {
  seedClients(o.slack);
  const runs: AckRun[] = [];
  let run = 0;
  for (const rate of o.rates) {
    for (const target of ['baseline', 'kuittaus'] as const) {
      run += 1;
      const env = target === 'kuittaus' ? kuittausEnv(o.slack.apiUrl, o.redisUrl, `ack${run}`, benchConcurrency()) : baselineEnv(o.slack.apiUrl);
      const app = await spawnApp(target, env);
      try {
        runs.push(await drive(o, app, target, rate, run));
      } finally {
        await app.stop();
      }
      const last = runs.at(-1) as AckRun;
      process.stderr.write(`  ack ${target} ${rate}/s: p99 ${last.p99} ms, ${last.acked}/${last.sent} acked\n`);
    }
  }
  return runs;
}

/** One Kuittaus run at one rate with the environment given (e.g. on a Redis Cluster); clients seeded already. */
export async function runKuittausAck(o: AckOptions, env: Record<string, string>, rate: number, run: number): Promise<AckRun> {
  const app = await spawnApp('kuittaus', { ...env, ...benchConcurrency() });
  try {
    return await drive(o, app, 'kuittaus', rate, run);
  } finally {
    await app.stop();
  }
}

const benchConcurrency = (): Record<string, string> =>
  process.env.BENCH_CONCURRENCY ? { OUTBOX_CONCURRENCY: process.env.BENCH_CONCURRENCY } : {};

const baselineEnv = (apiUrl: string) => ({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: apiUrl });

async function drive(o: AckOptions, app: Awaited<ReturnType<typeof spawnApp>>, target: Target, rate: number, run: number): Promise<AckRun> {
  const { slack } = o;
  slack.reset();
  const total = Math.round(rate * o.seconds);
  for (let i = 0; i < total; i++) {
    slack.addChannel({ id: `CB${run}X${i}`, name: `b${run}-${i}`, is_ext_shared: true, is_shared: true, is_private: false });
  }
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
  const appCpu0 = await app.cpuMs();
  const harnessCpu0 = cpuMs();
  const started = Date.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait);
    const channel = `CB${run}X${i}`;
    const ts = `${Math.floor(due / 1000)}.${String(i).padStart(6, '0')}`;
    const user = `UCL${i % CLIENTS}`;
    slack.seedMessage(channel, { ts, user, text: `Export number ${i} fails` });
    const event = messageEvent({ channel, user, user_team: 'T0CLIENT', text: `Export number ${i} fails with error 500`, ts });
    sentAt.set(`${channel}/${ts}`, Date.now());
    inflight.push(sender.event(eventEnvelope(event, { isExtSharedChannel: true })).then((r) => (r.status >= 300 ? non2xx++ : 0), () => non2xx++));
  }
  const lastSent = Date.now();
  const sentRate = Math.round((total / Math.max(1, lastSent - started)) * 1000 * 10) / 10;
  await Promise.all(inflight);
  const deadline = Date.now() + o.drainTimeoutMs;
  while (ackedAt.size < total && Date.now() < deadline) await sleep(50);
  const drained = Date.now();
  const pct = (ms: number) => Math.round((ms / Math.max(1, drained - started)) * 100);
  const appCpuPct = pct((await app.cpuMs()) - appCpu0);
  const harnessCpuPct = pct(cpuMs() - harnessCpu0);
  const apiCallsPerEvent = Math.round((slack.calls.length / total) * 10) / 10;
  clearInterval(sampler);
  await sleep(300); // a late duplicate would show up here
  unsubscribe();
  const latencies = [...ackedAt].map(([key, at]) => at - (sentAt.get(key) ?? at));
  const bySecond: number[][] = [];
  for (const [key, at] of ackedAt) {
    const sent = sentAt.get(key) ?? at;
    (bySecond[Math.floor((sent - started) / 1000)] ??= []).push(at - sent);
  }
  return {
    target,
    rate,
    seconds: o.seconds,
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
    harnessCpuPct,
    apiCallsPerEvent,
    p50BySecond: [...bySecond].map((l) => spread(l ?? []).p50),
  };
}
