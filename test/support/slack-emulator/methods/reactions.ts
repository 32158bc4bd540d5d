import { BOT_USER } from '../fixtures';
import { SlackError } from '../types';
import { requireArgs, stringArg } from '../validate';
import type { Handler } from './context';

const reactionName = (raw: string) => raw.replace(/^:|:$/g, '');

export const reactionMethods: Record<string, Handler> = {
  'reactions.add': (args, ctx) => {
    requireArgs(args, 'channel', 'timestamp', 'name');
    const channel = ctx.ws.conversation(stringArg(args, 'channel'), { needMember: true });
    const m = ctx.ws.message(channel, stringArg(args, 'timestamp'));
    const name = reactionName(stringArg(args, 'name'));
    if (!/^[a-z0-9_+'-]+(::skin-tone-[2-6])?$/.test(name)) throw new SlackError('invalid_name');
    const r = m.reactions.find((x) => x.name === name);
    if (r?.users.includes(BOT_USER)) throw new SlackError('already_reacted');
    if (r) {
      r.users.push(BOT_USER);
      r.count = r.users.length;
    } else m.reactions.push({ name, users: [BOT_USER], count: 1 });
    return {};
  },

  'reactions.remove': (args, ctx) => {
    requireArgs(args, 'channel', 'timestamp', 'name');
    const channel = ctx.ws.conversation(stringArg(args, 'channel'), { needMember: true });
    const m = ctx.ws.message(channel, stringArg(args, 'timestamp'));
    const name = reactionName(stringArg(args, 'name'));
    const r = m.reactions.find((x) => x.name === name && x.users.includes(BOT_USER));
    if (!r) throw new SlackError('no_reaction');
    r.users = r.users.filter((u) => u !== BOT_USER);
    r.count = r.users.length;
    m.reactions = m.reactions.filter((x) => x.count > 0);
    return {};
  },
};
