import { SlackError } from '../types';
import { requireArgs, stringArg } from '../validate';
import type { Handler } from './context';

export const userMethods: Record<string, Handler> = {
  'users.info': (args, ctx) => {
    requireArgs(args, 'user');
    const id = stringArg(args, 'user');
    if (ctx.ws.hiddenUsers.has(id)) throw new SlackError('user_not_visible');
    const user = ctx.ws.users.get(id);
    if (!user) throw new SlackError('user_not_found');
    return { user: structuredClone(user) };
  },

  'team.info': (args, ctx) => {
    const team = typeof args.team === 'string' && args.team !== '' ? args.team : ctx.teamId;
    if (!/^[TE][A-Z0-9]+$/.test(team)) throw new SlackError('team_not_found');
    // Other organisations' teams (Slack Connect) are visible too.
    const host = team === ctx.teamId;
    return { team: { id: team, name: host ? ctx.teamName : team, domain: host ? ctx.domain : team.toLowerCase(), email_domain: '', icon: {} } };
  },
};
