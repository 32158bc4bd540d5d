/** Other events the app subscribes to: app_mention, reactions, app_home_opened, channel_id_changed. */
import { nextClientMsgId, nextTs } from '../slack-ids';
import { HOST_TEAM, dmChannelId } from '../slack-emulator/fixtures';
import { richTextBlocks } from './common';

export type AppMentionPayload = {
  type: 'app_mention';
  user: string;
  text: string;
  ts: string;
  event_ts: string;
  channel: string;
  team: string;
  user_team?: string;
  source_team?: string;
  thread_ts?: string;
  client_msg_id: string;
  blocks: unknown[];
};

/** `app_mention`. Slack also sends the same message as a `message` event when the app is subscribed to those. */
export function appMentionEvent(m: { channel: string; user: string; text: string; ts?: string; thread_ts?: string; user_team?: string }): AppMentionPayload {
  const ts = m.ts ?? nextTs();
  return {
    type: 'app_mention',
    user: m.user,
    text: m.text,
    ts,
    event_ts: ts,
    channel: m.channel,
    team: m.user_team ?? HOST_TEAM,
    ...(m.user_team ? { user_team: m.user_team, source_team: m.user_team } : {}),
    ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
    client_msg_id: nextClientMsgId(),
    blocks: richTextBlocks(m.text),
  };
}

export type ReactionPayload = {
  type: 'reaction_added' | 'reaction_removed';
  user: string;
  reaction: string;
  item: { type: 'message'; channel: string; ts: string };
  item_user?: string;
  event_ts: string;
};

type ReactionInput = { user: string; reaction: string; channel: string; ts: string; item_user?: string };

const reaction = (type: ReactionPayload['type'], r: ReactionInput): ReactionPayload => ({
  type,
  user: r.user,
  reaction: r.reaction,
  item: { type: 'message', channel: r.channel, ts: r.ts },
  ...(r.item_user ? { item_user: r.item_user } : {}),
  event_ts: nextTs(),
});

/** `reaction_added` to a message; item_user is the message's author (Slack always sends it). */
export const reactionAddedEvent = (r: ReactionInput): ReactionPayload => reaction('reaction_added', r);
export const reactionRemovedEvent = (r: ReactionInput): ReactionPayload => reaction('reaction_removed', r);

/** `app_home_opened` (the Home tab unless tab: 'messages'). */
export function appHomeOpenedEvent(m: { user: string; tab?: 'home' | 'messages' }) {
  return { type: 'app_home_opened' as const, user: m.user, channel: dmChannelId(m.user), tab: m.tab ?? 'home', event_ts: nextTs() };
}

/** `channel_id_changed`: a private channel became shared and got a new id. */
export function channelIdChangedEvent(m: { old_channel_id: string; new_channel_id: string }) {
  return { type: 'channel_id_changed' as const, old_channel_id: m.old_channel_id, new_channel_id: m.new_channel_id, event_ts: nextTs() };
}
