import { resolveByReaction } from '../../../app/lifecycle/resolution';
import { recordFeedback, withdrawFeedback } from '../../../app/feedback';
import { isKuittausError } from '../../../app/errors/kuittaus-error';
import { RESOLVED } from '../../../app/reactions';
import type { ListenerContext } from '../context';
import type { ListenerRouter } from '../router';

/**
 * Reactions that mean something: the tracking reaction (default :ticket:) by an internal user
 * tracks the message; :white_check_mark: by the owner on the client's message resolves the
 * request; :+1: :neutral_face: :-1: on the closing message are feedback, and taking one back
 * (reaction_removed) withdraws it.
 */
export function registerReactionAdded(on: ListenerRouter, { deps }: ListenerContext): void {
  on.event('reaction_added', async ({ event }) => {
    if (event.item.type !== 'message') return;
    const teamId = deps.host.teamId;
    const { channel, ts } = event.item;
    if (event.reaction === deps.trackReaction) {
      await deps.intake.add({ kind: 'track', teamId, trigger: 'reaction', actorId: event.user, channelId: channel, ts });
      return;
    }
    if (event.reaction === RESOLVED) {
      await resolveByReaction(deps, teamId, channel, ts, event.user).catch((error: unknown) => {
        // Closed meanwhile, or the user cannot act: the check mark stays a plain reaction.
        if (!isKuittausError(error)) throw error;
        deps.log.info({ code: error.code, channel, ts }, 'check mark did not resolve');
      });
      return;
    }
    await recordFeedback(deps, teamId, channel, ts, event.user, event.reaction);
  });

  on.event('reaction_removed', async ({ event }) => {
    if (event.item.type !== 'message') return;
    await withdrawFeedback(deps, deps.host.teamId, event.item.channel, event.item.ts, event.user, event.reaction);
  });
}
