/**
 * The app under test as a process of its own, so that its CPU and memory are its own:
 * `node --import tsx bench/app-process.ts`, started by ./app-child.ts with an IPC channel.
 * BENCH_TARGET=kuittaus runs the real app (startKuittaus, config from the environment);
 * BENCH_TARGET=baseline runs a minimal stateless Bolt app that answers every message with one
 * chat.postMessage in its thread and every slash command with a static ephemeral text.
 *
 * IPC, parent → child: { type: 'rss' | 'idle' | 'stop' }; child → parent: ready, rss, idle, stopped.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import pino from 'pino';
import { loadConfig } from '../src/config';
import { startKuittaus } from '../src/kuittaus';
import { cpuMs } from './stats';

export type ToChild = { type: 'rss' } | { type: 'idle'; timeoutMs: number } | { type: 'stop' };
export type FromChild =
  | { type: 'ready'; port: number; startupMs: number; rss: number }
  | { type: 'rss'; rss: number; cpuMs: number; loopBusyMs: number }
  | { type: 'idle'; ok: boolean; error?: string }
  | { type: 'stopped' };

interface Running {
  port: number;
  idle(timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

async function startBaseline(): Promise<Running> {
  const receiver = new HTTPReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET as string, processBeforeResponse: false, logLevel: LogLevel.ERROR });
  const app = new App({
    receiver,
    token: process.env.SLACK_BOT_TOKEN as string,
    botId: 'B0BOT',
    botUserId: 'U0BOT',
    tokenVerificationEnabled: false,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: process.env.SLACK_API_URL as string },
  });
  app.message(async ({ message, client }) => {
    const m = message as { channel: string; ts: string };
    await client.chat.postMessage({ channel: m.channel, thread_ts: m.ts, text: 'Thanks — we are on it.' });
  });
  app.command('/status', async ({ ack }) => {
    await ack({ response_type: 'ephemeral', text: 'Nothing open.' });
  });
  const server = (await receiver.start(Number(process.env.PORT ?? 0))) as Server;
  const port = (server.address() as { port: number }).port;
  return { port, idle: async () => undefined, stop: () => receiver.stop() };
}

async function startApp(): Promise<Running> {
  const config = loadConfig(process.env);
  const app = await startKuittaus(config, { log: pino({ level: config.logLevel }) });
  return { port: app.port as number, idle: (ms) => app.idle(ms), stop: () => app.stop() };
}

const send = (message: FromChild) => process.send?.(message);

/**
 * BENCH_HEAP_PROF=1: where the app process allocates (every sampled allocation, collected or not);
 * BENCH_HEAP_PROF=promoted: only what outlived the young generation. Written when it stops.
 */
function heapSampling(): () => Promise<void> {
  const mode = process.env.BENCH_HEAP_PROF;
  if (!mode) return async () => undefined;
  const session = new Session();
  session.connect();
  const promotedOnly = mode === 'promoted';
  session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: !promotedOnly });
  return () =>
    new Promise((resolve) => {
      session.post('HeapProfiler.stopSampling', (error, result) => {
        const dir = process.env.BENCH_PROFILE_DIR as string;
        mkdirSync(dir, { recursive: true });
        if (!error) writeFileSync(join(dir, `${process.env.BENCH_TARGET}-${process.pid}${promotedOnly ? '-promoted' : ''}.heapprofile`), JSON.stringify(result.profile));
        resolve();
      });
    });
}
const stopHeapSampling = heapSampling();

async function main() {
  const started = performance.now();
  const running = process.env.BENCH_TARGET === 'baseline' ? await startBaseline() : await startApp();
  // Start-up ends when the app answers /healthz (the baseline has none: its first answer of any kind).
  for (;;) {
    const res = await fetch(`http://127.0.0.1:${running.port}/healthz`).catch(() => undefined);
    if (res && (res.ok || process.env.BENCH_TARGET === 'baseline')) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  send({ type: 'ready', port: running.port, startupMs: performance.now() - started, rss: process.memoryUsage().rss });
  process.on('message', (message: ToChild) => {
    if (message.type === 'rss') send({ type: 'rss', rss: process.memoryUsage().rss, cpuMs: cpuMs(), loopBusyMs: performance.eventLoopUtilization().active });
    if (message.type === 'idle') {
      running.idle(message.timeoutMs).then(
        () => send({ type: 'idle', ok: true }),
        (error: unknown) => send({ type: 'idle', ok: false, error: String(error) }),
      );
    }
    if (message.type === 'stop') void stopHeapSampling().then(() => running.stop()).finally(() => {
      send({ type: 'stopped' });
      process.disconnect();
    });
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
