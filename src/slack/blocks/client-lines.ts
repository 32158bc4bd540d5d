/**
 * Lines the client reads between the owner's updates: the holding line when a promised update is
 * overdue, and the messages of a wait on the client (what we need, the gentle reminder, "back on
 * it"). Pure: data in, { text, blocks } out. The owner's words are escaped like client text.
 */
import type { TrackedRequest } from '../../domain/request';
import type { Language } from '../../domain/settings';
import { t } from '../../i18n';
import { section } from './elements';
import { escapeMrkdwn, mention } from './mrkdwn';

type Message = { text: string; blocks: unknown[] };

const message = (text: string): Message => ({ text, blocks: [section(text)] });

/** "We owe you an update — Aino has been reminded, and you'll hear from us by 14:09 today." */
export function holdingLineMessage(input: { language: Language; ownerName?: string; time: string }): Message {
  const { language: lang, ownerName, time } = input;
  return message(
    ownerName ? t(lang, 'client.holdingLine', { owner: escapeMrkdwn(ownerName), time }) : t(lang, 'client.holdingLineTeam', { time }),
  );
}

/** What we need from the client: asked when the wait begins, and again, gently, when they stay silent. */
export function waitingMessage(request: Pick<TrackedRequest, 'clientName' | 'clientUserId'>, step: 'asked' | 'nudged', need: string, lang: Language): Message {
  if (step === 'asked') return message(t(lang, 'client.waitingAsk', { need: escapeMrkdwn(need) }));
  // Slack would not tell us their name (user_not_visible): Slack shows the mention as their name.
  const name = request.clientName === '' ? mention(request.clientUserId) : escapeMrkdwn(request.clientName);
  return message(t(lang, 'client.waitingNudge', { name, need: escapeMrkdwn(need) }));
}

/** "Thanks — we're back on it; next update by …." */
export function backOnItMessage(lang: Language, time: string): Message {
  return message(t(lang, 'client.backOnIt', { time }));
}
