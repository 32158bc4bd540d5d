import type { ListenerContext } from '../context';
import { registerAppHomeOpened } from './app-home-opened';
import { registerAppMention } from './app-mention';
import { registerMessage } from './message';
import { registerReactionAdded } from './reaction-added';
import { registerWorkspaceEvents } from './workspace-events';
import type { ListenerRouter } from '../router';

export function register(on: ListenerRouter, ctx: ListenerContext): void {
  registerMessage(on, ctx);
  registerAppMention(on, ctx);
  registerReactionAdded(on, ctx);
  registerAppHomeOpened(on, ctx);
  registerWorkspaceEvents(on, ctx);
}
