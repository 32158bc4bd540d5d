import type { ListenerContext } from '../context';
import { registerRequestModals } from './request-modals';
import type { ListenerRouter } from '../router';

export function register(on: ListenerRouter, ctx: ListenerContext): void {
  registerRequestModals(on, ctx);
}
