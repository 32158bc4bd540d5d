/** The Web API clients: one for reads (retries a little), one for the outbox (never retries itself). */
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Logger } from 'pino';
import { boltLogger } from '../infra/bolt-logger';
import type { SlackCallMetrics } from '../infra/metrics';
import { Agent } from 'undici';
import { meteredFetch } from './metered-fetch';
import { pooledFetch } from './pooled-fetch';

export function createWebClients(token: string, apiUrl: string | undefined, log: Logger, timeoutMs = 10_000, metrics?: SlackCallMetrics) {
  // One keep-alive pool for every client of the process (Bolt's own included).
  const pool = new Agent({ keepAliveTimeout: 30_000 });
  // The transport keeps each call's timeout (see pooledFetch): the clients' own stays 0.
  const transport = pooledFetch(pool, globalThis.fetch, timeoutMs);
  const base: WebClientOptions = {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    logger: boltLogger(log),
    timeout: 0,
    fetch: metrics ? meteredFetch(metrics, transport) : transport,
  };
  return {
    /** Reads in the request path (users.info, conversations.info): a couple of quick retries. */
    reads: new WebClient(token, { ...base, retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1000 } }),
    /** The outbox: BullMQ owns retries and Retry-After, so the client must not sleep or retry. */
    outbox: new WebClient(token, { ...base, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true }),
    /** Catch-up's history reads: a 429 ends the round (Retry-After is respected by the next one). */
    history: new WebClient(token, { ...base, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true }),
    /** Options for Bolt's own client (ephemeral replies). */
    boltOptions: base,
    /** Closes the pool's idle connections (at shutdown, after the last call). */
    close: () => pool.close(),
  };
}
