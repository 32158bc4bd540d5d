/**
 * The write-ahead of a message the receiving process handles at once (see app/receive-message):
 * its intake job's data, held under the job's id until that process has handled it, or until its
 * time is up and a pump (any instance) queues it as the intake job. A sorted set (id → the time it
 * is due) and a hash (id → data), written and removed in one MULTI each: three commands where a
 * held-back BullMQ job took about thirty (its add, its removal, and the workers' wake-ups for it).
 */
import type { RedisClient } from './redis-client';
import { teamKeys } from './keys';

export interface HeldIntake {
  id: string;
  data: string;
}

export class RedisIntakeHold {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  /** Holds a job's data until `dueAt` (ms). Held again (a retried event), it keeps its first time. */
  async hold(teamId: string, id: string, data: string, dueAt: number): Promise<void> {
    const k = teamKeys(this.prefix, teamId);
    await this.redis.multi().hset(k.intakeHeldData, id, data).zadd(k.intakeHeld, 'NX', Math.round(dueAt), id).exec();
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
    await this.redis.multi().zrem(k.intakeHeld, id).hdel(k.intakeHeldData, id).exec();
  }

  /** Held jobs whose time is up by `now`, oldest first. */
  async due(teamId: string, now: number, limit: number): Promise<HeldIntake[]> {
    const k = teamKeys(this.prefix, teamId);
    const ids = await this.redis.zrangebyscore(k.intakeHeld, '-inf', Math.round(now), 'LIMIT', 0, limit);
    if (ids.length === 0) return [];
    const data = await this.redis.hmget(k.intakeHeldData, ...ids);
    const out: HeldIntake[] = [];
    ids.forEach((id, i) => {
      const held = data[i];
      if (held) out.push({ id, data: held });
    });
    // An id without data (never expected: both are written together) would be due forever.
    const orphans = ids.filter((_, i) => !data[i]);
    if (orphans.length > 0) await this.redis.zrem(k.intakeHeld, ...orphans);
    return out;
  }

  async count(teamId: string): Promise<number> {
    return this.redis.zcard(teamKeys(this.prefix, teamId).intakeHeld);
  }
}
