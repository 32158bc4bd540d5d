/** Buttons on the triage card (and [Claim] on a triage reminder). [Assign…] is a modal opener. */
import { dismissRequest } from '../../../app/dismiss-request';
import { claimRequest } from '../../../app/lifecycle/owning';
import { t } from '../../../i18n';
import { mention } from '../../blocks/mrkdwn';
import { ActionId } from '../../ids';
import type { ListenerContext } from '../context';
import { onRequestButton } from './request-buttons';
import type { ListenerRouter } from '../router';

export function registerCardActions(on: ListenerRouter, ctx: ListenerContext): void {
  const { deps, language } = ctx;

  onRequestButton(on, ctx, ActionId.Claim, async ({ requestId, userId }) => {
    const request = await claimRequest(deps, deps.host.teamId, requestId, userId);
    return { reply: t(language, 'claim.done', { client: mention(request.clientUserId) }) };
  });

  onRequestButton(on, ctx, ActionId.Dismiss, async ({ requestId, userId }) => {
    await dismissRequest(deps, deps.host.teamId, requestId, userId);
    return undefined; // the card itself shows the dismissal
  });
}
