/**
 * StatusIndex on Redis: counts and the first rows of a scope from the sorted sets of
 * ./index-scripts, in two pipelined round trips. Work grows with the rows shown (and, for a
 * client with several channels, with those channels), never with the requests stored.
 */
import type { RedisClient } from './redis-client';
import type { StatusCounts, StatusFilter, StatusIndex, StatusPage, StatusScope } from '../app/status/status-types';
import type { TrackedRequest } from '../domain/request';
import { teamKeys } from './keys';
import { decodeRequest } from './request-codec';

type SetName = 'due' | 'unowned' | 'waiting' | 'etamissed';

export class RedisStatusIndex implements StatusIndex {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  async page(teamId: string, scope: StatusScope, filter: StatusFilter, now: number, offset: number, limit: number): Promise<StatusPage> {
    const k = teamKeys(this.prefix, teamId);
    const scopes = scopeNames(scope);
    const key = (s: string, set: SetName) => k.index(s, set);
    const pipe = this.redis.pipeline();
    for (const s of scopes) {
      pipe.zcard(key(s, 'due'));
      pipe.zcount(key(s, 'due'), '-inf', `(${now}`);
      pipe.zcard(key(s, 'unowned'));
      pipe.zcard(key(s, 'etamissed'));
      pipe.zcard(key(s, 'waiting'));
    }
    // Each scope's first offset+limit candidates; several scopes (a client's channels) are merged.
    const want = offset + limit;
    for (const s of scopes) {
      if (filter === 'overdue') pipe.zrangebyscore(key(s, 'due'), '-inf', `(${now}`, 'WITHSCORES', 'LIMIT', 0, want);
      else pipe.zrange(key(s, filter === 'unowned' ? 'unowned' : 'due'), 0, want - 1, 'WITHSCORES');
    }
    const results = ((await pipe.exec()) ?? []).map(([error, value]) => {
      if (error) throw error;
      return value;
    });
    const counts: StatusCounts = { open: 0, unowned: 0, overdue: 0, etaMissed: 0, waiting: 0 };
    scopes.forEach((_, i) => {
      const [open, overdue, unowned, etaMissed, waiting] = results.slice(i * 5, i * 5 + 5).map(Number) as number[];
      counts.open += open ?? 0;
      counts.overdue += overdue ?? 0;
      counts.unowned += unowned ?? 0;
      counts.etaMissed += etaMissed ?? 0;
      counts.waiting += waiting ?? 0;
    });
    const candidates = results
      .slice(scopes.length * 5)
      .flatMap((value) => pairs(value as string[]))
      .sort((a, b) => a.score - b.score || a.id.localeCompare(b.id))
      .slice(offset, want);

    const rows = await this.load(k, candidates.map((c) => c.id));
    const total = filter === 'overdue' ? counts.overdue : filter === 'unowned' ? counts.unowned : counts.open;
    return { counts, rows, total, offset };
  }

  private async load(k: ReturnType<typeof teamKeys>, ids: string[]): Promise<TrackedRequest[]> {
    if (ids.length === 0) return [];
    const pipe = this.redis.pipeline();
    for (const id of ids) pipe.hgetall(k.request(id));
    const hashes = (await pipe.exec()) ?? [];
    return hashes.flatMap(([error, hash]) => {
      if (error) throw error;
      const request = decodeRequest(hash as Record<string, string>);
      return request ? [request] : [];
    });
  }
}

function scopeNames(scope: StatusScope): string[] {
  switch (scope.kind) {
    case 'all':
      return ['all'];
    case 'channel':
      return [`ch:${scope.channelId}`];
    case 'owner':
      return [`owner:${scope.userId}`];
    case 'client':
      return scope.channelIds.map((id) => `ch:${id}`);
  }
}

function pairs(flat: string[]): Array<{ id: string; score: number }> {
  const out: Array<{ id: string; score: number }> = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push({ id: flat[i] as string, score: Number(flat[i + 1]) });
  return out;
}
