/**
 * App Home: the viewer's own queue (what is due next first) and, for team leads, the team view.
 * Published when the viewer opens it and, through the outbox, when a request they see changes.
 */
import { classifyAuthor } from '../../domain/spotting';
import { homeView } from '../../slack/blocks/app-home';
import type { Deps } from '../deps';
import { clientNamesOf } from './client-names';
import type { StatusPage } from './status-types';

export const HOME_ROWS = 20;

export type HomeContent =
  | { kind: 'refused' }
  | { kind: 'home'; mine: StatusPage; team?: StatusPage; clientNames: Record<string, string> };

/** Users who opened Home at least once; only their Home is refreshed on changes. */
export interface HomeViewers {
  add(teamId: string, userId: string): Promise<void>;
  has(teamId: string, userId: string): Promise<boolean>;
}

export async function homeContent(deps: Deps, teamId: string, userId: string): Promise<HomeContent> {
  const user = await deps.directory.user(teamId, userId);
  if (classifyAuthor(user, deps.host) !== 'internal') return { kind: 'refused' };
  const now = deps.clock.now();
  const lead = deps.teamLeads.includes(userId);
  const [mine, team] = await Promise.all([
    deps.status.page(teamId, { kind: 'owner', userId }, 'all', now, 0, HOME_ROWS),
    lead ? deps.status.page(teamId, { kind: 'all' }, 'all', now, 0, HOME_ROWS) : Promise.resolve(undefined),
  ]);
  const clientNames = await clientNamesOf(deps, teamId, [...mine.rows, ...(team?.rows ?? [])]);
  return { kind: 'home', mine, ...(team ? { team } : {}), clientNames };
}

/** Who should see a change of this request on their Home: its owner(s) and the team leads. */
export async function refreshHomes(deps: Pick<Deps, 'homeViewers' | 'teamLeads' | 'outbox'>, teamId: string, userIds: Array<string | undefined>): Promise<void> {
  const viewers = [...new Set([...userIds, ...deps.teamLeads].filter((u): u is string => Boolean(u)))];
  for (const userId of viewers) {
    if (await deps.homeViewers.has(teamId, userId)) await deps.outbox.add({ kind: 'home', teamId, userId });
  }
}

/** Publishes the user's Home (on opening it, and from the outbox after a change). */
export async function publishHome(deps: Deps, teamId: string, userId: string): Promise<void> {
  const content = await homeContent(deps, teamId, userId);
  const view = homeView({ content, language: deps.language, now: deps.clock.now(), workspaceUrl: deps.host.url, teamName: deps.host.teamName });
  await deps.poster.publishHome(userId, view);
}

/** The user opened the Home tab: remember them (for refreshes) and show it. */
export async function openHome(deps: Deps, teamId: string, userId: string): Promise<void> {
  await deps.homeViewers.add(teamId, userId);
  await publishHome(deps, teamId, userId);
}
