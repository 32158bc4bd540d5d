/**
 * App Home: the viewer's own queue (what is due next first) and, for team leads, the team view.
 * Published when the viewer opens it and, through the outbox, when a request they see changes.
 */
import { classifyAuthor } from '../../domain/spotting';
import type { Deps } from '../deps';
import { clientNamesOf } from './client-names';
import type { StatusPage } from './status-types';

export const HOME_ROWS = 20;

export type HomeContent =
  | { kind: 'refused' }
  | { kind: 'home'; mine: StatusPage; team?: StatusPage; clientNames: Record<string, string> };

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

/** The user opened the Home tab: remember them, so that changes refresh it. */
export async function rememberHomeViewer(deps: Pick<Deps, 'homeViewers'>, teamId: string, userId: string): Promise<void> {
  await deps.homeViewers.add(teamId, userId);
}
