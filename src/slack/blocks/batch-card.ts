/**
 * The batch card: one card in the triage channel listing new requests that arrived faster than
 * Slack lets us post a card each. Per request a section (client, channel, priority, status, owner,
 * ETA, next update due, excerpt, link) and its own buttons, which carry its id like those of the
 * single card, so the same listeners handle them. Pure: requests in, Block Kit JSON out.
 */
import { MAX_BATCH } from '../../domain/card-batch';
import type { TrackedRequest } from '../../domain/request';
import type { Language } from '../../domain/settings';
import { t, tn } from '../../i18n';
import { BlockId } from '../ids';
import { undeliveredLine } from './failure-notice';
import { channelLink, escapeMrkdwn, link, mention, messageUrl, quote, truncate } from './mrkdwn';
import { CLOSED, cardButtons, etaText, nextUpdateText } from './request-card';

export interface BatchCardItem {
  request: TrackedRequest;
  /** The client's name from its channel's settings, when set. */
  clientLabel?: string;
}

export interface BatchCardInput {
  items: BatchCardItem[];
  language: Language;
  /** Workspace URL from auth.test, for the links to the clients' messages. */
  workspaceUrl: string;
}

const SECTION_TEXT_LIMIT = 3000;
/** The excerpt's share of a section: ten of them keep the card well within Slack's message size. */
const EXCERPT_LIMIT = 600;
const FALLBACK_EXCERPT = 80;

export function batchCard({ items, language: lang, workspaceUrl }: BatchCardInput) {
  if (items.length === 0 || items.length > MAX_BATCH) throw new Error(`a batch card lists 1 to ${MAX_BATCH} requests, not ${items.length}`);
  const urgent = items.some((i) => i.request.priority === 'urgent' && !CLOSED.has(i.request.state));
  const title = `${urgent ? ':rotating_light: ' : ''}${tn(lang, 'card.batch.title', items.length)}`;
  const blocks: unknown[] = [{ type: 'header', text: { type: 'plain_text', text: truncate(title, 150), emoji: true } }];
  for (const item of items) blocks.push(...itemBlocks(item, lang, workspaceUrl));
  const text = `${tn(lang, 'card.batch.title', items.length)}: ${items.map((i) => truncate(i.request.excerpt, FALLBACK_EXCERPT)).join(' · ')}`;
  return { text: escapeMrkdwn(text), blocks };
}

function itemBlocks({ request: r, clientLabel }: BatchCardItem, lang: Language, workspaceUrl: string): unknown[] {
  const client = clientLabel ? `*${escapeMrkdwn(clientLabel)}* · ${mention(r.clientUserId)}` : mention(r.clientUserId);
  const priority = r.priority === 'urgent' ? `:rotating_light: ${t(lang, 'priority.urgent')}` : t(lang, 'priority.normal');
  const owner = r.ownerId ? mention(r.ownerId) : t(lang, 'card.unowned');
  const lines = [
    t(lang, 'card.batch.line', { client, channel: channelLink(r.channelId), priority, status: t(lang, `state.${r.state}`), owner }),
    CLOSED.has(r.state) ? `${t(lang, 'card.eta')}: ${etaText(r, lang)}` : t(lang, 'card.batch.due', { eta: etaText(r, lang), due: nextUpdateText(r, lang) }),
    ...notes(r, lang),
    truncate(quote(r.excerpt), EXCERPT_LIMIT),
    link(messageUrl(workspaceUrl, r.channelId, r.ts), t(lang, 'card.openMessage')),
  ];
  const blocks: unknown[] = [{ type: 'divider' }, { type: 'section', text: { type: 'mrkdwn', text: truncate(lines.join('\n'), SECTION_TEXT_LIMIT) } }];
  if (!CLOSED.has(r.state)) blocks.push({ type: 'actions', block_id: `${BlockId.BatchCardActions}_${r.id}`, elements: cardButtons(r, lang) });
  return blocks;
}

/** What the single card shows as context lines, here as lines of the request's section. */
function notes(r: TrackedRequest, lang: Language): string[] {
  const lines: string[] = [];
  if (r.undelivered) lines.push(undeliveredLine(r.undelivered, lang));
  if (r.state === 'waiting_on_client') lines.push(t(lang, 'card.waiting'));
  if (r.state === 'resolved' && r.resolvedBy) lines.push(t(lang, 'card.resolvedBy', { user: mention(r.resolvedBy) }));
  if (r.state === 'dismissed') lines.push(t(lang, 'card.dismissedBy', { user: mention(r.dismissedBy ?? 'USLACKBOT') }));
  return lines;
}
