import type { App } from '@slack/bolt';
import type { ListenerContext } from '../context';
import { registerClientData } from './client-data';
import { registerStatus } from './status';

export function register(app: App, ctx: ListenerContext): void {
  registerStatus(app, ctx);
  registerClientData(app, ctx);
}
