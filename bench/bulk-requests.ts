/**
 * Open requests created the way the app creates them: the real store scripts (hash, log, message
 * index, status indexes), the real TimerQueue `plan` (the request's pending timer job) and the
 * relay's settling of the change (as the app's relay does once it has planned), with the settings
 * defaults from loadConfig.
 */
import { Cluster, Redis } from 'ioredis';
import type { NewRequest } from '../src/app/ports';
import { loadConfig } from '../src/config';
import type { TrackedRequest } from '../src/domain/request';
import { TimerQueue } from '../src/jobs/timer-queue';
import { RedisRelayLedger } from '../src/store/redis-relay-ledger';
import { RedisRequestStore } from '../src/store/redis-request-store';
import type { RedisClient } from '../src/store/redis-client';

export const TEAM = 'T0HOST';
export const DEFAULTS = loadConfig({
  SLACK_BOT_TOKEN: 'xoxb-test',
  SLACK_SIGNING_SECRET: 's',
  REDIS_URL: 'redis://localhost:6379',
  WORKING_DAYS: 'mon-sun',
  BUSINESS_HOURS: '00:00-24:00',
}).defaults;

export interface BulkShape {
  channel(i: number): string;
  /** Owner of request i, or undefined to leave it unowned. */
  owner(i: number): string | undefined;
  createdAt(i: number): number;
  nextUpdateDueAt(i: number): number;
  /** The client's excerpt of request i (default: a 75-character one). */
  excerpt?(i: number): string;
}

export class BulkRequests {
  readonly redis: RedisClient;
  readonly store: RedisRequestStore;
  readonly timers: TimerQueue;
  private readonly ledger: RedisRelayLedger;

  /** On one Redis (its URL), or on a Redis Cluster (its nodes). */
  constructor(redisUrl: string | Array<{ host: string; port: number }>, prefix: string) {
    this.redis =
      typeof redisUrl === 'string'
        ? new Redis(redisUrl, { maxRetriesPerRequest: null, enableAutoPipelining: true })
        : new Cluster(redisUrl, { enableAutoPipelining: true, redisOptions: { maxRetriesPerRequest: null } });
    this.store = new RedisRequestStore(this.redis, prefix);
    this.timers = new TimerQueue(this.redis, prefix, { now: () => Date.now(), msUntil: (at) => at - Date.now() });
    this.ledger = new RedisRelayLedger(this.redis, prefix);
  }

  async create(from: number, to: number, shape: BulkShape, batch = 1000): Promise<void> {
    for (let start = from; start < to; start += batch) {
      const work: Promise<void>[] = [];
      for (let i = start; i < Math.min(to, start + batch); i++) work.push(this.createOne(i, shape));
      await Promise.all(work);
    }
  }

  private async createOne(i: number, shape: BulkShape): Promise<void> {
    const input: NewRequest = {
      teamId: TEAM,
      channelId: shape.channel(i),
      ts: `${1_790_000_000 + i}.000100`,
      clientUserId: `UC${i}`,
      clientName: 'Maria',
      excerpt: shape.excerpt?.(i) ?? 'Our export job fails with error 500 and the nightly report is missing again',
      priority: i % 7 === 0 ? 'urgent' : 'normal',
      trigger: 'auto',
      createdAt: shape.createdAt(i),
      nextUpdateDueAt: shape.nextUpdateDueAt(i),
    };
    const result = await this.store.createOrJoin(input, 0);
    if (result.outcome !== 'created') throw new Error(`request ${i} not created (${result.outcome})`);
    let request: TrackedRequest | undefined = result.request;
    const owner = shape.owner(i);
    if (owner) {
      request = await this.store.update(TEAM, request.id, { state: 'in_progress', ownerId: owner }, { type: 'claimed', at: input.createdAt });
      if (!request) throw new Error(`request ${i} not claimed`);
    }
    await this.timers.plan(request, DEFAULTS);
    await this.ledger.settle(TEAM, request.id, await this.ledger.pending(TEAM, request.id));
  }

  async close(): Promise<void> {
    await this.timers.close();
    this.redis.disconnect();
  }
}
