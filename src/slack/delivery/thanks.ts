/** Outbox: the team's thanks in a client's channel, once per channel and week (see app/pass-on-thanks). */
import type { Deps } from '../../app/deps';
import type { OutboxJob } from '../../jobs/job-schemas';
import { ChannelLostError } from '../outbound/delivery-errors';
import { clientThanksMessage } from '../blocks/thanks';

export async function deliverThanks(deps: Deps, job: Extract<OutboxJob, { kind: 'pass_thanks' }>): Promise<void> {
  const { teamId, channelId, week } = job;
  // Posted and recorded before (a click again after this job was gone): nothing more to say.
  if (await deps.thanks.by(teamId, channelId, week)) return;
  const lost = await deps.channels.lostReason(teamId, channelId);
  if (lost) throw new ChannelLostError(lost);
  const settings = await deps.settings.forChannel(teamId, channelId);
  await deps.poster.postOnce({
    deliveryKey: `thanks_${teamId}_${channelId}_${week}`,
    channel: channelId,
    ...clientThanksMessage({ resolved: job.resolved, people: job.people, teamName: deps.host.teamName, language: settings.language }),
  });
  await deps.thanks.record(teamId, channelId, week, job.by);
}
