import { randomBytes } from 'node:crypto';
import { nextViewId } from '../../slack-ids';
import { APP_ID, BOT_ID } from '../fixtures';
import { SlackError, type StoredView } from '../types';
import { optionalString, requireArgs, requireOneOf, stringArg, validateView } from '../validate';
import type { Handler, MethodContext } from './context';

const newHash = () => `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString('hex')}`;

function answer(ctx: MethodContext, v: StoredView) {
  return {
    view: {
      id: v.id,
      team_id: ctx.teamId,
      app_id: APP_ID,
      bot_id: BOT_ID,
      hash: v.hash,
      root_view_id: v.id,
      previous_view_id: null,
      state: { values: {} },
      private_metadata: '',
      callback_id: '',
      external_id: v.external_id ?? '',
      ...v.view,
    },
  };
}

export const viewMethods: Record<string, Handler> = {
  'views.open': (args, ctx) => {
    requireArgs(args, 'trigger_id', 'view');
    const view = validateView(args.view, 'modal');
    const stored: StoredView = { id: nextViewId(), kind: 'modal', trigger_id: stringArg(args, 'trigger_id'), hash: newHash(), view };
    if (typeof view.external_id === 'string') stored.external_id = view.external_id;
    ctx.ws.views.push(stored);
    return answer(ctx, stored);
  },

  'views.update': (args, ctx) => {
    requireArgs(args, 'view');
    requireOneOf(args, 'view_id', 'external_id');
    const view = validateView(args.view, 'modal');
    const id = optionalString(args, 'view_id');
    const externalId = optionalString(args, 'external_id');
    const hash = optionalString(args, 'hash');
    let stored = ctx.ws.views.find((v) => (id !== undefined ? v.id === id : v.external_id === externalId));
    if (stored && hash !== undefined && hash !== stored.hash) throw new SlackError('hash_conflict');
    if (!stored) {
      // A view opened by Slack itself (e.g. a view_submission payload from the builders).
      if (id === undefined) throw new SlackError('not_found');
      stored = { id, kind: 'modal', hash: newHash(), view };
      ctx.ws.views.push(stored);
    }
    stored.view = view;
    stored.hash = newHash();
    return answer(ctx, stored);
  },

  'views.publish': (args, ctx) => {
    requireArgs(args, 'user_id', 'view');
    const view = validateView(args.view, 'home');
    const user = stringArg(args, 'user_id');
    if (!ctx.ws.users.has(user)) throw new SlackError('user_not_found');
    const hash = optionalString(args, 'hash');
    let stored = ctx.ws.views.find((v) => v.kind === 'home' && v.user === user);
    if (stored && hash !== undefined && hash !== stored.hash) throw new SlackError('hash_conflict');
    if (!stored) {
      stored = { id: nextViewId(), kind: 'home', user, hash: newHash(), view };
      ctx.ws.views.push(stored);
    }
    stored.view = view;
    stored.hash = newHash();
    return answer(ctx, stored);
  },
};
