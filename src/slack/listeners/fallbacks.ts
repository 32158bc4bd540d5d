/**
 * Interactions no listener of ours claims (an action or modal the app never sent, a forged
 * payload): acknowledged at once and logged, instead of Slack waiting 3 s for a 404.
 */
import type { App } from '@slack/bolt';
import { ActionId, CallbackId } from '../ids';
import type { ListenerContext } from './context';

const unknown = (known: readonly string[]) => new RegExp(`^(?!(?:${known.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$)`);

export function registerFallbacks(app: App, { deps }: ListenerContext): void {
  app.action({ action_id: unknown(Object.values(ActionId)) }, async ({ ack, body }) => {
    await ack();
    deps.log.warn({ type: body.type }, 'unknown action ignored');
  });
  app.view({ callback_id: unknown(Object.values(CallbackId)) }, async ({ ack }) => {
    await ack();
    deps.log.warn('unknown view submission ignored');
  });
}
