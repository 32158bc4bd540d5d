/** Outbox: the client's thank-you for their feedback, and the owner's and team leads' notice of critical feedback. */
import type { Deps } from '../../app/deps';
import { triageTarget } from '../../app/lifecycle/fire-timer';
import type { Rating } from '../../domain/feedback';
import { threadOf } from '../../domain/request';
import { feedbackAlertMessage, feedbackThanksMessage } from '../blocks/feedback';
import { messageUrl } from '../blocks/mrkdwn';
import { movingOn } from './living-ack';

/** In the client's thread, once per request (the delivery key is the request's). */
export async function deliverFeedbackThanks(deps: Deps, teamId: string, requestId: string, rating: Rating): Promise<void> {
  const request = await deps.requests.get(teamId, requestId);
  if (!request || request.state === 'dismissed') return;
  const settings = await deps.settings.forChannel(teamId, request.channelId);
  await movingOn(deps, request);
  await deps.poster.postOnce({
    deliveryKey: `feedback_thanks_${teamId}_${requestId}`,
    channel: request.channelId,
    threadTs: threadOf(request),
    ...feedbackThanksMessage(request, rating, settings.language),
  });
}

/** By DM to the owner and the channel's team leads (or the triage channel when there is nobody). */
export async function deliverFeedbackAlert(deps: Deps, teamId: string, requestId: string, userId: string, rating: Exclude<Rating, 'positive'>): Promise<void> {
  const request = await deps.requests.get(teamId, requestId);
  if (!request || request.state === 'dismissed') return;
  const settings = await deps.settings.forChannel(teamId, request.channelId);
  const at = request.closingTs ?? request.ts;
  const threadUrl = `${messageUrl(deps.host.url, request.channelId, at)}?thread_ts=${threadOf(request)}&cid=${request.channelId}`;
  const message = feedbackAlertMessage({
    request,
    rating,
    language: settings.language,
    workspaceUrl: deps.host.url,
    clientLabel: settings.clientName,
    threadUrl,
    ...(userId !== request.clientUserId ? { reactorId: userId } : {}),
  });
  const key = `feedback_alert_${teamId}_${requestId}_${userId}_${rating}`;
  const people = [...new Set([request.ownerId, ...(settings.teamLeadIds.length > 0 ? settings.teamLeadIds : deps.teamLeads)].filter((u): u is string => Boolean(u)))];
  for (const person of people) await deps.poster.postOnce({ deliveryKey: `${key}_${person}`, channel: person, ...message });
  if (people.length > 0) return;
  const target = triageTarget(request, settings);
  if (target) await deps.poster.postOnce({ deliveryKey: key, ...target, ...message });
  else deps.log.error({ requestId, rating }, 'critical feedback and nobody to tell: set TEAM_LEADS or TRIAGE_CHANNEL');
}
