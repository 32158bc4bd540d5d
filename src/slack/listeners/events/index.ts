import type { App } from '@slack/bolt';
import type { ListenerContext } from '../context';
import { registerAppHomeOpened } from './app-home-opened';
import { registerAppMention } from './app-mention';
import { registerMessage } from './message';
import { registerReactionAdded } from './reaction-added';
import { registerWorkspaceEvents } from './workspace-events';

export function register(app: App, ctx: ListenerContext): void {
  registerMessage(app, ctx);
  registerAppMention(app, ctx);
  registerReactionAdded(app, ctx);
  registerAppHomeOpened(app, ctx);
  registerWorkspaceEvents(app, ctx);
}
