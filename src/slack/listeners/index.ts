import type { App } from '@slack/bolt';
import * as actions from './actions';
import * as commands from './commands';
import type { ListenerContext } from './context';
import * as events from './events';
import { eventDedupe } from './middleware/event-dedupe';
import * as shortcuts from './shortcuts';
import * as views from './views';
import { unclaimedInteractions } from './fallbacks';
import { ListenerRouter } from './router';

export type { ListenerContext } from './context';

export function registerListeners(app: App, ctx: ListenerContext): void {
  app.use(eventDedupe(ctx));
  const on = new ListenerRouter();
  events.register(on, ctx);
  actions.register(on, ctx);
  shortcuts.register(on, ctx);
  commands.register(on, ctx);
  views.register(on, ctx);
  on.install(app, unclaimedInteractions(ctx));
}
