/** Starts a throwaway redis-server for tests: free port on 127.0.0.1, temp dir, noeviction. */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

export interface LaunchOptions {
  appendOnly?: boolean;
  dir?: string;
  port?: number;
}

export interface LaunchedRedis {
  url: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
  kill(signal?: NodeJS.Signals): void;
  restart(): Promise<void>;
}

const MISSING = 'redis-server not found: install it (apt-get install -y redis-server) or set REDIS_URL';

function freePort(): Promise<number> {
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

async function waitForPing(url: string, child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      if ((await client.ping()) === 'PONG') {
        client.disconnect();
        return;
      }
    } catch {
      // not up yet
    }
    client.disconnect();
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server did not answer PING within ${timeoutMs} ms`);
}

export async function launchRedis(options: LaunchOptions = {}): Promise<LaunchedRedis> {
  if (spawnSync('redis-server', ['--version']).error) throw new Error(MISSING);
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'kuittaus-redis-'));
  const ownsDir = options.dir === undefined;
  const port = options.port ?? (await freePort());
  const url = `redis://127.0.0.1:${port}`;
  const args = [
    '--port', String(port),
    '--bind', '127.0.0.1',
    '--dir', dir,
    '--save', '',
    '--appendonly', options.appendOnly ? 'yes' : 'no',
    '--appendfsync', 'always',
    '--maxmemory-policy', 'noeviction',
    '--daemonize', 'no',
    '--logfile', join(dir, 'redis.log'),
  ];
  let child: ChildProcess;
  const start = async () => {
    child = spawn('redis-server', args, { stdio: 'ignore' });
    await waitForPing(url, child);
  };
  const stopChild = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  await start();
  return {
    url,
    port,
    dir,
    kill: (signal = 'SIGKILL') => {
      child.kill(signal);
    },
    async restart() {
      await stopChild();
      await start();
    },
    async stop() {
      await stopChild();
      if (ownsDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
