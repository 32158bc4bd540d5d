/**
 * Outbox: post the acknowledgement in the client's thread (exactly once) and add :eyes:.
 * Every step is safe to repeat, so a retry after any failure finishes what is missing; a
 * dismissal that raced with the post is honoured by taking the acknowledgement back.
 */
import type { Deps } from '../../app/deps';
import { EYES } from '../../app/reactions';
import { isBusinessTime, nextBusinessOpening } from '../../domain/business-time';
import { acknowledgementMessage } from '../blocks/acknowledgement';
import { retractAcknowledgement } from './retraction';

export async function deliverAcknowledgement(deps: Deps, teamId: string, requestId: string): Promise<void> {
  const request = await deps.requests.get(teamId, requestId);
  if (!request || (request.state === 'dismissed' && !request.ackTs)) return;

  if (!request.ackTs) {
    const settings = await deps.settings.forChannel(teamId, request.channelId);
    const now = deps.clock.now();
    const hours = settings.businessHours;
    const backAt = isBusinessTime(now, hours) ? undefined : nextBusinessOpening(now, hours);
    const message = acknowledgementMessage({ request, settings, now, ...(backAt === undefined ? {} : { backAt }) });
    const ts = await deps.poster.postOnce({
      deliveryKey: `ack_${teamId}_${requestId}`,
      channel: request.channelId,
      threadTs: request.ts,
      ...message,
    });
    await deps.requests.update(
      teamId,
      requestId,
      { ackTs: ts, lastUpdateAt: now },
      { type: 'acknowledged', at: now, data: { ts, latencyMs: now - request.createdAt } },
    );
    deps.log.info({ requestId, channel: request.channelId, latencyMs: now - request.createdAt }, 'acknowledged');
  }

  if (await dismissedMeanwhile(deps, teamId, requestId)) return;
  await deps.poster.addReaction(request.channelId, request.ts, EYES);
  // A dismissal between the check and the reaction may have retracted before :eyes: landed.
  await dismissedMeanwhile(deps, teamId, requestId);
}

async function dismissedMeanwhile(deps: Deps, teamId: string, requestId: string): Promise<boolean> {
  const current = await deps.requests.get(teamId, requestId);
  if (current?.state !== 'dismissed') return false;
  await retractAcknowledgement(deps, teamId, requestId);
  return true;
}
