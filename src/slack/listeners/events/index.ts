import type { App } from '@slack/bolt';
import type { ListenerContext } from '../context';
import { registerAppHomeOpened } from './app-home-opened';
import { registerAppMention } from './app-mention';
import { registerMessage } from './message';
import { registerReactionAdded } from './reaction-added';

export function register(app: App, ctx: ListenerContext): void {
  registerMessage(app, ctx);
  registerAppMention(app, ctx);
  registerReactionAdded(app, ctx);
  registerAppHomeOpened(app, ctx);
  app.event('channel_id_changed', async ({ event }) => {
    // Requests keep the old id until the migration lands (see the README's known limits).
    ctx.deps.log.warn({ oldChannel: event.old_channel_id, newChannel: event.new_channel_id }, 'channel id changed');
  });
}
