/**
 * [Pass on our thanks] in a team lead's weekly digest. The thank-you is recorded (its outbox job)
 * before Slack gets its answer: a crash before the answer shows the lead an error and they click
 * again; one after it has the job to deliver. The row's button then gives way to what was done.
 */
import type { App, BlockButtonAction } from '@slack/bolt';
import { isKuittausError } from '../../../app/errors/kuittaus-error';
import { type PassOnOutcome, passOnThanks } from '../../../app/pass-on-thanks';
import { t } from '../../../i18n';
import { answeredOffer, parseThanksOfferValue } from '../../blocks/thanks';
import { channelLink, mention } from '../../blocks/mrkdwn';
import { replyFor } from '../../error-replies';
import { ActionId } from '../../ids';
import type { ListenerContext } from '../context';
import { replyEphemeral } from '../reply';

export function registerThanksActions(app: App, { deps, language }: ListenerContext): void {
  app.action<BlockButtonAction>(ActionId.PassOnThanks, async ({ ack, body, action, client }) => {
    const clicked = parseThanksOfferValue(action.value);
    if (!clicked) {
      await ack();
      deps.log.warn({ actionId: ActionId.PassOnThanks }, 'malformed action ignored (no thanks offer)');
      return;
    }
    const userId = body.user.id;
    const { channelId } = clicked.offer;
    let outcome: PassOnOutcome;
    try {
      outcome = await passOnThanks(deps, deps.host.teamId, { ...clicked, userId });
    } catch (error) {
      await ack();
      const reply = isKuittausError(error, 'NOT_TEAM_LEAD')
        ? t(language, 'thanks.notLead', { channel: channelLink(channelId) })
        : replyFor(error, { lang: language, log: deps.log, teamName: deps.host.teamName }, { actionId: ActionId.PassOnThanks, channelId, user: userId });
      return replyEphemeral(client, deps.log, { channel: body.channel?.id, user: userId }, reply);
    }
    await ack();
    const by = mention(outcome.outcome === 'already' ? outcome.by : userId);
    const done = t(language, outcome.outcome === 'already' ? 'thanks.done.already' : 'thanks.done.passingOn', { by, channel: channelLink(channelId) });
    const message = body.message as { ts?: string; text?: string; blocks?: unknown[] } | undefined;
    if (!body.channel?.id || !message?.ts || !message.blocks) return;
    try {
      await client.chat.update({ channel: body.channel.id, ts: message.ts, text: message.text ?? '', blocks: answeredOffer(message.blocks, channelId, done) as never });
    } catch (error) {
      deps.log.warn({ err: error, channelId }, 'could not mark the thanks offer answered');
      await replyEphemeral(client, deps.log, { channel: body.channel.id, user: userId }, done);
    }
  });
}
