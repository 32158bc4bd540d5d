/** Intake of a message event: apply the rules of DESIGN.md §1, then open a request. */
import { classifyAuthor, screenMessage } from '../domain/spotting';
import { isPleasantry } from '../domain/classifier';
import type { MessageFacts } from '../domain/spotting-types';
import type { Deps } from './deps';
import { threadMessage } from './lifecycle/thread-messages';
import { openRequest } from './open-request';

import type { IntakeResult } from './intake-result';

export async function intakeMessage(deps: Deps, teamId: string, message: MessageFacts): Promise<IntakeResult> {
  const ignored = (reason: string): IntakeResult => {
    deps.log.debug({ channel: message.channelId, ts: message.ts, reason }, 'not a request');
    return { outcome: 'ignored', reason };
  };
  if (message.threadTs !== undefined && message.threadTs !== message.ts) return threadMessage(deps, teamId, message);
  const screen = screenMessage(message, deps.host);
  if (!screen.track || !message.userId) return ignored(screen.track ? 'no_user' : screen.reason);

  const settings = await deps.settings.forChannel(teamId, message.channelId);
  if (!settings.managed && !(await deps.directory.channel(teamId, message.channelId)).isExtShared) {
    return ignored('unmanaged_channel');
  }
  const author = await deps.directory.user(teamId, message.userId);
  if (classifyAuthor(author, deps.host) !== 'client') return ignored('not_a_client');
  if (settings.pleasantryFilter && isPleasantry(message.text)) return ignored('pleasantry');

  const result = await openRequest(deps, { teamId, message, author, settings, trigger: 'auto' });
  return result.outcome === 'duplicate'
    ? { outcome: 'duplicate', requestId: result.requestId }
    : { outcome: result.outcome, requestId: result.request.id };
}
