/** Outbox: the closing message with its feedback ask, and :eyes: → :white_check_mark:. */
import type { Deps } from '../../app/deps';
import { EYES, RESOLVED } from '../../app/reactions';
import { closingMessage } from '../blocks/client-updates';
import { threadOf } from '../../domain/request';
import type { ClientPost } from './client-post';
import { movingOn } from './living-ack';

/** Outbox: the closing message, its link for feedback, and :eyes: → :white_check_mark:. */
export async function deliverClosing(deps: Deps, teamId: string, requestId: string, resolvedAt: number, summary?: string, thanks?: string): Promise<ClientPost | undefined> {
  const request = await deps.requests.get(teamId, requestId);
  // Reopened (or resolved again) since: this closing is no longer true.
  if (!request || request.state !== 'resolved' || request.resolvedAt !== resolvedAt) return undefined;
  const settings = await deps.settings.forChannel(teamId, request.channelId);
  const message = closingMessage(summary, settings.language, thanks);
  await movingOn(deps, request);
  const ts = await deps.poster.postOnce({
    deliveryKey: `closing_${teamId}_${requestId}_${resolvedAt}`,
    channel: request.channelId,
    threadTs: threadOf(request),
    ...message,
  });
  if (request.closingTs !== ts) {
    await deps.requests.linkMessage(teamId, request.channelId, ts, requestId);
    const now = deps.clock.now();
    await deps.requests.update(teamId, requestId, { closingTs: ts, lastUpdateAt: now }, { type: 'closing_posted', at: now, data: { ts } });
  }
  await deps.poster.removeReaction(request.channelId, request.ts, EYES);
  await deps.poster.addReaction(request.channelId, request.ts, RESOLVED);
  return { kind: 'closing' };
}
