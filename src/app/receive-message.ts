/**
 * A message event arrived: queue it for intake when it may be a new request, or when it is a
 * reply in the thread of a tracked one (an update by us, or the client writing again).
 */
import { screenMessage } from '../domain/spotting';
import type { MessageFacts } from '../domain/spotting-types';
import type { Deps } from './deps';

export async function receiveMessage(deps: Pick<Deps, 'host' | 'intake' | 'log' | 'requests'>, teamId: string, message: MessageFacts) {
  const screen = screenMessage(message, deps.host);
  if (screen.track) {
    await deps.intake.add({ kind: 'message', teamId, message });
    return;
  }
  if (screen.reason === 'thread_reply' && (await isTrackedThreadReply(deps, teamId, message))) {
    await deps.intake.add({ kind: 'message', teamId, message });
    return;
  }
  deps.log.debug({ channel: message.channelId, ts: message.ts, reason: screen.reason }, 'message ignored');
}

/** A person's own message (no bot, no edit or deletion) in the thread of a request we track. */
async function isTrackedThreadReply(deps: Pick<Deps, 'host' | 'requests'>, teamId: string, message: MessageFacts): Promise<boolean> {
  if (!message.threadTs || !message.userId || message.botId) return false;
  if (message.subtype !== undefined && message.subtype !== 'file_share' && message.subtype !== 'thread_broadcast') return false;
  return (await deps.requests.findByMessage(teamId, message.channelId, message.threadTs)) !== undefined;
}
