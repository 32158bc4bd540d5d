/** Outbox: post the acknowledgement in the client's thread (exactly once) and add :eyes:. */
import { nextBusinessOpening, isBusinessTime } from '../domain/business-time';
import { acknowledgementMessage } from '../slack/blocks/acknowledgement';
import type { Deps } from './deps';

export const EYES = 'eyes';

export async function deliverAcknowledgement(deps: Deps, teamId: string, requestId: string): Promise<void> {
  const request = await deps.requests.get(teamId, requestId);
  if (!request || request.ackTs || request.state === 'dismissed') return;
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
  const updated = await deps.requests.update(
    teamId,
    requestId,
    { ackTs: ts, lastUpdateAt: now },
    { type: 'acknowledged', at: now, data: { ts, latencyMs: now - request.createdAt } },
  );
  deps.log.info({ requestId, channel: request.channelId, latencyMs: now - request.createdAt }, 'acknowledged');
  await deps.poster.addReaction(request.channelId, request.ts, EYES);
  // Dismissed while we were posting: take the acknowledgement back.
  if (updated?.state === 'dismissed') await deps.outbox.add({ kind: 'retract', teamId, requestId });
}
