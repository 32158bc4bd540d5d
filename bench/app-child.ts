/** Parent side of ./app-process.ts: spawns the app under test and talks to it over IPC. */
import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FromChild, ToChild } from './app-process';

export const SIGNING_SECRET = 'bench-secret';

export interface AppChild {
  port: number;
  url: string;
  /** startKuittaus (or the baseline's start) until /healthz answers, measured in the child. */
  startupMs: number;
  /** From spawning the process (Node, tsx, imports) until it is ready. */
  spawnToReadyMs: number;
  idleRss: number;
  rss(): Promise<number>;
  /** CPU time (user + system) the app process has used so far. */
  cpuMs(): Promise<number>;
  /** Time its event loop (the main thread) has been busy so far. */
  loopBusyMs(): Promise<number>;
  /** Read and write system calls (sockets included) the app process has made so far, from /proc (Linux). */
  syscalls(): { reads: number; writes: number } | undefined;
  idle(timeoutMs: number): Promise<boolean>;
  stop(): Promise<void>;
}

export type Target = 'kuittaus' | 'baseline';

export async function spawnApp(target: Target, env: Record<string, string>): Promise<AppChild> {
  const execArgv = ['--import', 'tsx'];
  if (process.env.BENCH_CPU_PROF) execArgv.push('--cpu-prof', '--cpu-prof-dir', join(__dirname, 'results', 'profiles'));
  if (process.env.BENCH_NODE_ARGS) execArgv.push(...process.env.BENCH_NODE_ARGS.split(' ').filter(Boolean));
  const spawned = performance.now();
  const child = fork(join(__dirname, 'app-process.ts'), [], {
    execArgv,
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'silent',
      PORT: '0',
      BENCH_TARGET: target,
      ...(process.env.BENCH_HEAP_PROF ? { BENCH_HEAP_PROF: process.env.BENCH_HEAP_PROF, BENCH_PROFILE_DIR: join(__dirname, 'results', 'profiles') } : {}),
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await next(child, 'ready', 60_000);
  const spawnToReadyMs = performance.now() - spawned;
  const ask = async <T extends FromChild['type']>(message: ToChild, answer: T, timeoutMs = 60_000) => {
    const reply = next(child, answer, timeoutMs);
    child.send(message);
    return reply;
  };
  return {
    port: ready.port,
    url: `http://127.0.0.1:${ready.port}/slack/events`,
    startupMs: ready.startupMs,
    spawnToReadyMs,
    idleRss: ready.rss,
    rss: async () => (await ask({ type: 'rss' }, 'rss')).rss,
    cpuMs: async () => (await ask({ type: 'rss' }, 'rss')).cpuMs,
    loopBusyMs: async () => (await ask({ type: 'rss' }, 'rss')).loopBusyMs,
    syscalls: () => syscallsOf(child.pid),
    idle: async (timeoutMs) => (await ask({ type: 'idle', timeoutMs }, 'idle', timeoutMs + 5_000)).ok,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await ask({ type: 'stop' }, 'stopped').catch(() => child.kill('SIGKILL'));
      await exited;
    },
  };
}

function syscallsOf(pid: number | undefined): { reads: number; writes: number } | undefined {
  try {
    const io = readFileSync(`/proc/${pid}/io`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}: (\\d+)`, 'm').exec(io)?.[1]);
    return { reads: field('syscr'), writes: field('syscw') };
  } catch {
    return undefined;
  }
}

function next<T extends FromChild['type']>(child: ChildProcess, type: T, timeoutMs: number): Promise<Extract<FromChild, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`app child: no ${type} within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: FromChild) => {
      if (message.type === type) done(undefined, message as Extract<FromChild, { type: T }>);
    };
    const onExit = (code: number | null) => done(new Error(`app child exited (${code}) while waiting for ${type}`));
    function done(error?: Error, message?: Extract<FromChild, { type: T }>) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(message as Extract<FromChild, { type: T }>);
    }
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/** The environment of a Kuittaus child: the emulator, a Redis, a key prefix, always open. */
export function kuittausEnv(apiUrl: string, redisUrl: string, prefix: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: apiUrl,
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: prefix,
    WORKING_DAYS: 'mon-sun',
    BUSINESS_HOURS: '00:00-24:00',
    DEFAULT_TIMEZONE: 'Europe/Helsinki',
    ...extra,
  };
}
