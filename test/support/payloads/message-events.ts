/** `message` events: what people and bots post, and the subtypes the app must ignore. */
import { nextClientMsgId, nextEventId, nextTs } from '../slack-ids';
import { HOST_DOMAIN, HOST_TEAM } from '../slack-emulator/fixtures';
import { type ChannelType, channelTypeOf, richTextBlocks } from './common';

export interface MessageInput {
  channel: string;
  user?: string;
  /** As Slack sends it: mrkdwn-escaped (&amp; &lt; &gt;), mentions as <@U…>, <!channel>. */
  text: string;
  ts?: string;
  thread_ts?: string;
  /** For replies: the author of the thread's parent. */
  parent_user_id?: string;
  subtype?: string;
  bot_id?: string;
  app_id?: string;
  /** The author's team; set it for people of other organisations (Slack Connect). */
  user_team?: string;
  /** Default: user_team, else the host team. */
  team?: string;
  /** With files and no subtype, the subtype is file_share (as Slack sends uploads). */
  files?: unknown[];
  channel_type?: ChannelType;
  blocks?: unknown[];
}

export type MessageEventPayload = {
  type: 'message';
  subtype?: string;
  channel: string;
  channel_type: ChannelType;
  user?: string;
  text: string;
  ts: string;
  event_ts: string;
  team?: string;
  user_team?: string;
  source_team?: string;
  thread_ts?: string;
  parent_user_id?: string;
  bot_id?: string;
  app_id?: string;
  client_msg_id?: string;
  blocks: unknown[];
  files?: unknown[];
  upload?: boolean;
  display_as_bot?: boolean;
};

/** A `message` event: a person's message by default; bot messages with bot_id, others with subtype. */
export function messageEvent(m: MessageInput): MessageEventPayload {
  const ts = m.ts ?? nextTs();
  const subtype = m.subtype ?? (m.files ? 'file_share' : undefined);
  const byPerson = m.bot_id === undefined && (subtype === undefined || subtype === 'file_share');
  return {
    type: 'message',
    ...(subtype ? { subtype } : {}),
    channel: m.channel,
    channel_type: m.channel_type ?? channelTypeOf(m.channel),
    ...(m.user ? { user: m.user } : {}),
    text: m.text,
    ts,
    event_ts: ts,
    team: m.team ?? m.user_team ?? HOST_TEAM,
    ...(m.user_team ? { user_team: m.user_team, source_team: m.user_team } : {}),
    ...(m.thread_ts ? { thread_ts: m.thread_ts, ...(m.parent_user_id ? { parent_user_id: m.parent_user_id } : {}) } : {}),
    ...(m.bot_id ? { bot_id: m.bot_id, ...(m.app_id ? { app_id: m.app_id } : {}) } : {}),
    ...(byPerson ? { client_msg_id: nextClientMsgId() } : {}),
    blocks: m.blocks ?? (byPerson ? richTextBlocks(m.text) : []),
    ...(m.files ? { files: m.files, upload: false, display_as_bot: false } : {}),
  };
}

/** A file object as it appears in a file_share message. */
export function slackFile(name: string, o: { id?: string; user?: string; mimetype?: string } = {}) {
  const id = o.id ?? `F${nextEventId().slice(2)}`;
  return {
    id,
    created: Math.floor(Date.now() / 1000),
    timestamp: Math.floor(Date.now() / 1000),
    name,
    title: name,
    mimetype: o.mimetype ?? 'application/octet-stream',
    filetype: name.split('.').pop() ?? 'binary',
    pretty_type: 'Binary',
    ...(o.user ? { user: o.user } : {}),
    editable: false,
    size: 1024,
    mode: 'hosted',
    is_external: false,
    external_type: '',
    is_public: false,
    public_url_shared: false,
    display_as_bot: false,
    username: '',
    url_private: `https://files.slack.com/files-pri/${HOST_TEAM}-${id}/${name}`,
    permalink: `https://${HOST_DOMAIN}.slack.com/files/${o.user ?? 'U0'}/${id}/${name}`,
  };
}

/** `message` / `message_changed`: an edit of the message at `ts`. */
export function messageChangedEvent(m: { channel: string; user: string; text: string; ts: string; previousText?: string; thread_ts?: string; user_team?: string }) {
  const eventTs = nextTs();
  const base = {
    type: 'message' as const,
    user: m.user,
    ts: m.ts,
    team: m.user_team ?? HOST_TEAM,
    ...(m.user_team ? { user_team: m.user_team, source_team: m.user_team } : {}),
    ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
  };
  return {
    type: 'message' as const,
    subtype: 'message_changed' as const,
    hidden: true as const,
    channel: m.channel,
    channel_type: channelTypeOf(m.channel),
    ts: eventTs,
    event_ts: eventTs,
    message: { ...base, text: m.text, blocks: richTextBlocks(m.text), edited: { user: m.user, ts: eventTs } },
    previous_message: { ...base, text: m.previousText ?? 'before', blocks: richTextBlocks(m.previousText ?? 'before') },
  };
}

/** `message` / `message_deleted`: `deleted_ts` is the deleted message, `ts` the deletion. */
export function messageDeletedEvent(m: { channel: string; deleted_ts: string; ts?: string; previous?: { user: string; text: string } }) {
  const ts = m.ts ?? nextTs();
  return {
    type: 'message' as const,
    subtype: 'message_deleted' as const,
    hidden: true as const,
    channel: m.channel,
    channel_type: channelTypeOf(m.channel),
    ts,
    event_ts: ts,
    deleted_ts: m.deleted_ts,
    previous_message: { type: 'message' as const, ts: m.deleted_ts, user: m.previous?.user ?? 'U0SOMEONE', text: m.previous?.text ?? 'deleted text' },
  };
}

/** `message` / `channel_join`. */
export function channelJoinEvent(m: { channel: string; user: string; inviter?: string; team?: string }) {
  const ts = nextTs();
  return {
    type: 'message' as const,
    subtype: 'channel_join' as const,
    user: m.user,
    text: `<@${m.user}> has joined the channel`,
    ...(m.inviter ? { inviter: m.inviter } : {}),
    channel: m.channel,
    channel_type: channelTypeOf(m.channel),
    team: m.team ?? HOST_TEAM,
    ts,
    event_ts: ts,
  };
}
