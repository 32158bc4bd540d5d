/**
 * Interactions no listener of ours claims (an action or modal the app never sent, a forged
 * payload): acknowledged at once and logged, instead of Slack waiting 3 s for a 404.
 */
import type { ListenerContext } from './context';
import type { Unclaimed } from './router';

export function unclaimedInteractions({ deps }: ListenerContext): Unclaimed {
  return {
    action: async ({ ack, body }) => {
      await ack();
      deps.log.warn({ type: body.type }, 'unknown action ignored');
    },
    view: async ({ ack, body }) => {
      await ack();
      if (body.type === 'view_submission') deps.log.warn('unknown view submission ignored');
    },
  };
}
