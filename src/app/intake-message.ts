/** Intake of a message event: apply the rules of DESIGN.md §1, then open a request. */
import { screenMessage } from '../domain/spotting';
import { isPleasantry } from '../domain/classifier';
import type { MessageFacts } from '../domain/spotting-types';
import { type Author, authorOf } from './author';
import type { ChannelSettings } from '../domain/settings';
import type { Deps } from './deps';
import { threadMessage } from './lifecycle/thread-messages';
import { openRequest } from './open-request';

import type { IntakeResult } from './intake-result';

/** What the intake of a message reads first, asked for ahead (see receive-message). */
export interface ReadAhead {
  settings: Promise<ChannelSettings>;
  /** Who wrote, when the event says the channel is shared (the only case the intake reads it with the settings). */
  author?: Promise<Author>;
}

/** Starts the intake's first reads of a message; their failures surface where they are awaited. */
export function readAhead(deps: Pick<Deps, 'settings' | 'directory' | 'host' | 'log'>, teamId: string, message: MessageFacts): ReadAhead {
  const settings = deps.settings.forChannel(teamId, message.channelId);
  const author = message.extSharedChannel && message.userId ? authorOf(deps, teamId, message.userId, message.authorTeamId) : undefined;
  // Not awaited at all when the hold fails or Slack refuses the token: never unhandled.
  settings.catch(() => undefined);
  author?.catch(() => undefined);
  return { settings, ...(author ? { author } : {}) };
}

/** `ahead`: given when the receiving process handles the message at once (its intake job held, see receive-message). */
export async function intakeMessage(deps: Deps, teamId: string, message: MessageFacts, ahead?: ReadAhead): Promise<IntakeResult> {
  const ignored = (reason: string): IntakeResult => {
    deps.log.debug({ channel: message.channelId, ts: message.ts, reason }, 'not a request');
    return { outcome: 'ignored', reason };
  };
  // Direct messages are answered on arrival (see receive-message) and never become requests.
  if (message.direct) return ignored('direct_message');
  if (message.threadTs !== undefined && message.threadTs !== message.ts) return threadMessage(deps, teamId, message);
  const screen = screenMessage(message, deps.host);
  if (!screen.track || !message.userId) return ignored(screen.track ? 'no_user' : screen.reason);

  const userId = message.userId;
  // The event says when the channel is shared (a `false` there is not trusted: ask, cached). When
  // it says so, who wrote is read with the settings, not after them: one wait fewer before the
  // acknowledgement.
  const [settings, early] = await Promise.all([
    ahead?.settings ?? deps.settings.forChannel(teamId, message.channelId),
    message.extSharedChannel ? (ahead?.author ?? authorOf(deps, teamId, userId, message.authorTeamId)) : undefined,
  ]);
  if (!settings.managed && !message.extSharedChannel && !(await deps.directory.channel(teamId, message.channelId)).isExtShared) {
    return ignored('unmanaged_channel');
  }
  const author = early ?? (await authorOf(deps, teamId, userId, message.authorTeamId));
  if (author.kind !== 'client' && author.kind !== 'unknown') return ignored('not_a_client');
  if (settings.pleasantryFilter && isPleasantry(message.text)) return ignored('pleasantry');
  if (author.kind === 'unknown') {
    // Nobody can tell whether this is a client: a person on our side decides, never silence.
    await deps.outbox.add({ kind: 'unknown_author', teamId, channelId: message.channelId, ts: message.ts, userId: message.userId, code: author.code });
    return ignored('author_unknown');
  }

  const result = await openRequest(deps, { teamId, message, author: author.facts, settings, trigger: 'auto', ...(ahead ? { heldIntake: true } : {}) });
  if (result.outcome === 'duplicate') return { outcome: 'duplicate', requestId: result.requestId };
  return { outcome: result.outcome, requestId: result.request.id, ...(result.heldLetGo ? { heldLetGo: true } : {}) };
}
