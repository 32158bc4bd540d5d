import { APP_ID, BOT_ID, BOT_USER } from '../fixtures';
import type { Handler } from './context';

export const authMethods: Record<string, Handler> = {
  'auth.test': (_args, ctx) => ({
    url: `https://${ctx.domain}.slack.com/`,
    team: ctx.teamName,
    user: 'kuittaus',
    team_id: ctx.teamId,
    user_id: BOT_USER,
    bot_id: BOT_ID,
    app_id: APP_ID,
    is_enterprise_install: false,
  }),
};
