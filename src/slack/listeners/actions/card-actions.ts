import type { App, BlockButtonAction } from '@slack/bolt';
import { claimRequest } from '../../../app/claim-request';
import { dismissRequest } from '../../../app/dismiss-request';
import { mention } from '../../blocks/mrkdwn';
import { t } from '../../../i18n';
import { replyFor } from '../../error-replies';
import { ActionId } from '../../ids';
import type { ListenerContext } from '../context';
import { replyEphemeral } from '../reply';

/** Buttons on the triage card. */
export function registerCardActions(app: App, ctx: ListenerContext): void {
  const { deps, inFlight, language } = ctx;

  // Assigning someone else (a user picker) arrives with the rest of the lifecycle.
  app.action<BlockButtonAction>(ActionId.Assign, async ({ ack, body, client }) => {
    await ack();
    inFlight.run(() =>
      replyEphemeral(client, deps.log, { channel: body.channel?.id, user: body.user.id }, t(language, 'comingSoon')),
    );
  });

  app.action<BlockButtonAction>(ActionId.Claim, async ({ ack, body, action, client }) => {
    await ack();
    const requestId = action.value;
    const where = { channel: body.channel?.id, user: body.user.id };
    if (!requestId) {
      deps.log.warn({ actionId: ActionId.Claim }, 'malformed action ignored (no value)');
      return;
    }
    inFlight.run(async () => {
      try {
        const request = await claimRequest(deps, deps.host.teamId, requestId, body.user.id);
        await replyEphemeral(client, deps.log, where, t(language, 'claim.done', { client: mention(request.clientUserId) }));
      } catch (error) {
        const text = replyFor(error, { lang: language, log: deps.log, teamName: deps.host.teamName }, { requestId, user: body.user.id });
        await replyEphemeral(client, deps.log, where, text);
      }
    });
  });

  app.action<BlockButtonAction>(ActionId.Dismiss, async ({ ack, body, action, client }) => {
    await ack();
    const requestId = action.value;
    const where = { channel: body.channel?.id, user: body.user.id };
    if (!requestId) {
      deps.log.warn({ actionId: ActionId.Dismiss }, 'malformed action ignored (no value)');
      return;
    }
    inFlight.run(async () => {
      try {
        await dismissRequest(deps, deps.host.teamId, requestId, body.user.id);
      } catch (error) {
        const text = replyFor(error, { lang: language, log: deps.log, teamName: deps.host.teamName }, { requestId, user: body.user.id });
        await replyEphemeral(client, deps.log, where, text);
      }
    });
  });
}
