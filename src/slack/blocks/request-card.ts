/** The request card in the internal triage channel. Pure: request in, Block Kit JSON out. */
import { owedSince } from '../../domain/client-lines';
import type { TrackedRequest } from '../../domain/request';
import type { Language } from '../../domain/settings';
import { t } from '../../i18n';
import { undeliveredLine } from './failure-notice';
import { ActionId, BlockId } from '../ids';
import { channelLink, escapeMrkdwn, link, mention, messageUrl, quote, truncate } from './mrkdwn';
import { slackDate } from './slack-date';

export interface RequestCardInput {
  request: TrackedRequest;
  language: Language;
  /** Workspace URL from auth.test, for the link to the client's message. */
  workspaceUrl: string;
  clientLabel?: string;
}

const SECTION_TEXT_LIMIT = 3000;
export const CLOSED = new Set(['resolved', 'dismissed']);

export function requestCard({ request: r, language: lang, workspaceUrl, clientLabel }: RequestCardInput) {
  const url = messageUrl(workspaceUrl, r.channelId, r.ts);
  const client = clientLabel ? `${escapeMrkdwn(clientLabel)} · ${mention(r.clientUserId)}` : mention(r.clientUserId);
  const priority = r.priority === 'urgent' ? `:rotating_light: ${t(lang, 'priority.urgent')}` : t(lang, 'priority.normal');
  const owner = r.ownerId ? mention(r.ownerId) : t(lang, 'card.unowned');
  const title = `${r.priority === 'urgent' ? ':rotating_light: ' : ''}${t(lang, 'card.title')}`;
  const field = (label: string, value: string) => ({ type: 'mrkdwn', text: `*${label}*\n${value}` });

  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(title, 150), emoji: true } },
    {
      type: 'section',
      fields: [
        field(t(lang, 'card.client'), client),
        field(t(lang, 'card.channel'), channelLink(r.channelId)),
        field(t(lang, 'card.priority'), priority),
        field(t(lang, 'card.status'), t(lang, `state.${r.state}`)),
        field(t(lang, 'card.owner'), owner),
        field(t(lang, 'card.age'), slackDate(r.createdAt)),
        field(t(lang, 'card.eta'), etaText(r, lang)),
        field(t(lang, 'card.lastUpdate'), r.lastUpdateAt === undefined ? t(lang, 'card.never') : slackDate(r.lastUpdateAt)),
        ...(CLOSED.has(r.state) ? [] : [field(t(lang, 'card.nextUpdateDue'), nextUpdateText(r, lang))]),
      ],
    },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncate(`${quote(r.excerpt)}\n${link(url, t(lang, 'card.openMessage'))}`, SECTION_TEXT_LIMIT),
      },
    },
  ];

  if (r.undelivered) blocks.push(context(undeliveredLine(r.undelivered, lang)));
  if (r.state === 'waiting_on_client') blocks.push(context(t(lang, 'card.waiting')));
  if (r.state === 'resolved' && r.resolvedBy) blocks.push(context(t(lang, 'card.resolvedBy', { user: mention(r.resolvedBy) })));
  if (r.state === 'dismissed') {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: t(lang, 'card.dismissedBy', { user: mention(r.dismissedBy ?? 'USLACKBOT') }) }],
    });
  } else if (!CLOSED.has(r.state)) {
    blocks.push({
      type: 'actions',
      block_id: BlockId.CardActions,
      elements: cardButtons(r, lang),
    });
  }

  const text = `${t(lang, 'card.title')}: ${truncate(r.excerpt, 200)}`;
  return { text: escapeMrkdwn(text), blocks };
}

/** [Claim] (while nobody owns it), [Assign…], [Not a request] (after Slack's confirmation). */
export function cardButtons(r: TrackedRequest, lang: Language): unknown[] {
  return [
    ...(r.ownerId ? [] : [button(ActionId.Claim, t(lang, 'card.button.claim'), r.id, 'primary')]),
    button(ActionId.Assign, t(lang, 'card.button.assign'), r.id),
    {
      ...button(ActionId.Dismiss, t(lang, 'card.button.dismiss'), r.id, 'danger'),
      confirm: {
        title: { type: 'plain_text', text: t(lang, 'card.button.dismiss') },
        text: { type: 'mrkdwn', text: t(lang, 'dismiss.confirm') },
        confirm: { type: 'plain_text', text: t(lang, 'card.button.dismiss') },
        deny: { type: 'plain_text', text: t(lang, 'dismiss.cancel') },
      },
    },
  ];
}

function context(text: string) {
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}

/** The ETA in force, flagged when missed, with how often it slipped. */
export function etaText(r: TrackedRequest, lang: Language): string {
  if (r.etaAt === undefined) return t(lang, 'card.etaNone');
  const parts = [slackDate(r.etaAt)];
  if (r.etaMissFlaggedFor === r.etaAt && !CLOSED.has(r.state)) parts.push(t(lang, 'card.etaMissed'));
  if (r.etaSlips) parts.push(t(lang, 'card.slips', { count: r.etaSlips }));
  return parts.join(' · ');
}

/**
 * When the next update is due, flagged once an update was escalated as overdue, until a real one
 * comes (a holding line moves the due time on, the debt stays).
 */
export function nextUpdateText(r: TrackedRequest, lang: Language): string {
  const due = slackDate(r.nextUpdateDueAt);
  return owedSince(r) !== undefined ? `${due} ${t(lang, 'card.overdue')}` : due;
}

export function button(actionId: string, text: string, value: string, style?: 'primary' | 'danger') {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text, emoji: true },
    value,
    ...(style ? { style } : {}),
  };
}
