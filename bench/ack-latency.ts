/**
 * npm run bench — event → acknowledgement latency through the real app over signed HTTP, against
 * the Slack emulator and a throwaway Redis, side by side with a baseline measured in the same run:
 * a minimal stateless Bolt app that answers every message with one chat.postMessage (the lower
 * bound any Bolt app pays). Prints a table and writes bench/results/ack-latency.json.
 *
 * BENCH_RATES=50,200 BENCH_SECONDS=5 npm run bench
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { App, HTTPReceiver } from '@slack/bolt';
import pino from 'pino';
import { loadConfig } from '../src/config';
import { startKuittaus } from '../src/kuittaus';
import { eventEnvelope, messageEvent } from '../test/support/builders';
import { launchRedis } from '../test/support/redis/launch';
import { createSignedSender } from '../test/support/signed-requests';
import { type SlackEmulator, clientUser, startSlackEmulator } from '../test/support/slack-emulator';

const SECRET = 'bench-secret';
const RATES = (process.env.BENCH_RATES ?? '50,200').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CLIENTS = 500;

interface Target {
  name: string;
  url: string;
  stop(): Promise<void>;
}

interface Result {
  target: string;
  rate: number;
  sent: number;
  acked: number;
  duplicates: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

async function startBaseline(slack: SlackEmulator): Promise<Target> {
  const receiver = new HTTPReceiver({ signingSecret: SECRET, processBeforeResponse: false });
  const app = new App({ receiver, token: 'xoxb-test', botId: 'B0BOT', botUserId: 'U0BOT', tokenVerificationEnabled: false, clientOptions: { slackApiUrl: slack.apiUrl } });
  app.message(async ({ message, client }) => {
    const m = message as { channel: string; ts: string };
    await client.chat.postMessage({ channel: m.channel, thread_ts: m.ts, text: 'Thanks — we are on it.' });
  });
  const server = await receiver.start(0);
  const port = (server.address() as { port: number }).port;
  return { name: 'baseline: minimal Bolt app', url: `http://127.0.0.1:${port}/slack/events`, stop: () => receiver.stop() };
}

async function startApp(slack: SlackEmulator, redisUrl: string, run: number): Promise<Target> {
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: `bench${run}`,
    PORT: '0',
    WORKING_DAYS: 'mon-sun',
    BUSINESS_HOURS: '00:00-24:00',
    OUTBOX_CONCURRENCY: process.env.BENCH_CONCURRENCY ?? '16',
    LOG_LEVEL: 'silent',
  });
  // Each client writes once, in its own channel, so Slack's per-channel pacing is not what we measure.
  const app = await startKuittaus(config, { log: pino({ level: process.env.BENCH_LOG_LEVEL ?? 'silent' }) });
  return { name: 'Kuittaus', url: `http://127.0.0.1:${app.port}/slack/events`, stop: () => app.stop() };
}

async function drive(slack: SlackEmulator, target: Target, rate: number, run: number): Promise<Result> {
  slack.reset();
  const sender = createSignedSender({ url: target.url, signingSecret: SECRET });
  const total = rate * SECONDS;
  const sentAt = new Map<string, number>();
  const started = Date.now();
  const inflight: Promise<unknown>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const channel = `CB${run}X${i}`;
    const ts = `${Math.floor(due / 1000)}.${String(i).padStart(6, '0')}`;
    const event = messageEvent({ channel, user: `UCL${i % CLIENTS}`, user_team: 'T0CLIENT', text: `Export number ${i} fails`, ts });
    slack.seedMessage(channel, { ts, user: `UCL${i % CLIENTS}`, text: 'x' });
    sentAt.set(`${channel}/${ts}`, Date.now());
    inflight.push(sender.event(eventEnvelope(event, { isExtSharedChannel: true })));
  }
  await Promise.all(inflight);
  const deadline = Date.now() + 15_000;
  const acks = () => slack.callsTo('chat.postMessage', (c) => typeof c.args.thread_ts === 'string');
  while (new Set(acks().map((c) => `${String(c.args.channel)}/${String(c.args.thread_ts)}`)).size < total && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
  }
  const seen = new Map<string, number>();
  let duplicates = 0;
  for (const c of acks()) {
    const key = `${String(c.args.channel)}/${String(c.args.thread_ts)}`;
    if (seen.has(key)) duplicates++;
    else seen.set(key, c.at - (sentAt.get(key) ?? c.at));
  }
  const latencies = [...seen.values()].sort((a, b) => a - b);
  return {
    target: target.name,
    rate,
    sent: total,
    acked: seen.size,
    duplicates,
    p50: quantile(latencies, 0.5),
    p90: quantile(latencies, 0.9),
    p99: quantile(latencies, 0.99),
    max: latencies[latencies.length - 1] ?? NaN,
  };
}

async function main() {
  const redis = await launchRedis({ appendOnly: true });
  const slack = await startSlackEmulator();
  for (let i = 0; i < CLIENTS; i++) slack.addUser(clientUser(`UCL${i}`, `Client ${i}`));
  // Channels the emulator does not know are accepted for posting; conversations.info needs them.
  const results: Result[] = [];
  let run = 0;
  try {
    for (const rate of RATES) {
      for (let i = 0; i < rate * SECONDS; i++) {
        slack.addChannel({ id: `CB${run + 1}X${i}`, name: `c${i}`, is_ext_shared: true, is_shared: true, is_private: false });
        slack.addChannel({ id: `CB${run + 2}X${i}`, name: `c${i}`, is_ext_shared: true, is_shared: true, is_private: false });
      }
      const baseline = await startBaseline(slack);
      results.push(await drive(slack, baseline, rate, ++run));
      await baseline.stop();
      const app = await startApp(slack, redis.url, run + 1);
      results.push(await drive(slack, app, rate, ++run));
      await app.stop();
    }
  } finally {
    await slack.close();
    await redis.stop();
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  console.log(`\nEvent → acknowledgement (ms), ${SECONDS} s per rate, ${new Date().toISOString().slice(0, 10)}, ${machine}\n`);
  console.log('| target | events/s | sent | acked | dup | p50 | p90 | p99 | max |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(`| ${r.target} | ${r.rate} | ${r.sent} | ${r.acked} | ${r.duplicates} | ${r.p50} | ${r.p90} | ${r.p99} | ${r.max} |`);
  }
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'ack-latency.json'), JSON.stringify({ date: new Date().toISOString(), machine, seconds: SECONDS, results }, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
