/**
 * [Waiting on client]: the owner says what we need from the client, and the client is told
 * ("To move on, we need from you: …"); update reminders pause, and the wait's own nudges are
 * planned instead (../../domain/client-lines). The client writing in the thread ends the wait:
 * they read that we are back on it and when the next update comes, owed one cadence after
 * their message.
 */
import { nextUpdateDue } from '../../domain/cadence';
import { type TrackedRequest, WAITING_FOR_LENGTH, excerptOf } from '../../domain/request';
import type { Deps } from '../deps';
import { assertInternal } from '../assert-internal';
import type { Intent } from '../ports';
import { applyCommand } from './apply-command';

export async function waitOnClient(deps: Deps, teamId: string, requestId: string, actorId: string, need: string): Promise<TrackedRequest> {
  await assertInternal(deps, teamId, actorId);
  const now = deps.clock.now();
  const waitingFor = excerptOf(need, WAITING_FOR_LENGTH);
  const asked: Intent = { kind: 'waiting_line', teamId, requestId, step: 'asked', since: now };
  const { after } = await applyCommand(deps, teamId, requestId, { type: 'wait_on_client' }, () => ({
    // Telling the client what we need is a client-visible update.
    patch: { waitingSince: now, waitingFor, lastUpdateAt: now },
    event: { type: 'waiting_on_client', at: now, actorId },
    intents: [asked],
  }));
  deps.log.info({ requestId }, 'waiting on client');
  return after;
}

/** The client wrote in the thread while we waited: back to work, reminders resume, and the client hears so. */
export async function clientReplied(deps: Deps, request: TrackedRequest, ts: string, intents: Intent[] = []): Promise<TrackedRequest> {
  const settings = await deps.settings.forChannel(request.teamId, request.channelId);
  const now = deps.clock.now();
  const { after } = await applyCommand(deps, request.teamId, request.id, { type: 'client_replied' }, (before) => {
    const since = before.waitingSince;
    const resumed: Intent[] = since !== undefined ? [{ kind: 'waiting_line', teamId: request.teamId, requestId: request.id, step: 'resumed', since }] : [];
    return {
      patch: { nextUpdateDueAt: nextUpdateDue(now, before.priority, settings), waitingSince: null, waitingFor: null, ...(resumed.length > 0 ? { lastUpdateAt: now } : {}) },
      event: { type: 'client_replied', at: now, actorId: request.clientUserId, data: { ts } },
      intents: [...resumed, ...intents],
    };
  });
  deps.log.info({ requestId: request.id }, 'client replied; reminders resume');
  return after;
}
