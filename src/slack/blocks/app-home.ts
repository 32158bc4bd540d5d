/** The App Home view: the viewer's queue and, for team leads, the team's. Pure; ≤ 100 blocks. */
import type { HomeContent } from '../../app/status/app-home';
import type { StatusPage } from '../../app/status/status-types';
import type { Language } from '../../domain/settings';
import { t } from '../../i18n';
import { context, plain, section } from './elements';
import { statusRow } from './status';

export interface HomeInput {
  content: HomeContent;
  language: Language;
  now: number;
  workspaceUrl: string;
  teamName: string;
}

export function homeView({ content, language: lang, now, workspaceUrl, teamName }: HomeInput) {
  if (content.kind === 'refused') {
    return { type: 'home' as const, blocks: [section(t(lang, 'refusal.notInternal', { team: teamName }))] };
  }
  const rowInput = { language: lang, now, workspaceUrl, clientNames: content.clientNames };
  const list = (page: StatusPage) => [
    context(t(lang, 'status.counts', { ...page.counts })),
    ...(page.rows.length === 0 ? [context(t(lang, 'status.none'))] : page.rows.map((r) => section(statusRow(r, rowInput)))),
  ];
  const blocks: unknown[] = [{ type: 'header', text: plain(t(lang, 'home.mine')) }, ...list(content.mine)];
  if (content.team) blocks.push({ type: 'divider' }, { type: 'header', text: plain(t(lang, 'home.team')) }, ...list(content.team));
  blocks.push(context(t(lang, 'home.hint')));
  return { type: 'home' as const, blocks };
}
