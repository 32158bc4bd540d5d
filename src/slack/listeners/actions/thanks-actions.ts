/**
 * [Pass on our thanks] in a team lead's weekly digest. The thank-you is recorded (who passed it on,
 * and its outbox job) before Slack gets its answer: a crash before the answer shows the lead an
 * error and they click again; one after it has the job to deliver. After the answer, the row's
 * button gives way to what was done (or the lead reads why not).
 */
import type { BlockButtonAction } from '@slack/bolt';
import { isKuittausError } from '../../../app/errors/kuittaus-error';
import { type PassOnOutcome, passOnThanks } from '../../../app/pass-on-thanks';
import type { Language } from '../../../domain/settings';
import { t } from '../../../i18n';
import { answeredOffer, parseThanksOfferValue } from '../../blocks/thanks';
import { failedReason } from '../../blocks/failure-notice';
import { channelLink, mention } from '../../blocks/mrkdwn';
import { replyFor } from '../../error-replies';
import { ActionId } from '../../ids';
import type { ListenerContext } from '../context';
import { replyEphemeral } from '../reply';
import type { ListenerRouter } from '../router';

/** What the lead reads; `done` when the row's button goes (the thanks are on their way, or were posted). */
function answerTo(outcome: PassOnOutcome, channelId: string, lang: Language): { text: string; done: boolean } {
  const channel = channelLink(channelId);
  switch (outcome.outcome) {
    case 'passing_on':
      return { text: t(lang, 'thanks.done.passingOn', { by: mention(outcome.by), channel }), done: true };
    case 'already':
      return { text: t(lang, 'thanks.done.already', { by: mention(outcome.by), channel }), done: true };
    case 'channel_lost':
      return { text: t(lang, 'thanks.channelLost', { channel, reason: failedReason(outcome.reason, lang) }), done: false };
    case 'too_late':
      return { text: t(lang, 'thanks.tooLate', { channel }), done: true };
  }
}

export function registerThanksActions(on: ListenerRouter, { deps, inFlight, language }: ListenerContext): void {
  on.action<BlockButtonAction>(ActionId.PassOnThanks, async ({ ack, body, action, client }) => {
    await ack();
    const clicked = parseThanksOfferValue(action.value);
    if (!clicked) {
      deps.log.warn({ actionId: ActionId.PassOnThanks }, 'malformed action ignored (no thanks offer)');
      return;
    }
    const userId = body.user.id;
    const { channelId } = clicked.offer;
    const where = { channel: body.channel?.id, user: userId };
    let answer: { text: string; done: boolean };
    try {
      // Before Slack's answer (it is sent when this listener returns).
      answer = answerTo(await passOnThanks(deps, deps.host.teamId, { ...clicked, userId }), channelId, language);
    } catch (error) {
      const reply = isKuittausError(error, 'NOT_TEAM_LEAD')
        ? t(language, 'thanks.notLead', { channel: channelLink(channelId) })
        : replyFor(error, { lang: language, log: deps.log, teamName: deps.host.teamName }, { actionId: ActionId.PassOnThanks, channelId, user: userId });
      inFlight.run(() => replyEphemeral(client, deps.log, where, reply));
      return;
    }
    const message = body.message as { ts?: string; text?: string; blocks?: unknown[] } | undefined;
    inFlight.run(async () => {
      if (!answer.done || !where.channel || !message?.ts || !message.blocks) return replyEphemeral(client, deps.log, where, answer.text);
      try {
        await client.chat.update({ channel: where.channel, ts: message.ts, text: message.text ?? '', blocks: answeredOffer(message.blocks, channelId, answer.text) as never });
      } catch (error) {
        deps.log.warn({ err: error, channelId }, 'could not mark the thanks offer answered');
        await replyEphemeral(client, deps.log, where, answer.text);
      }
    });
  });
}
