/**
 * [Waiting on client] pauses reminders; the client writing in the thread ends the wait, and the
 * next update is then owed one cadence after their message.
 */
import { nextUpdateDue } from '../../domain/cadence';
import type { TrackedRequest } from '../../domain/request';
import type { Deps } from '../deps';
import { assertInternal } from '../assert-internal';
import type { Intent } from '../ports';
import { applyCommand } from './apply-command';

export async function waitOnClient(deps: Deps, teamId: string, requestId: string, actorId: string): Promise<TrackedRequest> {
  await assertInternal(deps, teamId, actorId);
  const now = deps.clock.now();
  const { after } = await applyCommand(deps, teamId, requestId, { type: 'wait_on_client' }, () => ({
    event: { type: 'waiting_on_client', at: now, actorId },
  }));
  deps.log.info({ requestId }, 'waiting on client');
  return after;
}

/** The client wrote in the thread while we waited: back to work, reminders resume. */
export async function clientReplied(deps: Deps, request: TrackedRequest, ts: string, intents: Intent[] = []): Promise<TrackedRequest> {
  const settings = await deps.settings.forChannel(request.teamId, request.channelId);
  const now = deps.clock.now();
  const { after } = await applyCommand(deps, request.teamId, request.id, { type: 'client_replied' }, (before) => ({
    patch: { nextUpdateDueAt: nextUpdateDue(now, before.priority, settings) },
    event: { type: 'client_replied', at: now, actorId: request.clientUserId, data: { ts } },
    intents,
  }));
  deps.log.info({ requestId: request.id }, 'client replied; reminders resume');
  return after;
}
