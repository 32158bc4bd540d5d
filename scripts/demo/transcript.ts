/** Renders what the Slack emulator saw as a readable transcript: who saw what, where, when. */
import type { RecordedCall } from '../../test/support/slack-emulator';

export const ZONE = 'Europe/Helsinki';

export interface Line {
  /** The demo clock's time. */
  at: number;
  who: string;
  text: string;
}

const NAMES: Record<string, string> = { U0AINO: 'Aino', U0LEAD: 'Leena', U0CLIENT: 'Maria', U0BOT: 'Kuittaus' };

/** Slack mrkdwn as a person reads it (dates in Helsinki time, as the demo's viewers would see them). */
export function readable(mrkdwn: string): string {
  return mrkdwn
    .replace(/<!date\^(\d+)\^[^|>]*\|[^>]*>/g, (_, seconds: string) => dayAndTime(Number(seconds) * 1000))
    .replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, (_, id: string) => `@${NAMES[id] ?? id}`)
    .replace(/<#([CG][A-Z0-9]+)(?:\|([^>]*))?>/g, (_, id: string, name?: string) => `#${name ?? CHANNEL_NAMES[id] ?? id}`)
    .replace(/<[^|>]+\|([^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\u2060/g, '');
}

const CHANNEL_NAMES: Record<string, string> = { C0SHARED: 'acme-support', C0TRIAGE: 'triage' };

/** The button labels of a message's actions blocks: "[Set ETA] [Resolved]". */
export function buttonsOf(blocks: unknown): string {
  if (!Array.isArray(blocks)) return '';
  type Element = { type: string; text?: { text?: string } };
  return (blocks as Array<{ type?: string; elements?: Element[]; accessory?: Element }>)
    .flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : b.accessory ? [b.accessory] : []))
    .filter((e) => e.type === 'button')
    .map((e) => `[${e.text?.text ?? ''}]`)
    .join(' ');
}

/** A new card: its title, the client and the priority, then what a card update shows. */
export function newCardSummary(blocks: unknown): string {
  if (!Array.isArray(blocks)) return '';
  const header = (blocks as Array<{ type: string; text?: { text?: string } }>).find((b) => b.type === 'header');
  const value = fieldValue(blocks);
  return readable(`${header?.text?.text ?? 'card'}: ${value('Client') ?? '?'} · ${value('Priority') ?? '?'} priority\n`) + cardSummary(blocks);
}

/** Where the card (src/slack/blocks/request-card.ts) has each field, in any language. */
const FIELD_AT = { Client: 0, Priority: 2, Status: 3, Owner: 4, ETA: 6, 'Next update due': 8 } as const;

const fieldValue = (blocks: unknown[]) => {
  const fields = (blocks as Array<{ fields?: Array<{ text: string }> }>).flatMap((b) => b.fields ?? []);
  return (label: keyof typeof FIELD_AT) => fields[FIELD_AT[label]]?.text.split('\n')[1];
};

/** The texts of a message's context blocks, readable. */
export function contextOf(blocks: unknown): string[] {
  if (!Array.isArray(blocks)) return [];
  return (blocks as Array<{ type: string; elements?: Array<{ text?: string }> }>)
    .filter((b) => b.type === 'context')
    .map((b) => readable(b.elements?.[0]?.text ?? ''));
}

/** The rows of a digest's thanks offer that were answered (their button gone), as read. */
export function answeredOffersOf(blocks: unknown): string[] {
  if (!Array.isArray(blocks)) return [];
  return (blocks as Array<{ block_id?: string; accessory?: unknown; text?: { text?: string } }>)
    .filter((b) => b.block_id?.startsWith('thanks_offer_') && !b.accessory)
    .map((b) => readable(b.text?.text ?? ''));
}

/** A card update as one line: the fields that changed the most for a reader. */
export function cardSummary(blocks: unknown): string {
  if (!Array.isArray(blocks)) return '';
  const value = fieldValue(blocks);
  const context = contextOf(blocks);
  const parts = [
    `status ${value('Status') ?? '?'}`,
    `owner ${value('Owner') ?? '?'}`,
    `ETA ${value('ETA') ?? '?'}`,
    ...(value('Next update due') ? [`next update ${value('Next update due')}`] : []),
    ...context,
  ];
  return readable(parts.join(' · '));
}

/** Where a call's message was seen, and by whom. */
export function audienceOf(call: RecordedCall): string | undefined {
  const channel = String(call.args.channel ?? '');
  if (channel === 'C0SHARED') return 'client · #acme-support';
  if (channel === 'D0AINO' || channel === 'U0AINO') return 'Aino (consultant) · DM';
  if (channel === 'D0LEAD' || channel === 'U0LEAD') return 'Leena (team lead) · DM';
  if (channel === 'C0TRIAGE') return 'team · #triage';
  return undefined;
}

/** One block per line, in time order: time and audience, then the text wrapped to `columns`. */
export function format(lines: Line[], timeOf: (at: number) => string, columns = 100): string[] {
  const width = Math.max(...lines.map((l) => l.who.length));
  return lines
    .sort((a, b) => a.at - b.at)
    .map((l) => {
      const head = `${timeOf(l.at)}  ${l.who.padEnd(width)}  `;
      const body = l.text.split('\n').flatMap((line) => wrap(line, Math.max(30, columns - head.length)));
      return body.map((line, i) => (i === 0 ? head : ' '.repeat(head.length)) + line).join('\n');
    });
}

function wrap(line: string, width: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current && current.length + 1 + word.length > width) {
      out.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  return [...out, current];
}

/** "Mon 09:00" in Helsinki. */
export function dayAndTime(at: number): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, weekday: 'short', hour: '2-digit', minute: '2-digit', hour12: false }).format(at);
}

const COLOURS: Array<[RegExp, number]> = [
  [/^client\b/, 36],
  [/^Aino\b/, 32],
  [/^Leena\b/, 35],
  [/^team\b/, 33],
  [/^Kuittaus\b/, 34],
];

/**
 * A transcript line for a terminal: the time dim, the audience in its colour, what people did in
 * bold. The text itself is left as it is, so that the layout does not change.
 */
export function colourise(line: string): string {
  const match = /^(\w{3} \d\d:\d\d)( {2})(.*? {2})(.*)$/.exec(line);
  if (!match) return line;
  const [, time = '', gap = '', who = '', text = ''] = match;
  const colour = COLOURS.find(([pattern]) => pattern.test(who))?.[1] ?? 0;
  const body = text.startsWith('→') ? `\x1b[1m${text}\x1b[0m` : text;
  return `\x1b[2m${time}\x1b[0m${gap}\x1b[${colour}m${who}\x1b[0m${body}`;
}
