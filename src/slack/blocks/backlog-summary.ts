/**
 * The one message an owner, a team lead or a triage channel gets after an outage instead of a
 * reminder or an escalation per request: what is behind now, most urgent first. Pure.
 */
import type { BacklogRole } from '../../domain/backlog';
import type { TrackedRequest } from '../../domain/request';
import type { Language } from '../../domain/settings';
import { t, tn } from '../../i18n';
import { context, section } from './elements';
import { statusRow } from './status';

/** Rows shown; the rest are counted ("and 3 more"), `/status overdue` lists them all. */
export const BACKLOG_ROWS = 15;

export interface BacklogSummaryInput {
  role: BacklogRole;
  requests: readonly TrackedRequest[];
  language: Language;
  now: number;
  workspaceUrl: string;
  clientNames: Readonly<Record<string, string>>;
}

export function backlogSummaryMessage(input: BacklogSummaryInput): { text: string; blocks: unknown[] } {
  const { role, requests, language: lang } = input;
  const count = requests.length;
  const title = tn(lang, `backlog.title.${role}`, count);
  const blocks: unknown[] = [section(`*${title}*`), { type: 'divider' }];
  for (const request of requests.slice(0, BACKLOG_ROWS)) blocks.push(section(statusRow(request, input)));
  const more = count - BACKLOG_ROWS;
  blocks.push(context(more > 0 ? tn(lang, 'backlog.more', more) : t(lang, 'backlog.hint')));
  return { text: title, blocks };
}
