/**
 * `/status replay`: once the cause is fixed (the bot invited back, a message shortened, the token
 * renewed), everything that failed for good is delivered again. What fails again comes back as a
 * dead letter and its people are told again.
 */
import type { IntakeJob, OutboxJob } from '../jobs/job-schemas';
import type { Deps } from './deps';
import type { DeadLetter } from './ports';
import { relay } from './relay';
import { assertInternal } from './assert-internal';

export async function replayDeadLetters(deps: Deps, teamId: string, actorId: string): Promise<number> {
  await assertInternal(deps, teamId, actorId);
  const letters = await deps.deadLetters.list(teamId);
  await replayLetters(deps, teamId, letters, actorId);
  deps.log.info({ count: letters.length, actorId }, 'dead letters replayed');
  return letters.length;
}

/** Queues the letters again, forgets them, and clears what their requests showed as undelivered. */
export async function replayLetters(deps: Deps, teamId: string, letters: DeadLetter[], actorId?: string): Promise<void> {
  const now = deps.clock.now();
  for (const letter of letters) {
    if (letter.job.queue === 'outbox') await deps.outbox.replay(letter.job.data as OutboxJob);
    else await deps.intake.replay(letter.job.data as IntakeJob);
  }
  await deps.deadLetters.remove(teamId, letters.map((l) => l.id));
  const requestIds = [...new Set(letters.map((l) => l.requestId).filter((id): id is string => Boolean(id)))];
  for (const requestId of requestIds) {
    const updated = await deps.requests.update(
      teamId,
      requestId,
      { undelivered: null },
      { type: 'delivery_replayed', at: now, ...(actorId ? { actorId } : {}) },
      undefined,
      { relay: true },
    );
    if (updated) await relay(deps, teamId, requestId);
  }
}
