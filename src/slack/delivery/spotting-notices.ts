/** Outbox: the answer to a direct message, and the triage note about an author nobody could place. */
import type { Deps } from '../../app/deps';
import { directMessageHelp, unknownAuthorMessage } from '../blocks/spotting-notices';

/** Answers a direct message once (the delivery key is the message's), in the team's language. */
export async function deliverDirectMessageHelp(deps: Deps, teamId: string, channelId: string, ts: string, threadTs?: string): Promise<void> {
  await deps.poster.postOnce({
    deliveryKey: `dm_help_${teamId}_${channelId}_${ts}`,
    channel: channelId,
    ...(threadTs ? { threadTs } : {}),
    ...directMessageHelp(deps.language),
  });
}

/** To the channel's triage channel, or else to its team leads. */
export async function deliverUnknownAuthor(deps: Deps, job: { teamId: string; channelId: string; ts: string; userId: string; code: string }): Promise<void> {
  const settings = await deps.settings.forChannel(job.teamId, job.channelId);
  const message = unknownAuthorMessage({ ...job, trackReaction: deps.trackReaction, workspaceUrl: deps.host.url, language: settings.language });
  const key = `unknown_author_${job.teamId}_${job.channelId}_${job.ts}`;
  if (settings.triageChannelId) {
    await deps.poster.postOnce({ deliveryKey: key, channel: settings.triageChannelId, ...message });
    return;
  }
  const leads = settings.teamLeadIds.length > 0 ? settings.teamLeadIds : deps.teamLeads;
  for (const lead of leads) await deps.poster.postOnce({ deliveryKey: `${key}_${lead}`, channel: lead, ...message });
  if (leads.length === 0) deps.log.error({ channel: job.channelId, ts: job.ts }, 'an author nobody could place and nobody to tell: set TEAM_LEADS or TRIAGE_CHANNEL');
}
