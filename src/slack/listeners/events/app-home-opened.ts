import { rememberHomeViewer } from '../../../app/status/app-home';
import { publishHome } from '../../delivery/home';
import type { ListenerContext } from '../context';
import type { ListenerRouter } from '../router';

/** The Home tab was opened: publish the viewer's queue (and the team's, for team leads). */
export function registerAppHomeOpened(on: ListenerRouter, { deps }: ListenerContext): void {
  on.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    await rememberHomeViewer(deps, deps.host.teamId, event.user);
    await publishHome(deps, deps.host.teamId, event.user);
  });
}
