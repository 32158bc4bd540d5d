/**
 * Outbox: tell the owner that the client wrote in the thread (with the reminder's buttons), or,
 * after resolution, offer [Reopen] [No action needed]. Unowned requests: the card's thread.
 */
import type { Deps } from '../../app/deps';
import { triageTarget } from '../../app/lifecycle/fire-timer';
import { formatDueTimeFor } from '../../i18n';
import { threadOf } from '../../domain/request';
import { messageUrl } from '../blocks/mrkdwn';
import { clientWroteMessage, reopenOfferMessage } from '../blocks/owner-prompts';

export async function deliverOwnerNotice(
  deps: Deps,
  teamId: string,
  requestId: string,
  messageTs: string,
  reason: 'client_wrote' | 'reopen_offer',
): Promise<void> {
  const request = await deps.requests.get(teamId, requestId);
  if (!request || request.state === 'dismissed') return;
  // A reopen offer is moot once reopened; a client-wrote notice once resolved.
  if (reason === 'reopen_offer' ? request.state !== 'resolved' : request.state === 'resolved') return;
  const settings = await deps.settings.forChannel(teamId, request.channelId);
  const threadUrl = `${messageUrl(deps.host.url, request.channelId, messageTs)}?thread_ts=${threadOf(request)}&cid=${request.channelId}`;
  const base = { request, language: settings.language, workspaceUrl: deps.host.url, clientLabel: settings.clientName, threadUrl };
  const now = deps.clock.now();
  const message =
    reason === 'client_wrote'
      ? clientWroteMessage(base)
      : reopenOfferMessage({ ...base, resolved: formatDueTimeFor(deps.settingsTimezone, request.resolvedAt ?? now, now, settings.businessHours.timezone, settings.language) });
  const target = request.ownerId ? { channel: request.ownerId } : triageTarget(request, settings);
  if (!target) return;
  await deps.poster.postOnce({ deliveryKey: `notify_${teamId}_${requestId}_${messageTs}`, ...target, ...message });
  await deps.requests.update(teamId, requestId, {}, { type: 'owner_notified', at: now, data: { reason, ts: messageTs } });
}
