/**
 * The requests of a time window with their event logs, for reports: those created or resolved in
 * it (from idx:created and idx:resolved), read in pipelined batches; and the purged ones of the
 * window, as the anonymous histories they left in the archive.
 */
import type { RedisClient } from './redis-client';
import type { HistoryReader } from '../app/ports';
import type { RequestHistory } from '../domain/metrics';
import type { RequestEvent } from '../domain/request';
import { teamKeys } from './keys';
import { decodeRequest } from './request-codec';

const BATCH = 500;

export class RedisHistoryReader implements HistoryReader {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  async between(teamId: string, from: number, to: number): Promise<RequestHistory[]> {
    const k = teamKeys(this.prefix, teamId);
    const [created, resolved] = await Promise.all([
      this.redis.zrangebyscore(k.createdIndex, from, `(${to}`),
      this.redis.zrangebyscore(k.resolvedIndex, from, `(${to}`),
    ]);
    const ids = [...new Set([...created, ...resolved])];
    const out: RequestHistory[] = [];
    for (let i = 0; i < ids.length; i += BATCH) {
      const pipe = this.redis.pipeline();
      const batch = ids.slice(i, i + BATCH);
      for (const id of batch) pipe.hgetall(k.request(id)).lrange(k.requestLog(id), 0, -1);
      const results = (await pipe.exec()) ?? [];
      batch.forEach((_, j) => {
        const request = decodeRequest((results[2 * j]?.[1] ?? {}) as Record<string, string>);
        const log = (results[2 * j + 1]?.[1] ?? []) as string[];
        if (request) out.push({ request, events: log.map((line) => JSON.parse(line) as RequestEvent) });
      });
    }
    return [...out, ...(await this.archived(k, from, to))];
  }

  /** Purged requests of the window, as the anonymous histories they left (see domain/retention). */
  private async archived(k: ReturnType<typeof teamKeys>, from: number, to: number): Promise<RequestHistory[]> {
    const [created, resolved] = await Promise.all([
      this.redis.zrangebyscore(k.archiveCreated, from, `(${to}`),
      this.redis.zrangebyscore(k.archiveResolved, from, `(${to}`),
    ]);
    const ids = [...new Set([...created, ...resolved])];
    const out: RequestHistory[] = [];
    for (let i = 0; i < ids.length; i += BATCH) {
      const values = await this.redis.hmget(k.archive, ...ids.slice(i, i + BATCH));
      for (const raw of values) if (raw) out.push(JSON.parse(raw) as RequestHistory);
    }
    return out;
  }
}
