import type { App } from '@slack/bolt';
import type { ListenerContext } from '../context';

/** The tracking reaction (default :ticket:) by an internal user tracks the message. */
export function registerReactionAdded(app: App, { deps }: ListenerContext): void {
  app.event('reaction_added', async ({ event }) => {
    if (event.reaction !== deps.trackReaction || event.item.type !== 'message') return;
    await deps.intake.add({
      kind: 'track',
      teamId: deps.host.teamId,
      trigger: 'reaction',
      actorId: event.user,
      channelId: event.item.channel,
      ts: event.item.ts,
    });
  });
}
