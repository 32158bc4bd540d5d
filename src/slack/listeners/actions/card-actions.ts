import type { App, BlockButtonAction } from '@slack/bolt';
import { dismissRequest } from '../../../app/dismiss-request';
import { t } from '../../../i18n';
import { replyFor } from '../../error-replies';
import { ActionId } from '../../ids';
import type { ListenerContext } from '../context';
import { replyEphemeral } from '../reply';

/** Buttons on the triage card. Claiming and assigning arrive with the lifecycle. */
export function registerCardActions(app: App, ctx: ListenerContext): void {
  const { deps, inFlight, language } = ctx;

  for (const actionId of [ActionId.Claim, ActionId.Assign]) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body, client }) => {
      await ack();
      inFlight.run(() =>
        replyEphemeral(client, deps.log, { channel: body.channel?.id, user: body.user.id }, t(language, 'comingSoon')),
      );
    });
  }

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
