/** Outbox: delete our acknowledgement and remove :eyes: from the client's message (dismissed). */
import type { Deps } from '../../app/deps';
import { EYES } from '../../app/reactions';

/** Outbox: delete our acknowledgement and remove :eyes: from the client's message. */
export async function retractAcknowledgement(deps: Deps, teamId: string, requestId: string): Promise<void> {
  const request = await deps.requests.get(teamId, requestId);
  if (!request || request.state !== 'dismissed') return;
  if (request.ackTs) await deps.poster.delete(request.channelId, request.ackTs);
  await deps.poster.removeReaction(request.channelId, request.ts, EYES);
}
