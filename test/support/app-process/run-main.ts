/** Runs `npm start`'s entry point (src/main.ts) as a child process until it exits; for start-up failures. */
import { childEnv } from './child-env';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

export interface MainExit {
  code: number | null;
  stderr: string;
  /** Milliseconds from spawn to exit. */
  ms: number;
}

/** Rejects when the process has not exited within `timeoutMs` (a hang), after killing it. */
export function runMain(env: Record<string, string>, timeoutMs = 30_000): Promise<MainExit> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/main.ts')], {
    cwd: root,
    env: childEnv(env),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`still running after ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, ms: Date.now() - started });
    });
  });
}
