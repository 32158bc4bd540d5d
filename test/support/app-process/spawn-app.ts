/** Starts test/support/app-process/start-app.ts as a child process and waits for `ready <port>`. */
import { childEnv } from './child-env';
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export interface AppProcess {
  child: ChildProcess;
  port: number;
  /** SIGKILL: no shutdown, no cleanup, as a crash. */
  kill(): void;
  exited: Promise<number | null>;
}

const root = join(__dirname, '..', '..', '..');

export function spawnApp(env: Record<string, string>, timeoutMs = 20_000): Promise<AppProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'start-app.ts')], {
    cwd: root,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app not ready after ${timeoutMs} ms: ${stderr}`)), timeoutMs);
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const ready = /ready (\d+)/.exec(out);
      if (!ready) return;
      clearTimeout(timer);
      resolve({ child, port: Number(ready[1]), kill: () => child.kill('SIGKILL'), exited });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`app exited (${code}) before it was ready: ${stderr}`));
    });
  });
}
