import type { ListenerContext } from '../context';
import { registerClientData } from './client-data';
import { registerStatus } from './status';
import type { ListenerRouter } from '../router';

export function register(on: ListenerRouter, ctx: ListenerContext): void {
  registerStatus(on, ctx);
  registerClientData(on, ctx);
}
