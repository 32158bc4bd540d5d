import { APP_ID, BOT_ID, BOT_USER, dmChannelId } from '../fixtures';
import { type Args, SlackError, type StoredMessage } from '../types';
import { optionalString, requireArgs, requireOneOf, stringArg, validateBlocks, validateMetadata } from '../validate';
import { type Handler, type MethodContext, publicMessage } from './context';

const MAX_TEXT = 40_000;

/** text, blocks, attachments and metadata of chat.postMessage / chat.update. */
function content(args: Args): Partial<StoredMessage> {
  const text = optionalString(args, 'text');
  if (text !== undefined && text.length > MAX_TEXT) throw new SlackError('msg_too_long');
  return {
    ...(text !== undefined ? { text } : {}),
    ...(args.blocks !== undefined ? { blocks: validateBlocks(args.blocks, 50) } : {}),
    ...(args.attachments !== undefined ? { attachments: Array.isArray(args.attachments) ? args.attachments : [] } : {}),
    ...(args.metadata !== undefined ? { metadata: validateMetadata(args.metadata) } : {}),
  };
}

const ours = (m: StoredMessage) => m.user === BOT_USER || m.bot_id === BOT_ID;

function permalink(ctx: MethodContext, channel: string, ts: string, threadTs?: string): string {
  const base = `https://${ctx.domain}.slack.com/archives/${channel}/p${ts.replace('.', '')}`;
  return threadTs && threadTs !== ts ? `${base}?thread_ts=${threadTs}&cid=${channel}` : base;
}

export const chatMethods: Record<string, Handler> = {
  'chat.postMessage': (args, ctx) => {
    requireArgs(args, 'channel');
    requireOneOf(args, 'text', 'blocks', 'attachments');
    const target = ctx.ws.conversation(stringArg(args, 'channel'), { needMember: true });
    // Like Slack: a user id as channel posts into the bot's DM with that user.
    const channel = /^[UW]/.test(target) ? dmChannelId(target) : target;
    const threadTs = optionalString(args, 'thread_ts');
    const message = ctx.ws.add({
      type: 'message',
      ts: ctx.ws.freshTs(),
      channel,
      text: '',
      user: BOT_USER,
      bot_id: BOT_ID,
      app_id: APP_ID,
      team: ctx.teamId,
      reactions: [],
      ...content(args),
      ...(threadTs ? { thread_ts: threadTs } : {}),
    });
    return { channel, ts: message.ts, message: publicMessage(ctx, message, false) };
  },

  'chat.update': (args, ctx) => {
    requireArgs(args, 'channel', 'ts');
    const channel = ctx.ws.conversation(stringArg(args, 'channel'));
    const m = ctx.ws.message(channel, stringArg(args, 'ts'));
    if (!ours(m)) throw new SlackError('cant_update_message');
    Object.assign(m, content(args), { edited: { user: BOT_USER, ts: ctx.ws.freshTs() } });
    return { channel, ts: m.ts, text: m.text, message: publicMessage(ctx, m, false) };
  },

  'chat.delete': (args, ctx) => {
    requireArgs(args, 'channel', 'ts');
    const channel = ctx.ws.conversation(stringArg(args, 'channel'));
    const m = ctx.ws.message(channel, stringArg(args, 'ts'));
    if (!ours(m)) throw new SlackError('cant_delete_message');
    ctx.ws.remove(m);
    return { channel, ts: m.ts };
  },

  'chat.postEphemeral': (args, ctx) => {
    requireArgs(args, 'channel', 'user');
    requireOneOf(args, 'text', 'blocks', 'attachments');
    ctx.ws.conversation(stringArg(args, 'channel'));
    if (!ctx.ws.users.has(stringArg(args, 'user'))) throw new SlackError('user_not_in_channel');
    content(args);
    return { message_ts: ctx.ws.freshTs() };
  },

  'chat.getPermalink': (args, ctx) => {
    requireArgs(args, 'channel', 'message_ts');
    const channel = ctx.ws.conversation(stringArg(args, 'channel'));
    const ts = stringArg(args, 'message_ts');
    return { channel, permalink: permalink(ctx, channel, ts, ctx.ws.find(channel, ts)?.thread_ts) };
  },
};
