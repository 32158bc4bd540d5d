import { messageFactsFrom } from '../../payloads';
import type { ListenerContext } from '../context';
import type { ListenerRouter } from '../router';

/**
 * Anyone may @mention the app on a message (or in its thread) to have it tracked; what a mention
 * in a thread tracks depends on who wrote it (see app/track-message).
 */
export function registerAppMention(on: ListenerRouter, { deps }: ListenerContext): void {
  on.event('app_mention', async ({ event }) => {
    const facts = messageFactsFrom(event);
    if (!facts?.userId) {
      deps.log.warn('malformed app_mention event ignored');
      return;
    }
    await deps.intake.add({
      kind: 'track',
      teamId: deps.host.teamId,
      trigger: 'mention',
      actorId: facts.userId,
      channelId: facts.channelId,
      ts: facts.ts,
      message: facts,
    });
  });
}
