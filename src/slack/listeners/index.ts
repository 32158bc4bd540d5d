import type { App } from '@slack/bolt';
import * as actions from './actions';
import * as commands from './commands';
import type { ListenerContext } from './context';
import * as events from './events';
import { eventDedupe } from './middleware/event-dedupe';
import * as shortcuts from './shortcuts';
import * as views from './views';
import { registerFallbacks } from './fallbacks';

export type { ListenerContext } from './context';

export function registerListeners(app: App, ctx: ListenerContext): void {
  app.use(eventDedupe(ctx));
  events.register(app, ctx);
  actions.register(app, ctx);
  shortcuts.register(app, ctx);
  commands.register(app, ctx);
  views.register(app, ctx);
  registerFallbacks(app, ctx);
}
