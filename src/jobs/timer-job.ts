/**
 * A timer job, queued when the timer is due (see ./timer-queue): what it is about, with a
 * deterministic id `<kind>_<team>_<request>_<due time>` (timerJobId), so that queuing it twice
 * queues it once.
 */
import { z } from 'zod';
import { REMINDER_KINDS, type ReminderKind } from '../domain/reminders';

/** A timer as its job carries it. */
export const timerJobSchema = z.object({
  kind: z.enum(REMINDER_KINDS as [ReminderKind, ...ReminderKind[]]),
  teamId: z.string().min(1),
  requestId: z.string().min(1),
  dueAt: z.number(),
  /** When it was planned to fire (a late one joins a backlog summary, see domain/backlog). */
  fireAt: z.number().optional(),
});
export type TimerJob = z.infer<typeof timerJobSchema>;

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
