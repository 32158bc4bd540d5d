/** RequestStore in memory, for unit tests of use cases. Passes the same contract as Redis's. */
import type { CreateOutcome, Guard, NewRequest, RequestPatch, RequestStore } from '../../src/app/ports';
import type { RequestEvent, TrackedRequest } from '../../src/domain/request';
import { bumpsRevision } from '../../src/store/redis-request-store';

export class InMemoryRequestStore implements RequestStore {
  private seq = 0;
  private readonly requests = new Map<string, TrackedRequest>();
  private readonly logs = new Map<string, RequestEvent[]>();
  private readonly messages = new Map<string, string>();
  private readonly last = new Map<string, { id: string; at: number; expires: number }>();

  async createOrJoin(input: NewRequest, windowMs: number): Promise<CreateOutcome> {
    const key = (id: string) => `${input.teamId}/${id}`;
    const msgKey = `${input.teamId}/${input.channelId}/${input.ts}`;
    const existing = this.messages.get(msgKey);
    if (existing) return { outcome: 'duplicate', requestId: existing };
    const lastKey = `${input.teamId}/${input.channelId}/${input.clientUserId}`;
    const last = this.last.get(lastKey);
    if (windowMs > 0 && last) {
      const delta = input.createdAt - last.at;
      const request = this.requests.get(key(last.id));
      if (request && Math.abs(delta) <= windowMs && !['resolved', 'dismissed'].includes(request.state)) {
        this.messages.set(msgKey, last.id);
        request.joinedTs.push(input.ts);
        request.revision += 1;
        this.logs.get(key(last.id))?.push({ type: 'joined', at: input.createdAt, data: { ts: input.ts } });
        if (delta > 0) this.last.set(lastKey, { id: last.id, at: input.createdAt, expires: input.createdAt + windowMs });
        return { outcome: 'joined', request: structuredClone(request) };
      }
    }
    const id = `R${String(++this.seq).padStart(8, '0')}`;
    const { actorId, timer: _timer, ackSlot: _ackSlot, ...rest } = input;
    const request: TrackedRequest = { ...rest, id, joinedTs: [], state: 'open', revision: 0, updateCount: 0 };
    this.requests.set(key(id), request);
    this.messages.set(msgKey, id);
    if (windowMs > 0) this.last.set(lastKey, { id, at: input.createdAt, expires: input.createdAt + windowMs });
    this.logs.set(key(id), [
      { type: 'created', at: input.createdAt, ...(actorId ? { actorId } : {}), data: { trigger: input.trigger, priority: input.priority } },
    ]);
    return { outcome: 'created', request: structuredClone(request) };
  }

  async get(teamId: string, id: string) {
    const r = this.requests.get(`${teamId}/${id}`);
    return r ? structuredClone(r) : undefined;
  }

  async findByMessage(teamId: string, channelId: string, ts: string) {
    return this.messages.get(`${teamId}/${channelId}/${ts}`);
  }

  async update(teamId: string, id: string, patch: RequestPatch, event: RequestEvent, guard?: Guard) {
    const r = this.requests.get(`${teamId}/${id}`);
    const { states, updateCount, nextUpdateDueAt } = Array.isArray(guard) ? { states: guard } : (guard ?? {});
    if (!r || (states && states.length > 0 && !states.includes(r.state))) return undefined;
    if (updateCount !== undefined && r.updateCount !== updateCount) return undefined;
    if (nextUpdateDueAt !== undefined && r.nextUpdateDueAt !== nextUpdateDueAt) return undefined;
    const { countUpdate, ...fields } = patch;
    const record = r as unknown as Record<string, unknown>;
    for (const [k, v] of Object.entries(fields)) {
      if (v === null) delete record[k];
      else if (v !== undefined) record[k] = v;
    }
    if (countUpdate) r.updateCount += 1;
    if (bumpsRevision(patch)) r.revision += 1;
    this.logs.get(`${teamId}/${id}`)?.push(event);
    return structuredClone(r);
  }

  async record(teamId: string, id: string, patch: RequestPatch, event: RequestEvent, guard?: Guard) {
    return (await this.update(teamId, id, patch, event, guard)) !== undefined;
  }

  async moveChannel(teamId: string, from: string, to: string, at: number) {
    const moved: string[] = [];
    for (const [key, id] of [...this.messages]) {
      const prefix = `${teamId}/${from}/`;
      if (!key.startsWith(prefix)) continue;
      this.messages.delete(key);
      this.messages.set(`${teamId}/${to}/${key.slice(prefix.length)}`, id);
      const r = this.requests.get(`${teamId}/${id}`);
      if (r && r.channelId === from) {
        r.channelId = to;
        r.revision += 1;
        this.logs.get(`${teamId}/${id}`)?.push({ type: 'channel_moved', at, data: { from, to } });
        moved.push(id);
      }
    }
    return moved;
  }

  async liveIds(teamId: string) {
    return [...this.requests.values()].filter((r) => r.teamId === teamId && !['resolved', 'dismissed'].includes(r.state)).map((r) => r.id);
  }

  async liveIn(teamId: string, channelId: string) {
    return [...this.requests.values()]
      .filter((r) => r.teamId === teamId && r.channelId === channelId && !['resolved', 'dismissed'].includes(r.state))
      .map((r) => r.id);
  }

  async linkMessage(teamId: string, channelId: string, ts: string, id: string) {
    const key = `${teamId}/${channelId}/${ts}`;
    if (!this.messages.has(key)) this.messages.set(key, id);
  }

  async events(teamId: string, id: string) {
    return structuredClone(this.logs.get(`${teamId}/${id}`) ?? []);
  }
}
