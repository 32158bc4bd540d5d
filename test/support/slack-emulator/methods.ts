/** The Web API methods the app calls, with Slack-like answers and required-argument checks. */
import type { EmulatedChannel, EmulatedUser } from './fixtures';
import { APP_ID, BOT_ID, BOT_USER, HOST_TEAM } from './fixtures';
import { SlackError, type StoredMessage, nextMessageTs } from './state';

export interface Workspace {
  users: Map<string, EmulatedUser>;
  channels: Map<string, EmulatedChannel>;
  messages: StoredMessage[];
  views: unknown[];
}

type Args = Record<string, unknown>;
type Handler = (args: Args, ws: Workspace) => Record<string, unknown>;

const str = (v: unknown) => (typeof v === 'string' ? v : v === undefined ? undefined : String(v));

function need(args: Args, ...names: string[]) {
  for (const n of names) if (args[n] === undefined || args[n] === '') throw new SlackError('invalid_arguments');
}

function find(ws: Workspace, channel: unknown, ts: unknown): StoredMessage {
  const m = ws.messages.find((x) => x.channel === channel && x.ts === ts);
  if (!m) throw new SlackError('message_not_found');
  return m;
}

function channelOf(ws: Workspace, id: unknown): string {
  const c = str(id) ?? '';
  // DMs (a user id as channel) and unknown-but-plausible channel ids are accepted.
  if (ws.channels.has(c) || /^[UWD]/.test(c)) return c;
  throw new SlackError('channel_not_found');
}

const publicMessage = (m: StoredMessage, withMetadata: boolean) => {
  const { channel: _c, metadata, ...rest } = m;
  return { ...rest, ...(withMetadata && metadata ? { metadata } : {}) };
};

function inRange(ts: string, args: Args): boolean {
  const inclusive = args.inclusive === true || args.inclusive === 'true';
  const n = Number(ts);
  if (args.oldest !== undefined) {
    const o = Number(args.oldest);
    if (inclusive ? n < o : n <= o) return false;
  }
  if (args.latest !== undefined) {
    const l = Number(args.latest);
    if (inclusive ? n > l : n >= l) return false;
  }
  return true;
}

