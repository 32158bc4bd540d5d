/**
 * The write-ahead of a message the receiving process handles at once (see app/receive-message):
 * its intake job's data, held under the job's id until that process has handled it, or until its
 * time is up and a pump (any instance) queues it as the intake job. A sorted set (id → the time it
 * is due) and a hash (id → data), written and removed in one script call each (one step, and,
 * unlike a MULTI, auto-pipelined with whatever else is sent in the same turn of the event loop):
 * four commands where a held-back BullMQ job took about thirty (its add, its removal, and the
 * workers' wake-ups for it).
 */
import type { Result } from 'ioredis';
import type { RedisClient } from './redis-client';
import { teamKeys } from './keys';
import { defineScript } from './script-command';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    kuittausHeldDue(...args: Array<string | number>): Result<string[], Context>;
    kuittausHoldIntake(...args: Array<string | number>): Result<number, Context>;
    kuittausLetGoIntake(...args: Array<string | number>): Result<number, Context>;
  }
}

/**
 * KEYS: the sorted set, the hash. ARGV: now, limit. The due entries as id, data, id, data, … in
 * one step, so that an entry held again meanwhile is never taken for one without data. An id
 * without data (never written so: both are written together) is removed, or it would be due forever.
 */
const HELD_DUE = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
local out = {}
for _, id in ipairs(ids) do
  local data = redis.call('HGET', KEYS[2], id)
  if data then
    out[#out + 1] = id
    out[#out + 1] = data
  else
    redis.call('ZREM', KEYS[1], id)
  end
end
return out
`;

/** KEYS: the sorted set, the hash. ARGV: id, data, due time (ms). Held again, it keeps its first time. */
const HOLD = `
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
return redis.call('ZADD', KEYS[1], 'NX', tonumber(ARGV[3]), ARGV[1])
`;

/** KEYS: the sorted set, the hash. ARGV: id. */
const LET_GO = `
redis.call('ZREM', KEYS[1], ARGV[1])
return redis.call('HDEL', KEYS[2], ARGV[1])
`;

export interface HeldIntake {
  id: string;
  data: string;
}

export class RedisIntakeHold {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {
    defineScript(redis, 'kuittausHeldDue', { numberOfKeys: 2, lua: HELD_DUE });
    defineScript(redis, 'kuittausHoldIntake', { numberOfKeys: 2, lua: HOLD });
    defineScript(redis, 'kuittausLetGoIntake', { numberOfKeys: 2, lua: LET_GO });
  }

  /** Holds a job's data until `dueAt` (ms). Held again (a retried event), it keeps its first time. */
  async hold(teamId: string, id: string, data: string, dueAt: number): Promise<void> {
    const k = teamKeys(this.prefix, teamId);
    await this.redis.kuittausHoldIntake(k.intakeHeld, k.intakeHeldData, id, data, Math.round(dueAt));
  }

  /** The job's data while it is held. */
  async data(teamId: string, id: string): Promise<string | undefined> {
    return (await this.redis.hget(teamKeys(this.prefix, teamId).intakeHeldData, id)) ?? undefined;
  }

  async isHeld(teamId: string, id: string): Promise<boolean> {
    return (await this.redis.zscore(teamKeys(this.prefix, teamId).intakeHeld, id)) !== null;
  }

  /** Lets go of a held job (handled, or queued as a job). */
  async drop(teamId: string, id: string): Promise<void> {
    const k = teamKeys(this.prefix, teamId);
    await this.redis.kuittausLetGoIntake(k.intakeHeld, k.intakeHeldData, id);
  }

  /** Held jobs whose time is up by `now`, oldest first. */
  async due(teamId: string, now: number, limit: number): Promise<HeldIntake[]> {
    const k = teamKeys(this.prefix, teamId);
    const flat = await this.redis.kuittausHeldDue(k.intakeHeld, k.intakeHeldData, Math.round(now), limit);
    const out: HeldIntake[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) out.push({ id: flat[i] as string, data: flat[i + 1] as string });
    return out;
  }

  async count(teamId: string): Promise<number> {
    return this.redis.zcard(teamKeys(this.prefix, teamId).intakeHeld);
  }
}
