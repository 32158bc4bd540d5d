import type { App } from '@slack/bolt';
import { receiveMessage } from '../../../app/receive-message';
import { isExtSharedChannel, messageFactsFrom, teamIdOf } from '../../payloads';
import type { ListenerContext } from '../context';
import { handleMessageChange } from './workspace-events';

export function registerMessage(app: App, ctx: ListenerContext): void {
  const { deps } = ctx;
  app.event('message', async ({ event, body }) => {
    if (await handleMessageChange(ctx, event)) return;
    const facts = messageFactsFrom(event);
    const teamId = deps.host.teamId ?? teamIdOf(body);
    if (!facts || !teamId) {
      deps.log.warn({ eventId: (body as { event_id?: string }).event_id }, 'malformed message event ignored');
      return;
    }
    await receiveMessage(deps, teamId, isExtSharedChannel(body) ? { ...facts, extSharedChannel: true } : facts);
  });
}
