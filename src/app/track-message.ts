/**
 * Manual triggers for what the automatic rules miss: the :ticket: reaction by an internal user,
 * an @mention of the app, the "Track as request" shortcut. The pleasantry filter and the
 * continuation window do not apply: a person asked for it.
 */
import type { RequestTrigger } from '../domain/request';
import type { MessageFacts } from '../domain/spotting-types';
import { KuittausError } from './errors/kuittaus-error';
import type { Deps } from './deps';
import type { IntakeResult } from './intake-result';
import { assertInternal } from './assert-internal';
import { openRequest } from './open-request';

export interface TrackInput {
  teamId: string;
  trigger: Exclude<RequestTrigger, 'auto'>;
  actorId: string;
  channelId: string;
  ts: string;
  message?: MessageFacts;
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
