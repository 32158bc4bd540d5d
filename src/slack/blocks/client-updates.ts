/**
 * What the client reads in their thread after the acknowledgement: ETAs and their revisions,
 * updates, "still on it", reopening and the closing message. Every update ends with when the next
 * one comes. Consultant-written text is escaped like client text: it must not ping anyone either.
 */
import type { Language } from '../../domain/settings';
import { formatDueTime, t } from '../../i18n';
import type { ClientUpdate } from '../../jobs/job-schemas';
import { section } from './elements';
import { escapeMrkdwn } from './mrkdwn';

export interface ClientTextInput {
  language: Language;
  timezone: string;
  now: number;
}

type Message = { text: string; blocks: unknown[] };

export function clientUpdateMessage(update: ClientUpdate, { language: lang, timezone, now }: ClientTextInput): Message {
  const time = (at: number) => formatDueTime(at, now, timezone, lang);
  const lines: string[] = [];
  switch (update.type) {
    case 'text':
      lines.push(escapeMrkdwn(update.text.trim()));
      if (update.etaAt !== undefined) lines.push(etaLine(lang, time, update.etaAt, update.previousEtaAt));
      break;
    case 'still_on_it':
      lines.push(t(lang, 'client.stillOnIt'));
      break;
    case 'eta':
      lines.push(update.etaAt === undefined ? t(lang, 'client.etaUnknown') : etaLine(lang, time, update.etaAt, update.previousEtaAt));
      if (update.reason?.trim()) {
        const key = update.previousEtaAt !== undefined ? 'client.reason' : 'client.note';
        lines.push(t(lang, key, { [key === 'client.reason' ? 'reason' : 'note']: escapeMrkdwn(update.reason.trim()) }));
      }
      break;
    case 'reopened':
      lines.push(t(lang, 'client.reopened'));
      break;
  }
  lines.push(t(lang, 'client.nextUpdate', { time: time(update.nextUpdateDueAt) }));
  const text = lines.join('\n');
  return { text, blocks: [section(text)] };
}

function etaLine(lang: Language, time: (at: number) => string, etaAt: number, previousEtaAt?: number): string {
  return previousEtaAt !== undefined && previousEtaAt !== etaAt
    ? t(lang, 'client.etaRevised', { eta: time(etaAt), previous: time(previousEtaAt) })
    : t(lang, 'client.eta', { eta: time(etaAt) });
}

/** "Resolved: …" and the request for feedback by reaction. */
export function closingMessage(summary: string | undefined, lang: Language): Message {
  const resolved = summary?.trim()
    ? t(lang, 'client.resolved', { summary: escapeMrkdwn(summary.trim()) })
    : t(lang, 'client.resolvedNoSummary');
  const text = `${resolved}\n${t(lang, 'client.feedbackAsk')}`;
  return { text, blocks: [section(text)] };
}
