import type { App } from '@slack/bolt';
import { openHome } from '../../../app/status/app-home';
import type { ListenerContext } from '../context';

/** The Home tab was opened: publish the viewer's queue (and the team's, for team leads). */
export function registerAppHomeOpened(app: App, { deps }: ListenerContext): void {
  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    await openHome(deps, deps.host.teamId, event.user);
  });
}
