/**
 * Feedback both ways: the thank-you the client reads in their thread after reacting, and the
 * notice the owner and the team leads get for a :-1: or :neutral_face:. Pure.
 */
import type { Rating } from '../../domain/feedback';
import type { TrackedRequest } from '../../domain/request';
import type { Language } from '../../domain/settings';
import { t } from '../../i18n';
import { context, section } from './elements';
import { escapeMrkdwn, link, mention } from './mrkdwn';
import { type RequestRef, clientOf, excerptLink } from './request-summary';

type Message = { text: string; blocks: unknown[] };

/** "Thanks for your feedback, Maria. …" in the client's thread. */
export function feedbackThanksMessage(request: Pick<TrackedRequest, 'clientName' | 'clientUserId'>, rating: Rating, lang: Language): Message {
  // Slack would not tell us their name (user_not_visible): Slack shows the mention as their name.
  const name = request.clientName === '' ? mention(request.clientUserId) : escapeMrkdwn(request.clientName);
  const text = t(lang, rating === 'positive' ? 'feedback.thanks.positive' : 'feedback.thanks.critical', { name });
  return { text, blocks: [section(text)] };
}

export interface FeedbackAlertInput extends RequestRef {
  request: TrackedRequest;
  rating: Exclude<Rating, 'positive'>;
  language: Language;
  /** The closing message in its thread. */
  threadUrl: string;
  /** Who reacted, when not the client who asked (a colleague of theirs). */
  reactorId?: string;
}

/** To the owner and the team leads: the client's critical feedback, the request and its thread. */
export function feedbackAlertMessage(input: FeedbackAlertInput): Message {
  const { request, rating, language: lang } = input;
  const owner = request.ownerId ? mention(request.ownerId) : t(lang, 'prompt.nobody');
  const who = clientOf(input.reactorId ? { ...input, request: { ...request, clientUserId: input.reactorId } } : input);
  const text = t(lang, rating === 'negative' ? 'feedback.alert.negative' : 'feedback.alert.neutral', { client: who, owner, excerpt: excerptLink(input) });
  const hint = `${t(lang, 'feedback.alert.hint')} ${link(input.threadUrl, t(lang, 'prompt.openThread'))}`;
  return { text: `${text}\n${hint}`, blocks: [section(text), context(hint)] };
}
