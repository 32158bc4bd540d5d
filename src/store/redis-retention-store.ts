/**
 * RetentionStore on Redis: the closed index, the channels' own retentions, and the purge of one
 * request by ./purge-script. Reads go in pipelined batches, so a run's work grows with the
 * requests it purges (and, for one client's data, with the requests stored), never beyond.
 */
import type { Result } from 'ioredis';
import { type RedisClient, scanKeys } from './redis-client';
import type { DataSubject, RemoveOutcome, RequestRecord, RetentionStore, Traces } from '../app/retention/ports';
import type { RequestHistory } from '../domain/metrics';
import type { RequestEvent } from '../domain/request';
import { bullPrefix, teamKeys } from './keys';
import { decodeRequest } from './request-codec';
import { PURGE_REQUEST } from './purge-script';
import { QueueName } from '../jobs/queues';
import { defineScript } from './script-command';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    kuittausPurgeRequest(numberOfKeys: number, ...args: Array<string | number>): Result<number, Context>;
  }
}

const BATCH = 500;
/** A request id inside a key or a delivery key: `…_R6a2f1c403e7-42_…`, `…:R6a2f1c403e7-42:…`. */
const REQUEST_ID_IN = /(?:^|[_:])(R(?:[0-9a-f]{11,12}-\d{1,15}|\d{1,15}))(?=$|[_:])/;
const OUTCOMES: Record<number, RemoveOutcome> = { 1: 'removed', 0: 'gone', [-1]: 'live', [-2]: 'changed' };

export class RedisRetentionStore implements RetentionStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {
    defineScript(redis, 'kuittausPurgeRequest', { lua: PURGE_REQUEST });
  }

  async fillClosedIndex(teamId: string): Promise<number> {
    const k = teamKeys(this.prefix, teamId);
    if (await this.redis.exists(k.closedIndexFilled)) return 0;
    let added = 0;
    for (let start = 0; ; start += BATCH) {
      const ids = await this.redis.zrange(k.createdIndex, start, start + BATCH - 1);
      if (ids.length === 0) break;
      const pipe = this.redis.pipeline();
      for (const id of ids) pipe.hmget(k.request(id), 'state', 'resolvedAt');
      const states = ((await pipe.exec()) ?? []).map(([, v]) => v as [string | null, string | null]);
      for (const [i, id] of ids.entries()) {
        const [state, resolvedAt] = states[i] ?? [null, null];
        let at: number | undefined;
        if (state === 'resolved') at = Number(resolvedAt ?? 0);
        if (state === 'dismissed') {
          const log = (await this.redis.lrange(k.requestLog(id), 0, -1)).map((line) => JSON.parse(line) as RequestEvent);
          at = log.findLast((e) => e.type === 'dismissed')?.at ?? 0;
        }
        if (at !== undefined) added += await this.redis.zadd(k.closedIndex, 'NX', at, id);
      }
    }
    await this.redis.set(k.closedIndexFilled, '1');
    return added;
  }

  async closedBefore(teamId: string, cutoff: number, offset: number, limit: number): Promise<string[]> {
    return this.redis.zrangebyscore(teamKeys(this.prefix, teamId).closedIndex, '-inf', `(${cutoff}`, 'LIMIT', offset, limit);
  }

  async channelRetentions(teamId: string): Promise<number[]> {
    return (await this.redis.hvals(teamKeys(this.prefix, teamId).retentionOverrides)).map(Number).filter((d) => Number.isFinite(d) && d > 0);
  }

  async read(teamId: string, requestId: string): Promise<RequestRecord | undefined> {
    const k = teamKeys(this.prefix, teamId);
    const [[, hash], [, log]] = (await this.redis.multi().hgetall(k.request(requestId)).lrange(k.requestLog(requestId), 0, -1).exec()) as [
      [unknown, Record<string, string>],
      [unknown, string[]],
    ];
    const request = decodeRequest(hash);
    return request ? { request, events: log.map((line) => JSON.parse(line) as RequestEvent) } : undefined;
  }

  async idsOf(teamId: string, subject: DataSubject): Promise<string[]> {
    const k = teamKeys(this.prefix, teamId);
    const [field, value] = 'channelId' in subject ? ['channelId', subject.channelId] : ['clientUserId', subject.userId];
    const out: string[] = [];
    for (let start = 0; ; start += BATCH) {
      const ids = await this.redis.zrange(k.createdIndex, start, start + BATCH - 1);
      if (ids.length === 0) break;
      const pipe = this.redis.pipeline();
      for (const id of ids) pipe.hget(k.request(id), field);
      const values = ((await pipe.exec()) ?? []).map(([, v]) => v);
      ids.forEach((id, i) => {
        if (values[i] === value) out.push(id);
      });
    }
    return out;
  }

  async traces(teamId: string): Promise<Map<string, Traces>> {
    const k = teamKeys(this.prefix, teamId);
    const byRequest = new Map<string, Traces>();
    const of = (id: string) => byRequest.get(id) ?? (byRequest.set(id, { keys: [], outboxJobIds: [] }).get(id) as Traces);
    const outbox = `${bullPrefix(this.prefix)}:${QueueName.Outbox}:`;
    for (const start of [k.click(''), k.sendAttempt(''), outbox]) {
      for await (const keys of scanKeys(this.redis, `${glob(start)}*`)) {
        for (const key of keys) {
          const rest = key.slice(start.length);
          if (start !== outbox) {
            const id = REQUEST_ID_IN.exec(rest)?.[1];
            if (id) of(id).keys.push(key);
            continue;
          }
          // A job's own keys are `<jobId>` and `<jobId>:<part>`; the queue's keys name no request.
          const jobId = rest.split(':')[0] as string;
          const id = REQUEST_ID_IN.exec(jobId)?.[1];
          if (id && !of(id).outboxJobIds.includes(jobId)) of(id).outboxJobIds.push(jobId);
        }
      }
    }
    return byRequest;
  }

  async remove(teamId: string, record: RequestRecord, anonymous: RequestHistory, options: { onlyClosed: boolean; keys: string[] }): Promise<RemoveOutcome> {
    const k = teamKeys(this.prefix, teamId);
    const id = record.request.id;
    const keys = [k.request(id), k.requestLog(id), k.requestIntents(id), k.requestLineDone(id), k.requestTimers(id), ...options.keys];
    const result = await this.redis.kuittausPurgeRequest(
      keys.length,
      ...keys,
      id,
      options.onlyClosed ? '1' : '0',
      String(record.request.revision),
      record.events.length,
      JSON.stringify(anonymous),
      anonymous.request.createdAt,
      anonymous.request.resolvedAt ?? '',
    );
    return OUTCOMES[result] ?? 'changed';
  }

  async removeStray(teamId: string, requestId: string, extra: string[]): Promise<void> {
    const k = teamKeys(this.prefix, teamId);
    const keys = [k.request(requestId), k.requestLog(requestId), k.requestIntents(requestId), k.requestLineDone(requestId), k.requestTimers(requestId), ...extra];
    // On a missing hash the script only clears; on a present one it refuses (a live request).
    await this.redis.kuittausPurgeRequest(keys.length, ...keys, requestId, '1', 'stray', 0, '', 0, '');
  }

  async forgetUser(teamId: string, userId: string): Promise<void> {
    await this.redis.del(teamKeys(this.prefix, teamId).user(userId));
  }
}

const glob = (s: string) => s.replace(/[*?[\]\\]/g, '\\$&');
