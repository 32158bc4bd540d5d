/**
 * Starts a throwaway redis-server for tests: a free port on 127.0.0.1, a temporary directory, no
 * RDB snapshots, AOF on request (fsync always by default, so that a SIGKILL loses nothing acknowledged),
 * `noeviction` like production.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redisPid } from './ping';

export interface LaunchOptions {
  /** AOF persistence (appendonly yes). Default false. */
  appendOnly?: boolean;
  /**
   * When the AOF is fsynced: 'always' (default: even a machine crash loses nothing answered) or
   * 'everysec', as docker-compose.yml runs it (a crash of Redis loses nothing, one of the machine
   * up to a second).
   */
  appendFsync?: 'always' | 'everysec';
  /** Data directory; default a fresh temporary one, removed by stop(). */
  dir?: string;
  /** Default: a free port. */
  port?: number;
  /** Default 'redis-server' on the PATH. */
  binary?: string;
  /** More redis-server arguments (e.g. cluster mode), given the port it got. */
  extraArgs?: (port: number) => string[];
}

export interface LaunchedRedis {
  /** redis://127.0.0.1:<port> */
  url: string;
  port: number;
  dir: string;
  /** SIGTERM, wait for the exit, remove the directory if it is ours. Idempotent. */
  stop(): Promise<void>;
  /** Send a signal (default SIGKILL: a crash); resolves when the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Stop (unless already dead) and start again on the same port and directory. */
  restart(): Promise<void>;
}

export const REDIS_MISSING = 'redis-server not found: install redis-server (apt-get install -y redis-server) or set REDIS_URL';
const START_TIMEOUT_MS = 10_000;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

function logTail(dir: string): string {
  const file = join(dir, 'redis.log');
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').trim().split('\n').slice(-5).join('\n');
}

/** Spawns redis-server and resolves once it answers PING; rejects if it exits or stays silent. */
async function spawnRedis(binary: string, args: string[], port: number, dir: string): Promise<ChildProcess> {
  // Not under a preloaded library of the test run (libfaketime in scripts/test-at.sh): redis-server
  // does not start with it, and keeps real time anyway.
  const { LD_PRELOAD: _preload, ...env } = process.env;
  const child = spawn(binary, args, { stdio: 'ignore', env });
  const spawnError = once(child, 'spawn').then(
    () => undefined,
    (error: NodeJS.ErrnoException) => error,
  );
  const error = await spawnError;
  if (error) throw error.code === 'ENOENT' ? new Error(REDIS_MISSING) : error;
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited(child)) throw new Error(`redis-server on port ${port} exited at start (code ${child.exitCode}): ${logTail(dir)}`);
    // Our server, not another one that got the port first (then ours exits: "Address already in use").
    if ((await redisPid(port)) === child.pid) return child;
    await new Promise((r) => setTimeout(r, 25));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server on port ${port} did not answer PING within ${START_TIMEOUT_MS} ms: ${logTail(dir)}`);
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (exited(child)) return Promise.resolve();
  const done = once(child, 'exit').then(() => undefined);
  child.kill(signal);
  return done;
}

export async function launchRedis(options: LaunchOptions = {}): Promise<LaunchedRedis> {
  const binary = options.binary ?? 'redis-server';
  const ownsDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'kuittaus-redis-'));
  const argsFor = (port: number) => [
    '--port', String(port),
    '--bind', '127.0.0.1',
    '--dir', dir,
    '--save', '',
    '--appendonly', options.appendOnly ? 'yes' : 'no',
    '--appendfsync', options.appendFsync ?? 'always',
    '--maxmemory-policy', 'noeviction',
    '--daemonize', 'no',
    '--logfile', join(dir, 'redis.log'),
    ...(options.extraArgs?.(port) ?? []),
  ];

  // A free port can be taken between probing and binding: try a few.
  let port = options.port ?? (await freePort());
  let child: ChildProcess | undefined;
  for (let attempt = 1; !child; attempt++) {
    try {
      child = await spawnRedis(binary, argsFor(port), port, dir);
    } catch (error) {
      const clash = error instanceof Error && /exited at start/.test(error.message);
      if (!clash || options.port !== undefined || attempt >= 5) {
        if (ownsDir) rmSync(dir, { recursive: true, force: true });
        throw error;
      }
      port = await freePort();
    }
  }

  let current: ChildProcess = child;
  let stopped = false;
  // If the test process ends without stop(), leave neither the server nor its directory behind.
  const onExit = () => {
    current.kill('SIGKILL');
    if (ownsDir) rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);

  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    kill: (signal = 'SIGKILL') => stopChild(current, signal),
    async restart() {
      if (stopped) throw new Error('restart() after stop()');
      await stopChild(current, 'SIGTERM');
      current = await spawnRedis(binary, argsFor(port), port, dir);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      process.off('exit', onExit);
      await stopChild(current, 'SIGTERM');
      if (ownsDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