export const methods: Record<string, Handler> = {
  'auth.test': () => ({ url: 'https://kuittaus-test.slack.com/', team: 'Kuittaus Test', user: 'kuittaus', team_id: HOST_TEAM, user_id: BOT_USER, bot_id: BOT_ID, app_id: APP_ID, is_enterprise_install: false }),

  'chat.postMessage': (args, ws) => {
    need(args, 'channel');
    if (args.text === undefined && args.blocks === undefined) throw new SlackError('no_text');
    const channel = channelOf(ws, args.channel);
    const message: StoredMessage = {
      type: 'message',
      ts: nextMessageTs(),
      channel,
      text: str(args.text) ?? '',
      user: BOT_USER,
      bot_id: BOT_ID,
      reactions: [],
      ...(args.thread_ts ? { thread_ts: str(args.thread_ts) as string } : {}),
      ...(args.blocks ? { blocks: args.blocks } : {}),
      ...(args.metadata ? { metadata: args.metadata } : {}),
    };
    ws.messages.push(message);
    return { channel, ts: message.ts, message: publicMessage(message, false) };
  },

  'chat.update': (args, ws) => {
    need(args, 'channel', 'ts');
    const m = find(ws, args.channel, args.ts);
    if (args.text !== undefined) m.text = str(args.text) ?? '';
    if (args.blocks !== undefined) m.blocks = args.blocks;
    return { channel: m.channel, ts: m.ts, text: m.text };
  },

  'chat.delete': (args, ws) => {
    need(args, 'channel', 'ts');
    const m = find(ws, args.channel, args.ts);
    ws.messages.splice(ws.messages.indexOf(m), 1);
    return { channel: m.channel, ts: m.ts };
  },

  'chat.postEphemeral': (args, ws) => {
    need(args, 'channel', 'user');
    if (args.text === undefined && args.blocks === undefined) throw new SlackError('no_text');
    channelOf(ws, args.channel);
    return { message_ts: nextMessageTs() };
  },

  'chat.getPermalink': (args) => {
    need(args, 'channel', 'message_ts');
    return { channel: args.channel, permalink: `https://kuittaus-test.slack.com/archives/${str(args.channel)}/p${str(args.message_ts)?.replace('.', '')}` };
  },

  'reactions.add': (args, ws) => {
    need(args, 'channel', 'timestamp', 'name');
    const m = find(ws, args.channel, args.timestamp);
    const name = str(args.name) as string;
    const r = m.reactions.find((x) => x.name === name);
    if (r?.users.includes(BOT_USER)) throw new SlackError('already_reacted');
    if (r) r.users.push(BOT_USER);
    else m.reactions.push({ name, users: [BOT_USER] });
    return {};
  },

  'reactions.remove': (args, ws) => {
    need(args, 'name');
    if (args.timestamp === undefined) throw new SlackError('invalid_arguments');
    const m = find(ws, args.channel, args.timestamp);
    const r = m.reactions.find((x) => x.name === args.name && x.users.includes(BOT_USER));
    if (!r) throw new SlackError('no_reaction');
    r.users = r.users.filter((u) => u !== BOT_USER);
    m.reactions = m.reactions.filter((x) => x.users.length > 0);
    return {};
  },

  'users.info': (args, ws) => {
    need(args, 'user');
    const user = ws.users.get(str(args.user) as string);
    if (!user) throw new SlackError('user_not_found');
    return { user };
  },

  'conversations.info': (args, ws) => {
    need(args, 'channel');
    const channel = ws.channels.get(str(args.channel) as string);
    if (!channel) throw new SlackError('channel_not_found');
    return { channel: { ...channel, is_channel: !channel.is_private, is_group: channel.is_private, is_member: true } };
  },

  'conversations.history': (args, ws) => {
    need(args, 'channel');
    const channel = channelOf(ws, args.channel);
    const limit = Number(args.limit ?? 100);
    const withMeta = args.include_all_metadata === true || args.include_all_metadata === 'true';
    const messages = ws.messages
      .filter((m) => m.channel === channel && (!m.thread_ts || m.thread_ts === m.ts) && inRange(m.ts, args))
      .sort((a, b) => Number(b.ts) - Number(a.ts))
      .slice(0, limit)
      .map((m) => publicMessage(m, withMeta));
    return { messages, has_more: false };
  },

  'conversations.replies': (args, ws) => {
    need(args, 'channel', 'ts');
    const channel = channelOf(ws, args.channel);
    const ts = str(args.ts) as string;
    const parent = ws.messages.find((m) => m.channel === channel && m.ts === ts);
    const root = parent?.thread_ts ?? ts;
    const withMeta = args.include_all_metadata === true || args.include_all_metadata === 'true';
    const thread = ws.messages
      .filter((m) => m.channel === channel && (m.ts === root || m.thread_ts === root))
      .filter((m) => m.ts === root || inRange(m.ts, args))
      .sort((a, b) => Number(a.ts) - Number(b.ts))
      .slice(0, Number(args.limit ?? 1000))
      .map((m) => publicMessage(m, withMeta));
    if (thread.length === 0) throw new SlackError('thread_not_found');
    return { messages: thread, has_more: false };
  },

  'conversations.join': (args, ws) => {
    need(args, 'channel');
    return { channel: { id: channelOf(ws, args.channel) } };
  },

  'views.open': (args, ws) => {
    need(args, 'trigger_id', 'view');
    ws.views.push(args.view);
    return { view: { id: `V${ws.views.length}`, ...(args.view as object) } };
  },

  'views.update': (args, ws) => {
    need(args, 'view');
    ws.views.push(args.view);
    return { view: { id: str(args.view_id) ?? `V${ws.views.length}`, ...(args.view as object) } };
  },

  'views.publish': (args, ws) => {
    need(args, 'user_id', 'view');
    ws.views.push(args.view);
    return { view: { id: `V${ws.views.length}`, ...(args.view as object) } };
  },
};
