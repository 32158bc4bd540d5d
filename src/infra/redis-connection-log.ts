/**
 * Redis trouble as one line per change of state instead of one line (with a stack) per failed
 * reconnect, connection, queue and worker: "Redis unreachable" (warn) at the first connection
 * error, "Redis reachable again" (info: for how long, how many errors) once every connection is
 * ready and no error came for a moment. Every connection error is still counted
 * (kuittaus_redis_errors_total). Errors that are not about the connection are not absorbed: the
 * caller logs them as before.
 */
import type { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { RedisErrorMetrics } from './metrics';

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'EAI_AGAIN', 'ECONNABORTED']);
const CONNECTION_MESSAGES = /Connection is closed|Stream isn't writeable|connect ETIMEDOUT|Reached the max retries per request|enableOfflineQueue|Command timed out|Socket closed unexpectedly/i;

/** Is this error about reaching Redis (rather than about a command or a job)? */
export function isConnectionError(error: unknown): boolean {
  // Duck-typed: errors from Node's own modules may come from another realm (instanceof Error fails).
  if (typeof error !== 'object' || error === null) return false;
  const { code, name, message } = error as { code?: unknown; name?: unknown; message?: unknown };
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
  if (name === 'MaxRetriesPerRequestError') return true;
  return typeof message === 'string' && CONNECTION_MESSAGES.test(message);
}

export interface ConnectionLogOptions {
  /** How long no error may come, with every connection ready, before Redis counts as back (default 2 s). */
  quietMs?: number;
  now?: () => number;
}

export class RedisConnectionLog {
  private readonly failing = new Set<string>();
  private down: { since: number; errors: number; lastErrorAt: number } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly quietMs: number;
  private readonly now: () => number;

  constructor(
    private readonly log: Logger,
    private readonly metrics?: RedisErrorMetrics,
    options: ConnectionLogOptions = {},
  ) {
    this.quietMs = options.quietMs ?? 2000;
    this.now = options.now ?? Date.now;
  }

  /** An ioredis connection: its errors, and its `ready` after a reconnect. */
  watch(name: string, connection: EventEmitter): void {
    connection.on('error', (error: Error) => {
      if (this.absorb(name, error)) this.failing.add(name);
      else this.log.warn({ connection: name, err: error }, 'redis error');
    });
    connection.on('ready', () => {
      this.failing.delete(name);
      this.scheduleCheck();
    });
  }

  /**
   * An error from elsewhere (a queue, a worker, a periodic sweep): true when it was about the
   * connection and is taken care of here (counted, and logged only if it starts an outage).
   */
  absorb(source: string, error: unknown): boolean {
    if (!isConnectionError(error)) return false;
    this.metrics?.redisError(source);
    if (this.closed) return true;
    const at = this.now();
    if (this.down) {
      this.down.errors += 1;
      this.down.lastErrorAt = at;
    } else {
      this.down = { since: at, errors: 1, lastErrorAt: at };
      const { message, code } = error as { message: string; code?: string };
      this.log.warn(
        // Not under `err`: pino would add the stack, which says nothing about an outage.
        { source, error: { message, ...(code ? { code } : {}) } },
        'Redis unreachable: retrying in the background (further errors are counted, not logged, until it is back)',
      );
    }
    this.scheduleCheck();
    return true;
  }

  get isDown(): boolean {
    return this.down !== undefined;
  }

  /** Stop logging (shutdown closes the connections on purpose). */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private scheduleCheck(): void {
    if (this.closed || !this.down || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.check();
    }, this.quietMs);
    this.timer.unref();
  }

  private check(): void {
    const down = this.down;
    if (!down || this.closed) return;
    if (this.failing.size === 0 && this.now() - down.lastErrorAt >= this.quietMs) {
      this.down = undefined;
      this.log.info({ downMs: this.now() - down.since, errors: down.errors }, 'Redis reachable again');
      return;
    }
    this.scheduleCheck();
  }
}
