import type { ListenerContext } from '../context';
import { registerTrackAsRequest } from './track-as-request';
import type { ListenerRouter } from '../router';

export function register(on: ListenerRouter, ctx: ListenerContext): void {
  registerTrackAsRequest(on, ctx);
}
