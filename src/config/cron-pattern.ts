/**
 * Cron patterns are checked at start-up by the parser that will run them: BullMQ's own
 * `getNextMillis` (cron-parser underneath), the function its job schedulers call for the next run.
 * A pattern that parser refuses, or that never fires, is named with its variable before anything
 * connects, instead of failing later inside `upsertJobScheduler`.
 */
import { getNextMillis } from 'bullmq';

/** Any fixed instant will do: the question is whether the pattern parses and fires at all. */
const FROM = Date.UTC(2026, 0, 1);

/** Why BullMQ could not run `pattern` in `timezone`, or undefined when it can. */
export function cronProblem(pattern: string, timezone = 'UTC'): string | undefined {
  try {
    const next = getNextMillis(FROM, { pattern, tz: timezone });
    return next === undefined || Number.isNaN(next) ? 'never fires' : undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
