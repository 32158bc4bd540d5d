/** Outbox: an urgent request out of hours reaches an on-call person at once, by DM with the card's buttons. */
import type { Deps } from '../../app/deps';
import { isClosed } from '../../domain/lifecycle';
import { onCallAlertMessage } from '../blocks/on-call-alert';

export async function alertOnCall(deps: Deps, teamId: string, requestId: string, userId: string): Promise<void> {
  const request = await deps.requests.get(teamId, requestId);
  // Closed meanwhile (dismissed, resolved): nobody needs waking for it.
  if (!request || isClosed(request.state)) return;
  const settings = await deps.settings.forChannel(teamId, request.channelId);
  const message = onCallAlertMessage({ request, language: settings.language, workspaceUrl: deps.host.url, clientLabel: settings.clientName });
  await deps.poster.postOnce({ deliveryKey: `on_call_${teamId}_${requestId}_${userId}`, channel: userId, ...message });
  await deps.requests.update(teamId, requestId, {}, { type: 'on_call_alerted', at: deps.clock.now(), data: { userId } });
  deps.log.info({ requestId, userId }, 'on-call person alerted');
}
