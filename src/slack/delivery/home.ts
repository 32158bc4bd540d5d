/** Publishes a user's App Home (on opening it, and from the outbox after a change). */
import type { Deps } from '../../app/deps';
import { homeContent } from '../../app/status/app-home';
import { homeView } from '../blocks/app-home';

export async function publishHome(deps: Deps, teamId: string, userId: string): Promise<void> {
  const content = await homeContent(deps, teamId, userId);
  const view = homeView({ content, language: deps.language, now: deps.clock.now(), workspaceUrl: deps.host.url, teamName: deps.host.teamName });
  await deps.poster.publishHome(userId, view);
}
