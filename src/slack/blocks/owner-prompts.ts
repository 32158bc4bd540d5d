/**
 * Messages to consultants and team leads (DMs, the triage thread): the ETA question, update
 * reminders, "On track?", the missed-ETA prompt, escalations, the client-wrote notice and the
 * reopen offer. Pure: data in, { text, blocks } out. Every button carries the request id.
 */
import type { TrackedRequest } from '../../domain/request';
import type { Language } from '../../domain/settings';
import { t, tn } from '../../i18n';
import { ActionId, BlockId } from '../ids';
import { button, section } from './elements';
import { escapeMrkdwn, mention } from './mrkdwn';
import { type RequestRef, clientOf, excerptLink } from './request-summary';

export interface PromptInput extends RequestRef {
  request: TrackedRequest;
  language: Language;
}

type Message = { text: string; blocks: unknown[] };

const actions = (...elements: unknown[]) => ({ type: 'actions', block_id: BlockId.PromptActions, elements });

function message(text: string, ...extra: unknown[]): Message {
  return { text, blocks: [section(text), ...extra] };
}

export function askEtaMessage(input: PromptInput): Message {
  const { request: r, language: lang } = input;
  const text = t(lang, 'prompt.askEta', { client: clientOf(input), excerpt: excerptLink(input) });
  return message(text, actions(button(ActionId.SetEta, t(lang, 'button.setEta'), r.id, 'primary')));
}

/** The update reminder to the owner, with every answer one click away. */
export function reminderMessage(input: PromptInput & { dueTime: string }): Message {
  const { request: r, language: lang } = input;
  const text = t(lang, 'prompt.reminder', { time: input.dueTime, client: clientOf(input), excerpt: excerptLink(input) });
  return message(text, updateActions(r.id, lang));
}

/** The buttons of a reminder; also under the client-wrote notice. */
export function updateActions(requestId: string, lang: Language) {
  return actions(
    button(ActionId.PostUpdate, t(lang, 'button.postUpdate'), requestId, 'primary'),
    button(ActionId.StillOnIt, t(lang, 'button.stillOnIt'), requestId),
    button(ActionId.SetEta, t(lang, 'button.changeEta'), requestId),
    button(ActionId.WaitOnClient, t(lang, 'button.waitOnClient'), requestId),
    button(ActionId.Resolve, t(lang, 'button.resolved'), requestId),
  );
}

/** Unowned: the reminder goes to the triage channel, with [Claim]. */
export function triageReminderMessage(input: PromptInput & { dueTime: string }): Message {
  const { request: r, language: lang } = input;
  const text = t(lang, 'prompt.reminderTriage', { time: input.dueTime, client: clientOf(input), excerpt: excerptLink(input) });
  return message(text, actions(button(ActionId.Claim, t(lang, 'card.button.claim'), r.id, 'primary')));
}

export function onTrackMessage(input: PromptInput & { eta: string }): Message {
  const { request: r, language: lang } = input;
  const text = t(lang, 'prompt.onTrack', { eta: input.eta, client: clientOf(input), excerpt: excerptLink(input) });
  return message(
    text,
    actions(
      button(ActionId.OnTrackYes, t(lang, 'button.yes'), r.id, 'primary'),
      button(ActionId.SetEta, t(lang, 'button.reviseEta'), r.id),
      button(ActionId.Resolve, t(lang, 'button.resolved'), r.id),
    ),
  );
}

export function etaMissedMessage(input: PromptInput & { eta: string }): Message {
  const { request: r, language: lang } = input;
  const text = t(lang, 'prompt.etaMissed', { eta: input.eta, client: clientOf(input), excerpt: excerptLink(input) });
  return message(
    text,
    actions(
      button(ActionId.SetEta, t(lang, 'button.reviseEta'), r.id, 'primary'),
      button(ActionId.Resolve, t(lang, 'button.resolved'), r.id),
    ),
  );
}

/** To a team lead: the owner's ETA passed. Information only; the owner has the buttons. */
export function etaMissedLeadMessage(input: PromptInput & { eta: string }): Message {
  const { request: r, language: lang } = input;
  const owner = r.ownerId ? mention(r.ownerId) : t(lang, 'prompt.nobody');
  return message(t(lang, 'prompt.etaMissedLead', { owner, eta: input.eta, client: clientOf(input), excerpt: excerptLink(input) }));
}

/** To a team lead: an update is overdue by the grace period. */
export function escalationMessage(input: PromptInput & { dueTime: string }): Message {
  const { request: r, language: lang } = input;
  const owner = r.ownerId ? mention(r.ownerId) : t(lang, 'prompt.nobody');
  const text = t(lang, 'prompt.escalation', { time: input.dueTime, client: clientOf(input), owner, excerpt: excerptLink(input) });
  return r.ownerId ? message(text) : message(text, actions(button(ActionId.Assign, t(lang, 'card.button.assign'), r.id)));
}

/** To the owner: the client has not answered while we waited, reminded once already; [Post update] [Resolved]. */
export function clientSilentMessage(input: PromptInput & { days: number; need: string }): Message {
  const { request: r, language: lang } = input;
  const text = tn(lang, 'prompt.clientSilent', input.days, { client: clientOf(input), need: escapeMrkdwn(input.need), excerpt: excerptLink(input) });
  return message(
    text,
    actions(
      button(ActionId.PostUpdate, t(lang, 'button.postUpdate'), r.id, 'primary'),
      button(ActionId.Resolve, t(lang, 'button.resolved'), r.id),
    ),
  );
}

/** To the owner: the client wrote in the thread of an open request. */
export function clientWroteMessage(input: PromptInput & { threadUrl: string }): Message {
  const { request: r, language: lang } = input;
  const text = t(lang, 'prompt.clientWrote', { client: clientOf(input), excerpt: excerptLink(input) });
  return message(`${text}\n<${input.threadUrl}|${t(lang, 'prompt.openThread')}>`, updateActions(r.id, lang));
}

/** To the owner: the client wrote after the request was resolved, within the reopen window. */
export function reopenOfferMessage(input: PromptInput & { resolved: string; threadUrl: string }): Message {
  const { request: r, language: lang } = input;
  const text = t(lang, 'prompt.reopenOffer', { client: clientOf(input), resolved: input.resolved });
  return message(
    `${text}\n${excerptLink(input)} · <${input.threadUrl}|${t(lang, 'prompt.openThread')}>`,
    actions(
      button(ActionId.Reopen, t(lang, 'button.reopen'), r.id, 'primary'),
      button(ActionId.NoActionNeeded, t(lang, 'button.noAction'), r.id),
    ),
  );
}

/** A prompt after it was answered: its text, the buttons replaced by what was done. */
export function answeredPrompt(originalText: string, done: string): Message {
  return { text: originalText, blocks: [section(originalText), { type: 'context', elements: [{ type: 'mrkdwn', text: `:white_check_mark: ${done}` }] }] };
}
