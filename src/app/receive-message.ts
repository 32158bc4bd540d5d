/**
 * A message event arrived: queue it for intake when it may be a new request, or when it is a
 * reply in the thread of a tracked one (an update by us, or the client writing again). A direct
 * message to Kuittaus gets a short answer saying what it does.
 */
import { isDirectMessageToUs, screenMessage } from '../domain/spotting';
import type { MessageFacts } from '../domain/spotting-types';
import type { Deps } from './deps';

export async function receiveMessage(deps: Pick<Deps, 'host' | 'intake' | 'outbox' | 'log' | 'requests'>, teamId: string, message: MessageFacts) {
  if (message.direct) {
    if (isDirectMessageToUs(message, deps.host)) {
      const threadTs = message.threadTs !== undefined && message.threadTs !== message.ts ? message.threadTs : undefined;
      await deps.outbox.add({ kind: 'dm_help', teamId, channelId: message.channelId, ts: message.ts, ...(threadTs ? { threadTs } : {}) });
    }
    return;
  }
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
