/**
 * What people on our side read when something could not be delivered for good: what, for whom,
 * where, why, and what to do. Pure: data in, { text, blocks } out.
 */
import { CLIENT_FACING_INTENTS } from '../../app/ports';
import type { TrackedRequest } from '../../domain/request';
import type { Language } from '../../domain/settings';
import { type MessageKey, catalogs, t } from '../../i18n';
import { section } from './elements';
import { type RequestRef, clientOf, excerptLink } from './request-summary';


const KNOWN_REASONS = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action', 'msg_too_long', 'channel_unshared']);

/** "a status update", "the triage card" … for an outbox, timer or intake kind. */
export function failedWhat(kind: string, lang: Language): string {
  const key = `failure.what.${kind}`;
  return t(lang, Object.hasOwn(catalogs[lang], key) ? (key as MessageKey) : 'failure.what.other');
}

/** "Kuittaus is not a member of the channel", or "Slack answered `some_code`". */
export function failedReason(code: string, lang: Language): string {
  if (KNOWN_REASONS.has(code)) return t(lang, `failure.reason.${code}` as MessageKey);
  return t(lang, 'failure.reason.other', { code: `\`${code.replace(/[`<>&]/g, '')}\`` });
}

export interface FailureNoticeInput extends Partial<RequestRef> {
  request?: TrackedRequest;
  channelId?: string;
  failed: string;
  code: string;
  language: Language;
}

export function failureNoticeMessage(input: FailureNoticeInput): { text: string; blocks: unknown[] } {
  const { language: lang, failed, code } = input;
  const what = failedWhat(failed, lang);
  const reason = failedReason(code, lang);
  const channelId = input.request?.channelId ?? input.channelId;
  const channel = channelId ? `<#${channelId}>` : '—';
  const lines = [
    input.request && input.workspaceUrl
      ? t(lang, 'failure.notice', { what, client: clientOf(input as RequestRef), channel, reason })
      : t(lang, 'failure.noticeNoRequest', { what, channel, reason }),
  ];
  if (CLIENT_FACING_INTENTS.has(failed)) lines.push(t(lang, 'failure.clientNotTold'));
  lines.push(t(lang, failed === 'channel' ? 'failure.channelPaused' : 'failure.fix'));
  if (input.request && input.workspaceUrl) lines.push(excerptLink(input as RequestRef));
  const text = lines.join('\n');
  return { text, blocks: [section(text)] };
}

/** The card's warning line while something of the request is undelivered ("client_update:not_in_channel"). */
export function undeliveredLine(undelivered: string, lang: Language): string {
  const [kind = 'other', code = 'unknown'] = undelivered.split(':');
  return t(lang, 'card.undelivered', { what: failedWhat(kind, lang), reason: failedReason(code, lang) });
}
