import type { App, BlockButtonAction } from '@slack/bolt';
import { claimRequest } from '../../../app/claim-request';
import { dismissRequest } from '../../../app/dismiss-request';
import { t } from '../../../i18n';
import { mention } from '../../blocks/mrkdwn';
import { replyFor } from '../../error-replies';
import { ActionId } from '../../ids';
import type { ListenerContext } from '../context';
import { replyEphemeral } from '../reply';

/** Buttons on the triage card. */
export function registerCardActions(app: App, ctx: ListenerContext): void {
  const { deps, language } = ctx;

  // Assigning someone else (a user picker) arrives with the rest of the lifecycle.
  onCardButton(app, ctx, ActionId.Assign, async () => t(language, 'comingSoon'));

  onCardButton(app, ctx, ActionId.Claim, async (requestId, userId) => {
    const request = await claimRequest(deps, deps.host.teamId, requestId, userId);
    return t(language, 'claim.done', { client: mention(request.clientUserId) });
  });

  onCardButton(app, ctx, ActionId.Dismiss, async (requestId, userId) => {
    await dismissRequest(deps, deps.host.teamId, requestId, userId);
    return undefined; // the card itself shows the dismissal
  });
}

/**
 * ack() at once, then run the use case after the response (interactions are not retried by
 * Slack); its answer, or the friendly text of its error, goes to the clicker as an ephemeral.
 */
function onCardButton(
  app: App,
  { deps, inFlight, language }: ListenerContext,
  actionId: string,
  handle: (requestId: string, userId: string) => Promise<string | undefined>,
): void {
  app.action<BlockButtonAction>(actionId, async ({ ack, body, action, client }) => {
    await ack();
    const requestId = action.value;
    const userId = body.user.id;
    const where = { channel: body.channel?.id, user: userId };
    if (!requestId) {
      deps.log.warn({ actionId }, 'malformed action ignored (no value)');
      return;
    }
    inFlight.run(async () => {
      let reply: string | undefined;
      try {
        reply = await handle(requestId, userId);
      } catch (error) {
        reply = replyFor(error, { lang: language, log: deps.log, teamName: deps.host.teamName }, { actionId, requestId, user: userId });
      }
      if (reply) await replyEphemeral(client, deps.log, where, reply);
    });
  });
}
