import type { App } from '@slack/bolt';
import type { ListenerContext } from '../context';
import { registerTrackAsRequest } from './track-as-request';

export function register(app: App, ctx: ListenerContext): void {
  registerTrackAsRequest(app, ctx);
}
