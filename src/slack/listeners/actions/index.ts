import type { ListenerContext } from '../context';
import { registerCardActions } from './card-actions';
import { registerLifecycleActions } from './lifecycle-actions';
import { registerThanksActions } from './thanks-actions';
import type { ListenerRouter } from '../router';

export function register(on: ListenerRouter, ctx: ListenerContext): void {
  registerCardActions(on, ctx);
  registerLifecycleActions(on, ctx);
  registerThanksActions(on, ctx);
}
