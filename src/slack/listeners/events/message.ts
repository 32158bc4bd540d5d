import type { App } from '@slack/bolt';
import { receiveMessage } from '../../../app/receive-message';
import { messageFactsFrom, teamIdOf } from '../../payloads';
import type { ListenerContext } from '../context';

export function registerMessage(app: App, { deps }: ListenerContext): void {
  app.event('message', async ({ event, body }) => {
    const facts = messageFactsFrom(event);
    const teamId = deps.host.teamId ?? teamIdOf(body);
    if (!facts || !teamId) {
      deps.log.warn({ eventId: (body as { event_id?: string }).event_id }, 'malformed message event ignored');
      return;
    }
    await receiveMessage(deps, teamId, facts);
  });
}
