import type { App } from '@slack/bolt';
import type { ListenerContext } from '../context';
import { registerRequestModals } from './request-modals';

export function register(app: App, ctx: ListenerContext): void {
  registerRequestModals(app, ctx);
}
