/** A message event arrived: queue it for intake unless it plainly cannot be a request. */
import { screenMessage } from '../domain/spotting';
import type { MessageFacts } from '../domain/spotting-types';
import type { Deps } from './deps';

export async function receiveMessage(deps: Pick<Deps, 'host' | 'intake' | 'log'>, teamId: string, message: MessageFacts) {
  const screen = screenMessage(message, deps.host);
  if (!screen.track) {
    deps.log.debug({ channel: message.channelId, ts: message.ts, reason: screen.reason }, 'message ignored');
    return;
  }
  await deps.intake.add({ kind: 'message', teamId, message });
}
