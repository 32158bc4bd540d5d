/**
 * Slack events that change where Kuittaus may post. A channel lost (the bot removed, the channel
 * archived, unshared or deleted) pauses its requests: nothing is posted into the void (deliveries
 * there wait as dead letters), reminders pause, and the team is told once. Regained (invited back,
 * unarchived, shared again), what waited is delivered and the timers are planned again.
 */
import { excerptOf } from '../../domain/request';
import { ChannelLostError } from '../../slack/outbound/delivery-errors';
import type { OutboxJob } from '../../jobs/job-schemas';
import type { Deps } from '../deps';
import type { DeadLetter } from '../ports';
import { relay } from '../relay';
import { replayLetters } from '../replay-dead-letters';

/** Slack's words for why a channel was lost; the failure notice explains each. */
export type ChannelLoss = 'not_in_channel' | 'is_archived' | 'channel_unshared' | 'channel_not_found';

export async function channelLost(deps: Deps, teamId: string, channelId: string, reason: ChannelLoss): Promise<void> {
  if (!(await deps.channels.lose(teamId, channelId, reason))) return;
  const live = await deps.requests.liveIn(teamId, channelId);
  deps.log.warn({ channel: channelId, reason, liveRequests: live.length }, 'channel lost: its requests are paused');
  await deps.outbox.add({ kind: 'failure_notice', teamId, channelId, failed: 'channel', code: reason, at: deps.clock.now() });
}

export async function channelRegained(deps: Deps, teamId: string, channelId: string): Promise<void> {
  if (!(await deps.channels.regain(teamId, channelId))) return;
  const live = await deps.requests.liveIn(teamId, channelId);
  const letters = [];
  for (const letter of await deps.deadLetters.list(teamId)) {
    const request = letter.requestId ? await deps.requests.get(teamId, letter.requestId) : undefined;
    if (request?.channelId === channelId || isThanksTo(letter.job, channelId)) letters.push(letter);
  }
  await replayLetters(deps, teamId, letters);
  for (const requestId of live) await relay(deps, teamId, requestId);
  deps.log.info({ channel: channelId, replayed: letters.length, liveRequests: live.length }, 'channel regained: its requests resume');
}

/** The team's thanks to the channel's client (they belong to no request). */
function isThanksTo(job: DeadLetter['job'], channelId: string): boolean {
  const data = job.data as Partial<OutboxJob> | undefined;
  return job.queue === 'outbox' && data?.kind === 'pass_thanks' && data.channelId === channelId;
}

/** Throws ChannelLostError when the request's channel is lost: nothing is posted into the void. */
export async function assertChannelOpen(deps: Pick<Deps, 'requests' | 'channels'>, teamId: string, requestId: string): Promise<void> {
  const request = await deps.requests.get(teamId, requestId);
  const reason = request ? await deps.channels.lostReason(teamId, request.channelId) : undefined;
  if (reason) throw new ChannelLostError(reason);
}

/** The client deleted the message a request tracks: it is withdrawn (closed, timers cancelled). */
export async function trackedMessageDeleted(deps: Deps, teamId: string, channelId: string, ts: string): Promise<void> {
  const requestId = await deps.requests.findByMessage(teamId, channelId, ts);
  const request = requestId ? await deps.requests.get(teamId, requestId) : undefined;
  if (!request || request.ts !== ts) return;
  const now = deps.clock.now();
  const withdrawn = await deps.requests.update(
    teamId,
    request.id,
    { state: 'dismissed', dismissedBy: request.clientUserId },
    { type: 'withdrawn', at: now, actorId: request.clientUserId },
    ['open', 'in_progress', 'waiting_on_client'],
    { relay: true },
  );
  if (!withdrawn) return;
  deps.log.info({ requestId: request.id }, 'withdrawn: the client deleted the message');
  await relay(deps, teamId, request.id);
}

/** The client edited the message a request tracks: the excerpt follows the edit. */
export async function trackedMessageEdited(deps: Deps, teamId: string, channelId: string, ts: string, text: string): Promise<void> {
  const excerpt = excerptOf(text);
  const requestId = await deps.requests.findByMessage(teamId, channelId, ts);
  const request = requestId ? await deps.requests.get(teamId, requestId) : undefined;
  if (!request || request.ts !== ts || request.excerpt === excerpt || text.trim() === '') return;
  const now = deps.clock.now();
  await deps.requests.update(teamId, request.id, { excerpt }, { type: 'edited', at: now, actorId: request.clientUserId }, undefined, { relay: true });
  await relay(deps, teamId, request.id);
}
