/**
 * BullMQ and ioredis print some warnings with console.warn / console.error ("IMPORTANT! Eviction
 * policy is allkeys-lru…" once per queue and worker connection, "[WARN] Redis server does not
 * require a password, but a password was supplied." at every connect), which would land as raw
 * text between the JSON log lines. Installed by `npm start`'s entry point, this sends them through
 * pino instead: warn, once per distinct message (its first line); repeats are dropped.
 */
import { format } from 'node:util';
import type { Logger } from 'pino';

/** Distinct messages remembered; past this, further new ones are still logged once each, up to the cap. */
const MAX_DISTINCT = 500;

export interface ConsoleLike {
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

/** Which library wrote it, by the shape of its known messages. */
export function librarySource(text: string): string {
  if (/^IMPORTANT! Eviction policy|^It is highly recommended to use a minimum Redis version/.test(text)) return 'bullmq';
  if (/^\[(WARN|ERROR)\] |^\[ioredis\]/.test(text)) return 'ioredis';
  return 'console';
}

/** Routes console.warn and console.error of `target` into `log`; returns the function that undoes it. */
export function routeLibraryWarnings(log: Logger, target: ConsoleLike = console): () => void {
  const seen = new Set<string>();
  const original = { warn: target.warn, error: target.error };
  const route = (...args: unknown[]) => {
    const text = format(...args).trim();
    const firstLine = text.split('\n', 1)[0] ?? '';
    if (seen.has(firstLine) || seen.size >= MAX_DISTINCT) return;
    seen.add(firstLine);
    const policy = /^IMPORTANT! Eviction policy is (\S+)\./.exec(firstLine)?.[1];
    // Only the first line: a stack or a multi-line notice adds nothing the operator needs.
    log.warn({ source: librarySource(firstLine), ...(policy ? { policy } : {}) }, firstLine);
  };
  target.warn = route;
  target.error = route;
  return () => {
    target.warn = original.warn;
    target.error = original.error;
  };
}
