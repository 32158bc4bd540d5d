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
import { authorOf } from './author';
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
  const { teamId, trigger, actorId, channelId } = input;
  // Anyone may @mention the app; the reaction and the shortcut are for the host team.
  if (trigger !== 'mention') {
    try {
      await assertInternal(deps, teamId, actorId);
    } catch (error) {
      if (error instanceof KuittausError) return { outcome: 'ignored', reason: 'actor_not_internal' };
      throw error;
    }
  }
  const target = trigger === 'mention' && input.message ? await mentionTarget(deps, teamId, input.message) : { ts: input.ts, message: input.message };
  if ('ignored' in target) return { outcome: 'ignored', reason: target.ignored };
  const message = target.message ?? (await deps.fetchMessage(channelId, target.ts));
  if (!message?.userId) return { outcome: 'ignored', reason: 'message_not_found' };
  if (message.botId || message.userId === deps.host.botUserId) return { outcome: 'ignored', reason: 'bot' };

  const [author, settings] = await Promise.all([
    authorOf(deps, teamId, message.userId, message.authorTeamId),
    deps.settings.forChannel(teamId, channelId),
  ]);
  // Someone asked for it to be tracked: a person whom Slack will not describe is greeted by mention.
  const facts = author.kind === 'unknown' ? { id: message.userId, isBot: false, isStranger: false, isRestricted: false, isUltraRestricted: false, greetingName: '' } : author.facts;
  const result = await openRequest(deps, { teamId, message, author: facts, settings, trigger, actorId });
  return result.outcome === 'duplicate'
    ? { outcome: 'duplicate', requestId: result.requestId }
    : { outcome: result.outcome, requestId: result.request.id };
}

/**
 * What an @mention tracks. At the top level: the mentioning message. In a thread: a client's
 * mention is a request of their own (their words, not the thread's); one of ours tracks the
 * thread's first message. A mention in the thread of a tracked request is a message in it.
 */
async function mentionTarget(
  deps: Deps,
  teamId: string,
  mention: MessageFacts,
): Promise<{ ts: string; message?: MessageFacts } | { ignored: string }> {
  const own = { ts: mention.ts, message: withoutOurMention(mention, deps.host.botUserId) };
  if (mention.threadTs === undefined || mention.threadTs === mention.ts || !mention.userId) return own;
  if ((await deps.requests.findByMessage(teamId, mention.channelId, mention.threadTs)) !== undefined) return { ignored: 'in_tracked_thread' };
  const author = await authorOf(deps, teamId, mention.userId, mention.authorTeamId);
  return author.kind === 'client' ? own : { ts: mention.threadTs };
}

/** "<@U0BOT> our VPN is down" → "our VPN is down" (the whole text when that is all it says). */
function withoutOurMention(message: MessageFacts, botUserId: string): MessageFacts {
  const text = message.text.replace(new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, 'g'), ' ').replace(/\s+/g, ' ').trim();
  return text === '' ? message : { ...message, text };
}
