/**
 * The two kinds of buttons that carry a request id: one-click actions (run a use case, answer the
 * clicker) and modal openers (check the clicker, open the modal while the trigger id lives).
 */
import type { BlockButtonAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { assertInternal } from '../../../app/assert-internal';
import { assertButtonOnItsCard } from '../../../app/button-origin';
import { isRequestId } from '../../../domain/request';
import { markAnswered } from '../mark-answered';
import { replyFor } from '../../error-replies';
import type { ListenerContext } from '../context';
import { replyEphemeral } from '../reply';
import type { ListenerRouter } from '../router';

export interface Clicked {
  requestId: string;
  userId: string;
  /** Where the button was: a DM, the triage channel… */
  channelId: string | undefined;
  message: { ts: string; text: string; threadTs?: string } | undefined;
}

export interface ButtonOutcome {
  /** An ephemeral answer to the clicker. */
  reply?: string;
  /** Replace the prompt's buttons with this note (prompts in DMs and threads). */
  answered?: string;
}

function clickedFrom(body: BlockButtonAction, action: BlockButtonAction['actions'][number]): Clicked | undefined {
  if (!action.value || !isRequestId(action.value)) return undefined;
  const message = body.message as { ts?: string; text?: string; thread_ts?: string } | undefined;
  return {
    requestId: action.value,
    userId: body.user.id,
    channelId: body.channel?.id,
    message: message?.ts
      ? { ts: message.ts, text: message.text ?? '', ...(message.thread_ts ? { threadTs: message.thread_ts } : {}) }
      : undefined,
  };
}

/** A click on a button carrying a request id: ack() at once; a click without one is logged and ignored. */
function onClick(
  on: ListenerRouter,
  log: ListenerContext['deps']['log'],
  actionId: string,
  run: (clicked: Clicked, body: BlockButtonAction, client: WebClient) => Promise<void> | void,
): void {
  on.action<BlockButtonAction>(actionId, async ({ ack, body, action, client }) => {
    await ack();
    const clicked = clickedFrom(body, action);
    if (!clicked) {
      log.warn({ actionId }, 'malformed action ignored (no request id)');
      return;
    }
    await run(clicked, body, client);
  });
}

/**
 * ack() at once, then run the use case after the response (interactions are not retried by
 * Slack); its answer, or the friendly text of its error, goes to the clicker.
 */
export function onRequestButton(
  on: ListenerRouter,
  { deps, inFlight, language }: ListenerContext,
  actionId: string,
  handle: (clicked: Clicked) => Promise<ButtonOutcome | undefined>,
): void {
  onClick(on, deps.log, actionId, (clicked, _body, client) => {
    const where = { channel: clicked.channelId, user: clicked.userId };
    // The same person pressing the same button on the same message changes things once.
    const click = clicked.message ? `${actionId}:${clicked.requestId}:${clicked.userId}:${clicked.channelId ?? ''}:${clicked.message.ts}` : undefined;
    inFlight.run(async () => {
      let outcome: ButtonOutcome | undefined;
      try {
        await assertButtonOnItsCard(deps, clicked);
        if (click && !(await deps.clicks.claim(deps.host.teamId, click))) {
          deps.log.info({ actionId, requestId: clicked.requestId }, 'the same click again: ignored');
          return;
        }
        outcome = await handle(clicked).catch(async (error: unknown) => {
          if (click) await deps.clicks.release(deps.host.teamId, click).catch(() => undefined);
          throw error;
        });
      } catch (error) {
        const reply = replyFor(error, { lang: language, log: deps.log, teamName: deps.host.teamName }, { actionId, requestId: clicked.requestId, user: clicked.userId });
        return replyEphemeral(client, deps.log, where, reply);
      }
      if (outcome?.answered && clicked.channelId && clicked.message) {
        await markAnswered(client, deps.log, clicked.channelId, clicked.message, outcome.answered);
      }
      if (outcome?.reply) await replyEphemeral(client, deps.log, where, outcome.reply);
    });
  });
}

/** Buttons that open a modal: only internal users get one; everyone else a refusal. */
export function onModalButton(
  on: ListenerRouter,
  { deps, language }: ListenerContext,
  actionId: string,
  build: (clicked: Clicked) => Promise<Record<string, unknown>>,
): void {
  onClick(on, deps.log, actionId, async (clicked, body, client) => {
    try {
      await assertInternal(deps, deps.host.teamId, clicked.userId);
      await assertButtonOnItsCard(deps, clicked);
      const view = await build(clicked);
      await client.views.open({ trigger_id: body.trigger_id, view: view as never });
    } catch (error) {
      const reply = replyFor(error, { lang: language, log: deps.log, teamName: deps.host.teamName }, { actionId, requestId: clicked.requestId, user: clicked.userId });
      await replyEphemeral(client, deps.log, { channel: clicked.channelId, user: clicked.userId }, reply);
    }
  });
}

