/**
 * What the client reads in their thread after the acknowledgement: ETAs and their revisions,
 * updates, "still on it", reopening and the closing message. Every update ends with when the next
 * one comes. Consultant-written text is escaped like client text: it must not ping anyone either.
 * The channel's zone is named once per message, with its first time, and only where the client's
 * clock can read the times differently (see i18n messageTimes).
 */
import type { Language } from '../../domain/settings';
import { messageTimes, t } from '../../i18n';
import type { ClientUpdate } from '../../jobs/job-schemas';
import { section } from './elements';
import { escapeMrkdwn } from './mrkdwn';

export interface ClientTextInput {
  language: Language;
  timezone: string;
  now: number;
  /** The client's own zone (TrackedRequest.clientTz); undefined when unknown. */
  clientTz: string | undefined;
}

type Message = { text: string; blocks: unknown[] };

export function clientUpdateMessage(update: ClientUpdate, { language: lang, timezone, now, clientTz, resolved = false }: ClientTextInput & { resolved?: boolean }): Message {
  const { missedEta, etaAt, previousEtaAt } = update as Partial<Record<'missedEta' | 'etaAt' | 'previousEtaAt', number>>;
  const instants = [missedEta, etaAt, previousEtaAt, resolved ? undefined : update.nextUpdateDueAt].filter((at): at is number => at !== undefined);
  // Asked for in reading order below: the first time written names the zone, when it must be named.
  const time = messageTimes({ now, timezone, lang, readerZone: clientTz, instants }).due;
  /** The consultant's own words: a section of their own, so that the lines after them always show. */
  let words: string | undefined;
  const lines: string[] = [];
  switch (update.type) {
    case 'text':
      words = update.text.trim();
      if (update.missedEta !== undefined) lines.push(missedLine(lang, time, update.missedEta, update.etaAt));
      else if (update.etaAt !== undefined) lines.push(etaLine(lang, time, update.etaAt, update.previousEtaAt));
      break;
    case 'still_on_it':
      lines.push(t(lang, 'client.stillOnIt'));
      if (update.missedEta !== undefined) lines.push(missedLine(lang, time, update.missedEta, undefined));
      break;
    case 'eta':
      if (update.missedEta !== undefined) {
        // The slip owned in one sentence, the reason in it when there is a new estimate.
        const reason = update.etaAt !== undefined && update.reason?.trim() ? asClause(update.reason, lang) : undefined;
        lines.push(missedLine(lang, time, update.missedEta, update.etaAt, reason));
        if (update.etaAt === undefined && update.reason?.trim()) lines.push(t(lang, 'client.reason', { reason: escapeMrkdwn(update.reason.trim()) }));
        break;
      }
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
  // Resolved by the time it is delivered: the closing follows, no next update is promised.
  if (!resolved) lines.push(t(lang, 'client.nextUpdate', { time: time(update.nextUpdateDueAt) }));
  const rest = lines.join('\n');
  if (words === undefined) return { text: rest, blocks: [section(rest)] };
  if (rest === '') return { text: escapeMrkdwn(words), blocks: [section(escapedWithin(words, SECTION_LIMIT))] };
  return { text: `${escapeMrkdwn(words)}\n${rest}`, blocks: [section(escapedWithin(words, SECTION_LIMIT)), section(rest)] };
}

const SECTION_LIMIT = 3000;

/** `raw` escaped for mrkdwn in at most `max` characters, cut (with "…") before an escape, never inside one. */
export function escapedWithin(raw: string, max: number): string {
  const whole = escapeMrkdwn(raw);
  if (whole.length <= max) return whole;
  const chars = Array.from(raw);
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (escapeMrkdwn(chars.slice(0, mid).join('')).length + 1 <= max) low = mid;
    else high = mid - 1;
  }
  return `${escapeMrkdwn(chars.slice(0, low).join(''))}…`;
}

function etaLine(lang: Language, time: (at: number) => string, etaAt: number, previousEtaAt?: number): string {
  return previousEtaAt !== undefined && previousEtaAt !== etaAt
    ? t(lang, 'client.etaRevised', { eta: time(etaAt), previous: time(previousEtaAt) })
    : t(lang, 'client.eta', { eta: time(etaAt) });
}

/**
 * The missed estimate owned plainly: "We missed our estimate of 16:00 yesterday; we now expect it
 * by 12:00 tomorrow, because …", or, with no new estimate yet, that one comes by the next update.
 */
function missedLine(lang: Language, time: (at: number) => string, missedEta: number, etaAt: number | undefined, reason?: string): string {
  const missed = time(missedEta);
  if (etaAt === undefined) return t(lang, 'client.etaMissedNone', { missed });
  if (reason) return t(lang, 'client.etaMissedNewBecause', { missed, eta: time(etaAt), reason });
  return t(lang, 'client.etaMissedNew', { missed, eta: time(etaAt) });
}

/**
 * The owner's reason as the end of our sentence ("…, because the vendor needs another day."):
 * escaped, without its own closing full stop, and its first word in lower case when it is one
 * that only starts a sentence with a capital ("The", "We", "Toimittaja"); anything else (a name,
 * an acronym) is left as written. The modal's hint asks for the reason as the end of a sentence.
 */
function asClause(reason: string, lang: Language): string {
  const trimmed = reason.trim().replace(/[.。]+$/u, '');
  const first = /^\p{L}+/u.exec(trimmed)?.[0] ?? '';
  const lowered = SENTENCE_STARTERS[lang].has(first.toLowerCase()) && first !== first.toUpperCase() ? first.toLowerCase() + trimmed.slice(first.length) : trimmed;
  return escapeMrkdwn(lowered);
}

/** Words that are capitalised only because they start a sentence (pronouns, articles, common nouns of support work). */
const SENTENCE_STARTERS: Record<Language, ReadonlySet<string>> = {
  en: new Set(['the', 'a', 'an', 'we', 'our', 'it', 'its', 'this', 'that', 'these', 'those', 'there', 'they', 'their', 'some', 'another', 'all', 'no', 'one', 'due', 'waiting', 'my', 'your', 'you']),
  fi: new Set(['me', 'meidän', 'meillä', 'se', 'sen', 'ne', 'niiden', 'tämä', 'tämän', 'nämä', 'siinä', 'vika', 'korjaus', 'toimittaja', 'toimittajamme', 'palvelin', 'testaus', 'odotamme', 'tarvitsemme', 'asiakkaan']),
};

/** "Resolved: …", the owner's thank-you (their own words, escaped) and the request for feedback by reaction. */
export function closingMessage(summary: string | undefined, lang: Language, thanks?: string): Message {
  const ask = t(lang, 'client.feedbackAsk');
  const words = summary?.trim();
  const thankYou = thanks?.trim();
  if (!words && !thankYou) {
    const text = `${t(lang, 'client.resolvedNoSummary')}\n${ask}`;
    return { text, blocks: [section(text)] };
  }
  const label = t(lang, 'client.resolved', { summary: '' });
  const head = words
    ? { text: t(lang, 'client.resolved', { summary: escapeMrkdwn(words) }), block: label + escapedWithin(words, SECTION_LIMIT - label.length) }
    : { text: t(lang, 'client.resolvedNoSummary'), block: t(lang, 'client.resolvedNoSummary') };
  const parts = [head, ...(thankYou ? [{ text: escapeMrkdwn(thankYou), block: escapedWithin(thankYou, SECTION_LIMIT) }] : []), { text: ask, block: ask }];
  // The feedback request has a section of its own: a long summary or thank-you must never push it out.
  return { text: parts.map((p) => p.text).join('\n'), blocks: parts.map((p) => section(p.block)) };
}
