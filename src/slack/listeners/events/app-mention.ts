import type { App } from '@slack/bolt';
import { messageFactsFrom } from '../../payloads';
import type { ListenerContext } from '../context';

/** Anyone may @mention the app on a message (or in its thread) to have it tracked. */
export function registerAppMention(app: App, { deps }: ListenerContext): void {
  app.event('app_mention', async ({ event }) => {
    const facts = messageFactsFrom(event);
    if (!facts?.userId) {
      deps.log.warn('malformed app_mention event ignored');
      return;
    }
    const inThread = facts.threadTs !== undefined && facts.threadTs !== facts.ts;
    await deps.intake.add({
      kind: 'track',
      teamId: deps.host.teamId,
      trigger: 'mention',
      actorId: facts.userId,
      channelId: facts.channelId,
      // In a thread, the thread's first message is the request.
      ts: inThread ? (facts.threadTs as string) : facts.ts,
      ...(inThread ? {} : { message: facts }),
    });
  });
}
