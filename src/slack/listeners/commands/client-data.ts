/**
 * `/status export …` and `/status erase …` (team leads): the export goes to the lead by DM as a
 * JSON file; the erasure is asked for once more ([Erase], behind Slack's confirmation dialog) and
 * done only when pressed. Both answer through the response_url: they read every request stored.
 */
import type { BlockButtonAction, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { isKuittausError } from '../../../app/errors/kuittaus-error';
import { countClientData, eraseClientData, exportClientData } from '../../../app/retention/client-data';
import type { DataSubject } from '../../../app/retention/ports';
import { t, tn } from '../../../i18n';
import { eraseConfirmation, subjectLink, subjectOfValue } from '../../blocks/client-data';
import { replyFor } from '../../error-replies';
import { ActionId } from '../../ids';
import type { ListenerContext } from '../context';
import type { ListenerRouter } from '../router';

type Answer = { text: string; blocks?: unknown[] };

function refusal(ctx: ListenerContext, error: unknown, context: Record<string, unknown>): Answer {
  if (isKuittausError(error, 'NOT_TEAM_LEAD')) return { text: t(ctx.language, 'data.notLead') };
  return { text: replyFor(error, { lang: ctx.language, log: ctx.deps.log, teamName: ctx.deps.host.teamName }, context) };
}

const reply = (respond: RespondFn, answer: Answer) =>
  respond({ response_type: 'ephemeral', replace_original: true, text: answer.text, ...(answer.blocks ? { blocks: answer.blocks as never } : {}) });

/** The export of `subject`, as a file in the DM of the lead who asked. */
export async function sendExport(ctx: ListenerContext, subject: DataSubject, userId: string, client: WebClient, respond: RespondFn): Promise<void> {
  const { deps, language } = ctx;
  let answer: Answer;
  try {
    const data = await exportClientData(deps, deps.host.teamId, userId, subject);
    const who = subjectLink(subject);
    if (data.requests.length === 0) {
      answer = { text: t(language, 'data.nothing', { subject: who }) };
    } else {
      const dm = (await client.conversations.open({ users: userId })).channel?.id;
      if (!dm) throw new Error('conversations.open answered without a channel id');
      const name = 'channelId' in subject ? subject.channelId : subject.userId;
      const count = data.requests.length;
      await client.filesUploadV2({
        channel_id: dm,
        filename: `kuittaus-export-${name}-${data.exportedAt.slice(0, 10)}.json`,
        title: `Kuittaus export ${name}`,
        content: JSON.stringify(data, null, 2),
        initial_comment: tn(language, 'data.exportComment', count, { subject: who }),
      });
      answer = { text: tn(language, 'data.exportSent', count, { subject: who }) };
    }
  } catch (error) {
    answer = refusal(ctx, error, { command: 'export', user: userId });
  }
  await reply(respond, answer).catch((error: unknown) => deps.log.warn({ err: error }, 'could not answer through the response_url'));
}

/** What an erasure of `subject` would delete, with [Erase]. */
export async function askToErase(ctx: ListenerContext, subject: DataSubject, userId: string, respond: RespondFn): Promise<void> {
  const { deps, language } = ctx;
  let answer: Answer;
  try {
    const count = await countClientData(deps, deps.host.teamId, userId, subject);
    answer = count === 0 ? { text: t(language, 'data.nothing', { subject: subjectLink(subject) }) } : eraseConfirmation(language, subject, count);
  } catch (error) {
    answer = refusal(ctx, error, { command: 'erase', user: userId });
  }
  await reply(respond, answer).catch((error: unknown) => deps.log.warn({ err: error }, 'could not answer through the response_url'));
}

export function registerClientData(on: ListenerRouter, ctx: ListenerContext): void {
  const { deps, language } = ctx;
  on.action<BlockButtonAction>(ActionId.StatusErase, async ({ ack, body, action, respond }) => {
    await ack();
    const subject = subjectOfValue(action.value);
    if (!subject) {
      deps.log.warn({ actionId: ActionId.StatusErase }, 'malformed action ignored');
      return;
    }
    ctx.inFlight.run(async () => {
      let answer: Answer;
      try {
        const count = await eraseClientData(deps, deps.host.teamId, body.user.id, subject);
        answer = { text: tn(language, 'data.erased', count, { subject: subjectLink(subject) }) };
      } catch (error) {
        answer = refusal(ctx, error, { actionId: ActionId.StatusErase, user: body.user.id });
      }
      await reply(respond, answer).catch((error: unknown) => deps.log.warn({ err: error }, 'could not answer through the response_url'));
    });
  });
}
