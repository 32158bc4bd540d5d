/**
 * A timer job: what it is about is its id, `<kind>_<team>_<request>_<due time>` (timerJobId),
 * and its data holds only what the id does not, the time it was planned to fire: `{"f": ms}`.
 * Short on purpose: Redis keeps a hash whose values are all at most `hash-max-listpack-value`
 * (64 bytes by default) in its compact encoding, about a third of the size of a hash table, and a
 * timer job's hash is one per open request (see ./timer-queue).
 *
 * Jobs queued before (up to 2026-11) carry the whole timer as their data (kind, teamId, requestId,
 * dueAt, fireAt); `timerOfJob` reads both.
 */
import { z } from 'zod';
import { REMINDER_KINDS, type ReminderKind } from '../domain/reminders';

const kind = z.enum(REMINDER_KINDS as [ReminderKind, ...ReminderKind[]]);

/** A timer as the worker handles it. */
export const timerJobSchema = z.object({
  kind,
  teamId: z.string().min(1),
  requestId: z.string().min(1),
  dueAt: z.number(),
  /** When it was planned to fire (a late one joins a backlog summary, see domain/backlog). */
  fireAt: z.number().optional(),
});
export type TimerJob = z.infer<typeof timerJobSchema>;

/** What a timer job stores as its data. */
export const storedTimerSchema = z.object({ f: z.number() });
export type StoredTimer = z.infer<typeof storedTimerSchema>;

export function timerJobId(job: Pick<TimerJob, 'kind' | 'teamId' | 'requestId' | 'dueAt'>): string {
  return `${job.kind}_${job.teamId}_${job.requestId}_${job.dueAt}`;
}

/** Team ids are `T…` (or an Enterprise Grid's `E…`); request ids as domain/request's REQUEST_ID. */
const TIMER_JOB_ID = new RegExp(`^(${REMINDER_KINDS.join('|')})_([TE][A-Z0-9]+)_(R(?:[0-9a-f]{11,12}-\\d{1,15}|\\d{1,15}))_(\\d+)$`);

/** The timer a job id names, or undefined when it names none. */
export function timerOfJobId(id: string | undefined): Omit<TimerJob, 'fireAt'> | undefined {
  const match = TIMER_JOB_ID.exec(id ?? '');
  if (!match) return undefined;
  return { kind: match[1] as ReminderKind, teamId: match[2] as string, requestId: match[3] as string, dueAt: Number(match[4]) };
}

/** The timer a job carries, in either shape; undefined for any other job (the digest) or a malformed one. */
export function timerOfJob(job: { id?: string | undefined; data: unknown }): TimerJob | undefined {
  const whole = timerJobSchema.safeParse(job.data);
  if (whole.success) return whole.data;
  const stored = storedTimerSchema.safeParse(job.data);
  const timer = timerOfJobId(job.id);
  return stored.success && timer ? { ...timer, fireAt: stored.data.f } : undefined;
}
