import type { App } from '@slack/bolt';
import type { ListenerContext } from '../context';
import { registerCardActions } from './card-actions';
import { registerLifecycleActions } from './lifecycle-actions';
import { registerThanksActions } from './thanks-actions';

export function register(app: App, ctx: ListenerContext): void {
  registerCardActions(app, ctx);
  registerLifecycleActions(app, ctx);
  registerThanksActions(app, ctx);
}
