/** Runs `npm start`'s entry point (src/main.ts) as a child process until it exits; for start-up failures and what it prints. */
import { childEnv } from './child-env';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

export interface MainExit {
  code: number | null;
  stderr: string;
  /** What it wrote on stdout (the JSON log). */
  stdout: string;
  /** Milliseconds from spawn to exit. */
  ms: number;
}

export interface RunMainOptions {
  /** Sends SIGTERM once stdout satisfies this (e.g. the app logged that it started). */
  stopWhen?: (stdout: string) => boolean;
}

/** Rejects when the process has not exited within `timeoutMs` (a hang), after killing it. */
export function runMain(env: Record<string, string>, timeoutMs = 30_000, options: RunMainOptions = {}): Promise<MainExit> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/main.ts')], {
    cwd: root,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  let stopping = false;
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    if (!stopping && options.stopWhen?.(stdout)) {
      stopping = true;
      child.kill('SIGTERM');
    }
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`still running after ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    // 'close', not 'exit': it comes once stdout and stderr are read to the end.
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout, ms: Date.now() - started });
    });
  });
}
