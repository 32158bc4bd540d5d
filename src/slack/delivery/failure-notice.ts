/** Outbox: tell people on our side that a delivery failed for good (see app/delivery-failures). */
import type { Deps } from '../../app/deps';
import { triageTarget } from '../../app/lifecycle/fire-timer';
import type { OutboxJob } from '../../jobs/job-schemas';
import { failureNoticeMessage } from '../blocks/failure-notice';

/** Outbox: the failure notice, to the owner and the channel's team leads (or the triage channel). */
export async function deliverFailureNotice(deps: Deps, notice: Extract<OutboxJob, { kind: 'failure_notice' }>): Promise<void> {
  const { teamId } = notice;
  const request = notice.requestId ? await deps.requests.get(teamId, notice.requestId) : undefined;
  const channelId = request?.channelId ?? notice.channelId;
  const settings = channelId ? await deps.settings.forChannel(teamId, channelId) : undefined;
  const message = failureNoticeMessage({
    ...(request ? { request, workspaceUrl: deps.host.url, clientLabel: settings?.clientName } : {}),
    ...(channelId ? { channelId } : {}),
    failed: notice.failed,
    code: notice.code,
    language: settings?.language ?? deps.language,
  });
  const people = [...new Set([request?.ownerId, notice.alsoTell, ...(settings?.teamLeadIds ?? deps.teamLeads)].filter((u): u is string => Boolean(u)))];
  const key = `failure_${teamId}_${notice.requestId ?? notice.channelId ?? 'team'}_${notice.failed}_${notice.at}`;
  if (people.length > 0) {
    for (const person of people) await deps.poster.postOnce({ deliveryKey: `${key}_${person}`, channel: person, ...message });
    return;
  }
  const target = request && settings ? triageTarget(request, settings) : settings?.triageChannelId ? { channel: settings.triageChannelId } : undefined;
  if (!target) {
    deps.log.error({ requestId: notice.requestId, failed: notice.failed, code: notice.code }, 'a delivery failed and there is nobody to tell: set TEAM_LEADS or TRIAGE_CHANNEL');
    return;
  }
  await deps.poster.postOnce({ deliveryKey: key, ...target, ...message });
}
