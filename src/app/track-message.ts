/**
 * Manual triggers for what the automatic rules miss: the :ticket: reaction by an internal user,
 * an @mention of the app, the "Track as request" shortcut. The pleasantry filter and the
 * continuation window do not apply: a person asked for it.
 */
import { classifyAuthor } from '../domain/spotting';
import type { RequestTrigger } from '../domain/request';
import type { MessageFacts } from '../domain/spotting-types';
import { slackErrorCode } from '../slack/outbound/delivery-errors';
import { KuittausError } from './errors/kuittaus-error';
import type { Deps } from './deps';
import type { IntakeResult } from './intake-message';
import { openRequest } from './open-request';

export interface TrackInput {
  teamId: string;
  trigger: Exclude<RequestTrigger, 'auto'>;
  actorId: string;
  channelId: string;
  ts: string;
  message?: MessageFacts;
}

/** Checked in the listener too, so that the person gets a refusal at once. */
export async function assertInternal(deps: Pick<Deps, 'directory' | 'host'>, teamId: string, userId: string) {
  const user = await deps.directory.user(teamId, userId).catch((error: unknown) => {
    // Someone Slack does not know (a forged or garbled user id) is certainly not one of us.
    if (slackErrorCode(error) === 'user_not_found') return undefined;
    throw error;
  });
  if (!user || classifyAuthor(user, deps.host) !== 'internal') {
    throw new KuittausError('NOT_INTERNAL_USER', `${userId} is not an internal user`);
  }
}

export async function trackMessage(deps: Deps, input: TrackInput): Promise<IntakeResult> {
  const { teamId, trigger, actorId, channelId, ts } = input;
  // Anyone may @mention the app; the reaction and the shortcut are for the host team.
  if (trigger !== 'mention') {
    try {
      await assertInternal(deps, teamId, actorId);
    } catch (error) {
      if (error instanceof KuittausError) return { outcome: 'ignored', reason: 'actor_not_internal' };
      throw error;
    }
  }
  const message = input.message ?? (await deps.fetchMessage(channelId, ts));
  if (!message?.userId) return { outcome: 'ignored', reason: 'message_not_found' };
  if (message.botId || message.userId === deps.host.botUserId) return { outcome: 'ignored', reason: 'bot' };

  const [author, settings] = await Promise.all([
    deps.directory.user(teamId, message.userId),
    deps.settings.forChannel(teamId, channelId),
  ]);
  const result = await openRequest(deps, { teamId, message, author, settings, trigger, actorId });
  return result.outcome === 'duplicate'
    ? { outcome: 'duplicate', requestId: result.requestId }
    : { outcome: result.outcome, requestId: result.request.id };
}
