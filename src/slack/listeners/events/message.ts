import { intakeAtOnce, receiveMessage } from '../../../app/receive-message';
import { isExtSharedChannel, messageFactsFrom, teamIdOf } from '../../payloads';
import type { ListenerContext } from '../context';
import { handleMessageChange } from './workspace-events';
import type { ListenerRouter } from '../router';

export function registerMessage(on: ListenerRouter, ctx: ListenerContext): void {
  const { deps } = ctx;
  on.event('message', async ({ event, body }) => {
    if (await handleMessageChange(ctx, event)) return;
    const facts = messageFactsFrom(event);
    const teamId = deps.host.teamId ?? teamIdOf(body);
    if (!facts || !teamId) {
      deps.log.warn({ eventId: (body as { event_id?: string }).event_id }, 'malformed message event ignored');
      return;
    }
    const message = isExtSharedChannel(body) ? { ...facts, extSharedChannel: true } : facts;
    const received = await receiveMessage(deps, teamId, message);
    // Slack gets its answer when this returns; the intake runs right after it, in this process.
    // (While Slack refuses the token, the held-back job waits for it instead.)
    if (typeof received === 'object' && ctx.auth.ok) ctx.inFlight.run(() => intakeAtOnce(deps, teamId, message, received.atOnce));
  });
}
