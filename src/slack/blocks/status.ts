/**
 * The `/status` answer (and the rows of App Home): counts, then one section per request, most
 * urgent first, and "Show more" when there are more rows. Pure; stays within 50 blocks.
 */
import { owedSince } from '../../domain/client-lines';
import type { StatusPage, StatusScope, StatusFilter } from '../../app/status/status-types';
import type { TrackedRequest } from '../../domain/request';
import type { Language } from '../../domain/settings';
import { t } from '../../i18n';
import { ActionId } from '../ids';
import { button, context, section } from './elements';
import { channelLink, escapeMrkdwn, mention } from './mrkdwn';
import { excerptLink } from './request-summary';
import { slackDate } from './slack-date';

export interface StatusInput {
  page: StatusPage;
  scope: StatusScope;
  filter: StatusFilter;
  language: Language;
  now: number;
  workspaceUrl: string;
  /** Client names by channel id, for the rows. */
  clientNames: Readonly<Record<string, string>>;
  /** What "Show more" must repeat: the command text and where it ran. */
  more?: { text: string; channelId?: string | undefined };
}

type Message = { text: string; blocks: unknown[] };

export function statusMessage(input: StatusInput): Message {
  const { page, language: lang } = input;
  const title = `*${titleOf(input.scope, lang)}*${input.filter === 'all' ? '' : ` (${t(lang, `status.filter.${input.filter}`)})`}`;
  const counts = t(lang, 'status.counts', { ...page.counts });
  const blocks: unknown[] = [section(`${title}\n${counts}`)];
  if (page.rows.length === 0) {
    blocks.push(context(t(lang, 'status.none')));
    return { text: `${titleOf(input.scope, lang)}: ${t(lang, 'status.none')}`, blocks };
  }
  blocks.push({ type: 'divider' });
  for (const request of page.rows) blocks.push(section(statusRow(request, input)));
  const to = page.offset + page.rows.length;
  const footer: unknown[] = [context(t(lang, 'status.showing', { from: page.offset + 1, to, total: page.total }))];
  if (to < page.total && input.more) {
    const value = JSON.stringify({ q: input.more.text.slice(0, 500), o: to, c: input.more.channelId ?? '' });
    footer.push({ type: 'actions', elements: [button(ActionId.StatusShowMore, t(lang, 'status.showMore'), value)] });
  }
  blocks.push(...footer);
  return { text: `${titleOf(input.scope, lang)}: ${counts.replace(/\*/g, '')}`, blocks };
}

/** One request: who and where, the excerpt linked, then owner, age, updates and ETA. */
export function statusRow(r: TrackedRequest, input: Pick<StatusInput, 'language' | 'now' | 'workspaceUrl' | 'clientNames'>): string {
  const { language: lang, now } = input;
  const client = input.clientNames[r.channelId];
  const where = client ? `*${escapeMrkdwn(client)}* ${channelLink(r.channelId)}` : channelLink(r.channelId);
  const urgent = r.priority === 'urgent' ? ':rotating_light: ' : '';
  const line1 = `${urgent}${where} · ${excerptLink({ request: r, workspaceUrl: input.workspaceUrl }, 100)}`;

  const parts: string[] = [
    r.ownerId ? mention(r.ownerId) : t(lang, 'status.row.unowned'),
    t(lang, 'status.row.age', { age: age(now - r.createdAt, lang) }),
    r.lastUpdateAt === undefined ? t(lang, 'status.row.noUpdate') : t(lang, 'status.row.lastUpdate', { time: slackDate(r.lastUpdateAt) }),
  ];
  if (r.state === 'waiting_on_client') parts.push(t(lang, 'status.row.waiting'));
  else if (owedSince(r) !== undefined || r.nextUpdateDueAt < now) {
    // Owed since an escalated due time even when a holding line promised the client a later one.
    parts.push(t(lang, 'status.row.overdue', { time: slackDate(Math.min(owedSince(r) ?? r.nextUpdateDueAt, r.nextUpdateDueAt)) }));
  }
  else parts.push(t(lang, 'status.row.nextUpdate', { time: slackDate(r.nextUpdateDueAt) }));
  if (r.etaAt === undefined) parts.push(t(lang, 'status.row.noEta'));
  else {
    parts.push(t(lang, 'status.row.eta', { time: slackDate(r.etaAt) }));
    if (r.etaMissFlaggedFor === r.etaAt) parts.push(t(lang, 'status.row.etaMissed'));
  }
  if (r.etaSlips) parts.push(t(lang, 'status.row.slips', { count: r.etaSlips }));
  if (r.undelivered) parts.push(t(lang, 'status.row.undelivered'));
  return `${line1}\n${parts.join(' · ')}`;
}

function titleOf(scope: StatusScope, lang: Language): string {
  switch (scope.kind) {
    case 'all':
      return t(lang, 'status.title.all');
    case 'channel':
      return t(lang, 'status.title.channel', { channel: channelLink(scope.channelId) });
    case 'owner':
      return t(lang, 'status.title.owner', { user: mention(scope.userId) });
    case 'client':
      return t(lang, 'status.title.client', { client: escapeMrkdwn(scope.name) });
  }
}

function age(ms: number, lang: Language): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return t(lang, 'status.age.minutes', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t(lang, 'status.age.hours', { n: hours });
  return t(lang, 'status.age.days', { n: Math.floor(hours / 24) });
}

/** The usage text, with what went wrong first when something did. */
export function statusUsage(lang: Language, problem?: string): Message {
  const text = [problem, t(lang, 'status.usage')].filter(Boolean).join('\n');
  return { text, blocks: [section(text)] };
}
