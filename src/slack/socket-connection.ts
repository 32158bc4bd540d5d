/**
 * The Socket Mode link to Slack. @slack/socket-mode's client does the protocol (apps.connections.open
 * through SLACK_API_URL, the WebSocket, hello, disconnect messages, ping/pong); reconnecting is ours,
 * because the client's own loop retries a refused token forever and can reject from a timer.
 *
 * - `open()` resolves at the first hello; it fails at once when Slack refuses the app token
 *   (AppTokenRefusedError, naming SLACK_APP_TOKEN) and after `startAttempts` other failures.
 * - A link that drops later (refresh_requested, network) is reopened at once, then with a capped
 *   backoff, for as long as it takes; `connected` says whether it is up (readiness).
 */
import { SocketModeClient } from '@slack/socket-mode';
import type { Logger } from 'pino';
import { boltLogger } from '../infra/bolt-logger';
import type { SlackCallMetrics } from '../infra/metrics';
import { meteredFetch } from './metered-fetch';
import { appTokenRefusal } from './socket-errors';

export interface SocketConnectionOptions {
  appToken: string;
  /** Base URL of the Web API (SLACK_API_URL); Slack's when undefined. */
  apiUrl?: string | undefined;
  log: Logger;
  /** Timeout of the apps.connections.open call. */
  timeoutMs?: number;
  /** Waits between attempts: none before the first retry, then from `minMs` doubling up to `maxMs`. */
  backoff?: { minMs: number; maxMs: number };
  /** Failed attempts after which start-up gives up (default 5). */
  startAttempts?: number;
  /** How long the client waits for a pong (@slack/socket-mode's clientPingTimeout, default 5000). */
  pingTimeoutMs?: number;
  /** Counts apps.connections.open calls with the other Web API calls. */
  metrics?: SlackCallMetrics;
}

type State = 'idle' | 'connecting' | 'connected' | 'closed';

export class SocketConnection {
  /** Emits `slack_event` for every envelope (see SocketModeReceiver). */
  readonly client: SocketModeClient;
  private state: State = 'idle';
  private sleeping: { timer: NodeJS.Timeout; wake: () => void } | undefined;
  private readonly log: Logger;
  private readonly backoff: { minMs: number; maxMs: number };

  constructor(private readonly options: SocketConnectionOptions) {
    this.log = options.log.child({ component: 'socket-mode' });
    this.backoff = options.backoff ?? { minMs: 1000, maxMs: 30_000 };
    this.client = new SocketModeClient({
      appToken: options.appToken,
      logger: boltLogger(options.log),
      autoReconnectEnabled: false,
      clientPingTimeout: options.pingTimeoutMs ?? 5000,
      clientOptions: {
        ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
        timeout: options.timeoutMs ?? 10_000,
        retryConfig: { retries: 0 }, // the loops below retry
        ...(options.metrics ? { fetch: meteredFetch(options.metrics) } : {}),
      },
    });
    this.client.on('connected', () => {
      if (this.state === 'closed') return;
      this.state = 'connected';
      this.log.info('Socket Mode connected');
    });
    this.client.on('disconnected', () => this.onDisconnected());
  }

  get connected(): boolean {
    return this.state === 'connected';
  }

  /** Connects; resolves once Slack says hello. */
  async open(): Promise<void> {
    this.state = 'connecting';
    const attempts = this.options.startAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.client.start();
        if (this.isClosed()) await this.client.disconnect(); // close() came while the link was opening
        return;
      } catch (error) {
        if (this.isClosed()) throw new Error('stopped before the Socket Mode connection was made', { cause: error });
        const refused = appTokenRefusal(error);
        if (refused) throw refused;
        if (attempt >= attempts) {
          throw new Error(`could not open the Socket Mode connection (${describe(error)}): check SLACK_API_URL and that outgoing WebSockets are allowed`, { cause: error });
        }
        this.log.warn({ attempt, err: error }, 'Socket Mode connection failed; retrying');
        await this.sleep(this.delay(attempt));
      }
    }
  }

  async close(): Promise<void> {
    this.state = 'closed';
    if (this.sleeping) {
      clearTimeout(this.sleeping.timer);
      this.sleeping.wake();
    }
    await this.client.disconnect();
  }

  private onDisconnected(): void {
    // While connecting, the failed start() reports it; after close(), nothing is wanted.
    if (this.state !== 'connected') return;
    this.state = 'connecting';
    this.log.info('Socket Mode connection closed (a refresh or a drop); reconnecting');
    void this.reconnect();
  }

  /** Reopens the link for as long as it takes (readiness says it is down meanwhile). */
  private async reconnect(): Promise<void> {
    for (let attempt = 1; !this.isClosed(); attempt++) {
      try {
        await this.client.start();
        if (this.isClosed()) await this.client.disconnect(); // close() came while the link was opening
        return;
      } catch (error) {
        if (this.isClosed()) return;
        const refused = appTokenRefusal(error);
        if (refused) this.log.error({ slackError: refused.slackError }, refused.message);
        else this.log.warn({ attempt, err: error }, 'Socket Mode reconnection failed; retrying');
        await this.sleep(this.delay(attempt));
      }
    }
  }

  private isClosed(): boolean {
    return this.state === 'closed';
  }

  /** No wait before the first retry (a refresh), then minMs, 2·minMs, … up to maxMs. */
  private delay(attempt: number): number {
    return attempt <= 1 ? 0 : Math.min(this.backoff.maxMs, this.backoff.minMs * 2 ** (attempt - 2));
  }

  private sleep(ms: number): Promise<void> {
    if (ms === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        this.sleeping = undefined;
        resolve();
      };
      this.sleeping = { timer: setTimeout(wake, ms), wake };
    });
  }
}

function describe(error: unknown): string {
  if (error === undefined) return 'the WebSocket closed before hello';
  const { data } = error as { data?: { error?: unknown } };
  if (typeof data?.error === 'string') return data.error;
  return error instanceof Error ? error.message : String(error);
}
