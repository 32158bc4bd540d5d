/** Outbox: the team's thanks in a client's channel, once per channel and week (see app/pass-on-thanks). */
import type { Deps } from '../../app/deps';
import { thanksTooLate } from '../../domain/thanks';
import type { OutboxJob } from '../../jobs/job-schemas';
import { ChannelLostError } from '../outbound/delivery-errors';
import { clientThanksMessage } from '../blocks/thanks';

export async function deliverThanks(deps: Deps, job: Extract<OutboxJob, { kind: 'pass_thanks' }>): Promise<void> {
  const { teamId, channelId, week } = job;
  // Posted before (a click again, a replay after it went out): nothing more to say.
  if ((await deps.thanks.state(teamId, channelId, week)).posted) return;
  // Waited weeks (a channel lost, then regained): "thank you for the past week" would be wrong now.
  if (thanksTooLate(job.from, deps.clock.now())) {
    deps.log.warn({ channel: channelId, week, by: job.by }, 'thanks for a week long past not posted');
    return;
  }
  const lost = await deps.channels.lostReason(teamId, channelId);
  if (lost) throw new ChannelLostError(lost);
  const settings = await deps.settings.forChannel(teamId, channelId);
  await deps.poster.postOnce({
    deliveryKey: `thanks_${teamId}_${channelId}_${week}`,
    channel: channelId,
    ...clientThanksMessage({ resolved: job.resolved, people: job.people, teamName: deps.host.teamName, language: settings.language }),
  });
  await deps.thanks.markPosted(teamId, channelId, week);
}
