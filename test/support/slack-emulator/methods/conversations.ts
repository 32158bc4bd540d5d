import { type EmulatedChannel, dmChannelId } from '../fixtures';
import { SlackError, type StoredMessage } from '../types';
import { requireArgs, stringArg } from '../validate';
import { type Handler, type MethodContext, flag, inRange, limitOf, publicMessage } from './context';

export const conversationMethods: Record<string, Handler> = {
  'conversations.info': (args, ctx) => {
    requireArgs(args, 'channel');
    const channel = ctx.ws.channels.get(stringArg(args, 'channel'));
    if (!channel) throw new SlackError('channel_not_found');
    return { channel: channelObject(channel, ctx) };
  },

  /** The channels the bot is in (like Slack with a bot token), paged by `cursor`. */
  'users.conversations': (args, ctx) => {
    const types = String(args.types ?? 'public_channel').split(',').map((t) => t.trim());
    const excludeArchived = flag(args.exclude_archived);
    const limit = limitOf(args, 100, 1000);
    const all = [...ctx.ws.channels.values()]
      .filter((c) => c.is_member !== false && types.includes(c.is_private ? 'private_channel' : 'public_channel'))
      .filter((c) => !(excludeArchived && c.is_archived))
      .sort((a, b) => a.id.localeCompare(b.id));
    const start = args.cursor ? Number(decodeCursor(String(args.cursor), 'after')) : 0;
    const page = all.slice(start, start + limit);
    const more = start + limit < all.length;
    return { channels: page.map((c) => channelObject(c, ctx)), response_metadata: { next_cursor: more ? cursor('after', String(start + limit)) : '' } };
  },

  /**
   * Like Slack: top-level messages between `oldest` and `latest` (exclusive unless `inclusive`),
   * newest first, `limit` at a time; `has_more` and a `next_cursor` for the next (older) page.
   */
  'conversations.history': (args, ctx) => {
    requireArgs(args, 'channel');
    const channel = ctx.ws.conversation(stringArg(args, 'channel'), { needMember: true });
    const limit = limitOf(args, 100, 999);
    const withMeta = flag(args.include_all_metadata);
    const before = args.cursor ? Number(decodeCursor(String(args.cursor), 'before')) : Infinity;
    const matching = ctx.ws.messages
      .filter((m) => m.channel === channel && (m.thread_ts === undefined || m.thread_ts === m.ts) && inRange(m.ts, args) && Number(m.ts) < before)
      .sort((a, b) => Number(b.ts) - Number(a.ts));
    const page = matching.slice(0, limit);
    const hasMore = matching.length > limit;
    const messages = page.map((m) => publicMessage(ctx, m, withMeta));
    const next = hasMore ? cursor('before', (page.at(-1) as StoredMessage).ts) : '';
    return { messages, has_more: hasMore, pin_count: 0, response_metadata: { next_cursor: next } };
  },

  'conversations.replies': (args, ctx) => {
    requireArgs(args, 'channel', 'ts');
    const channel = ctx.ws.conversation(stringArg(args, 'channel'), { needMember: true });
    const ts = stringArg(args, 'ts');
    const root = ctx.ws.find(channel, ts)?.thread_ts ?? ts;
    const parent = ctx.ws.find(channel, root);
    if (!parent) throw new SlackError('thread_not_found');
    const limit = limitOf(args, 1000, 1000);
    const withMeta = flag(args.include_all_metadata);
    // Pages go on from the last reply of the page before (the cursor is opaque to callers).
    const after = typeof args.cursor === 'string' && args.cursor ? Number(Buffer.from(args.cursor, 'base64').toString().replace(/^after:/, '')) : -Infinity;
    const replies = ctx.ws.replies(channel, root).filter((m) => inRange(m.ts, args) && Number(m.ts) > after);
    // Like Slack: the parent always comes first, then the replies in the range, oldest first.
    const thread = [parent, ...replies];
    const page = thread.slice(0, limit);
    const hasMore = thread.length > limit;
    const last = page.at(-1)?.ts ?? '';
    const next = hasMore ? Buffer.from(`after:${last}`).toString('base64') : '';
    return { messages: page.map((m) => publicMessage(ctx, m, withMeta)), has_more: hasMore, response_metadata: { next_cursor: next } };
  },

  'conversations.join': (args, ctx) => {
    requireArgs(args, 'channel');
    const channel = ctx.ws.channels.get(stringArg(args, 'channel'));
    if (!channel) throw new SlackError('channel_not_found');
    if (channel.is_private) throw new SlackError('method_not_supported_for_channel_type');
    const already = channel.is_member !== false;
    channel.is_member = true;
    return { channel: { id: channel.id, name: channel.name, is_member: true }, ...(already ? { warning: 'already_in_channel' } : {}) };
  },

  'conversations.open': (args, ctx) => {
    requireArgs(args, 'users');
    const raw = args.users;
    const users = (Array.isArray(raw) ? raw.map(String) : String(raw).split(',')).map((u) => u.trim()).filter(Boolean);
    if (users.length !== 1) throw new SlackError('not_implemented', { detail: 'the emulator opens one-to-one DMs only' });
    const user = users[0] as string;
    if (!ctx.ws.users.has(user)) throw new SlackError('user_not_found');
    return { channel: { id: dmChannelId(user) }, no_op: true, already_open: true };
  },
};

/** A channel as conversations.info and users.conversations show it. */
function channelObject(channel: EmulatedChannel, ctx: MethodContext): Record<string, unknown> {
  const { is_member = true, is_archived = false, ...rest } = channel;
  return {
    ...rest,
    is_member,
    is_archived,
    is_channel: !channel.is_private,
    is_group: channel.is_private,
    is_im: false,
    is_mpim: false,
    is_org_shared: false,
    is_pending_ext_shared: false,
    context_team_id: ctx.teamId,
    conversation_host_id: ctx.teamId,
    shared_team_ids: [ctx.teamId],
    created: 1_600_000_000,
  };
}

/** Opaque-looking cursors, as Slack's are ("before:<ts>", "after:<index>"). */
const cursor = (kind: string, value: string) => Buffer.from(`${kind}:${value}`).toString('base64');

function decodeCursor(raw: string, kind: string): string {
  const decoded = Buffer.from(raw, 'base64').toString();
  if (!decoded.startsWith(`${kind}:`)) throw new SlackError('invalid_cursor');
  return decoded.slice(kind.length + 1);
}
