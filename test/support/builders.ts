/** Payloads shaped like Slack's real ones (Events API envelopes, interactions, commands). */
import { randomBytes } from 'node:crypto';
import { APP_ID, BOT_USER, HOST_TEAM } from './slack-emulator/fixtures';

let counter = 0;
const uid = (prefix: string) => `${prefix}${Date.now().toString(36).toUpperCase()}${(++counter).toString(36).toUpperCase()}`;

/** A unique ts near the real time. */
export function nextTs(): string {
  const micros = Date.now() * 1000 + (++counter % 1000);
  return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
}

export interface EnvelopeOptions {
  teamId?: string;
  eventId?: string;
  eventTime?: number;
  isExtSharedChannel?: boolean;
}

export function eventEnvelope(event: Record<string, unknown>, o: EnvelopeOptions = {}) {
  const teamId = o.teamId ?? HOST_TEAM;
  return {
    token: 'legacy-verification-token',
    team_id: teamId,
    api_app_id: APP_ID,
    event,
    type: 'event_callback',
    event_id: o.eventId ?? uid('Ev'),
    event_time: o.eventTime ?? Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: teamId, user_id: BOT_USER, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: o.isExtSharedChannel ?? false,
    event_context: `4-${randomBytes(8).toString('hex')}`,
  };
}

export interface MessageInput {
  channel: string;
  user?: string;
  text: string;
  ts?: string;
  thread_ts?: string;
  subtype?: string;
  bot_id?: string;
  user_team?: string;
  team?: string;
  files?: unknown[];
}

export function messageEvent(m: MessageInput): Record<string, unknown> {
  const ts = m.ts ?? nextTs();
  return {
    type: 'message',
    channel: m.channel,
    channel_type: 'channel',
    text: m.text,
    ts,
    event_ts: ts,
    ...(m.user ? { user: m.user } : {}),
    ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
    ...(m.subtype ? { subtype: m.subtype } : {}),
    ...(m.bot_id ? { bot_id: m.bot_id } : {}),
    ...(m.user_team ? { user_team: m.user_team, source_team: m.user_team } : {}),
    team: m.team ?? m.user_team ?? HOST_TEAM,
    ...(m.files ? { files: m.files } : {}),
    blocks: [],
  };
}

export function appMentionEvent(m: { channel: string; user: string; text: string; ts?: string; thread_ts?: string }) {
  const ts = m.ts ?? nextTs();
  return { type: 'app_mention', channel: m.channel, user: m.user, text: m.text, ts, event_ts: ts, ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}) };
}

export function reactionAddedEvent(r: { user: string; reaction: string; channel: string; ts: string; item_user?: string }) {
  return {
    type: 'reaction_added',
    user: r.user,
    reaction: r.reaction,
    item: { type: 'message', channel: r.channel, ts: r.ts },
    ...(r.item_user ? { item_user: r.item_user } : {}),
    event_ts: nextTs(),
  };
}

export function messageChangedEvent(m: { channel: string; user: string; text: string; ts: string }) {
  const eventTs = nextTs();
  return {
    type: 'message',
    subtype: 'message_changed',
    hidden: true,
    channel: m.channel,
    ts: eventTs,
    event_ts: eventTs,
    message: { type: 'message', user: m.user, text: m.text, ts: m.ts, edited: { user: m.user, ts: eventTs } },
    previous_message: { type: 'message', user: m.user, text: 'before', ts: m.ts },
  };
}

export function messageDeletedEvent(m: { channel: string; ts: string; deleted_ts: string }) {
  return { type: 'message', subtype: 'message_deleted', hidden: true, channel: m.channel, ts: m.ts, event_ts: m.ts, deleted_ts: m.deleted_ts };
}

export function channelJoinEvent(m: { channel: string; user: string }) {
  const ts = nextTs();
  return { type: 'message', subtype: 'channel_join', channel: m.channel, user: m.user, text: `<@${m.user}> has joined the channel`, ts, event_ts: ts };
}

export function slashCommand(c: { command?: string; text?: string; user_id: string; channel_id: string; team_id?: string; trigger_id?: string; response_url?: string }) {
  return {
    token: 'legacy-verification-token',
    team_id: c.team_id ?? HOST_TEAM,
    team_domain: 'kuittaus-test',
    channel_id: c.channel_id,
    channel_name: 'channel',
    user_id: c.user_id,
    user_name: c.user_id.toLowerCase(),
    command: c.command ?? '/status',
    text: c.text ?? '',
    api_app_id: APP_ID,
    response_url: c.response_url ?? 'https://hooks.slack.com/commands/T0HOST/1/abc',
    trigger_id: c.trigger_id ?? uid('trig.'),
  };
}

const team = () => ({ id: HOST_TEAM, domain: 'kuittaus-test' });
const user = (id: string) => ({ id, username: id.toLowerCase(), name: id.toLowerCase(), team_id: HOST_TEAM });

export function blockAction(a: { user: string; actionId: string; value?: string; blockId?: string; channel?: string; message?: Record<string, unknown>; triggerId?: string; responseUrl?: string }) {
  return {
    type: 'block_actions',
    team: team(),
    user: user(a.user),
    api_app_id: APP_ID,
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: (a.message?.ts as string) ?? nextTs(), channel_id: a.channel, is_ephemeral: false },
    trigger_id: a.triggerId ?? uid('trig.'),
    ...(a.channel ? { channel: { id: a.channel, name: 'channel' } } : {}),
    ...(a.message ? { message: { type: 'message', ...a.message } } : {}),
    response_url: a.responseUrl ?? 'https://hooks.slack.com/actions/T0HOST/1/abc',
    actions: [
      {
        action_id: a.actionId,
        block_id: a.blockId ?? 'request_card_actions',
        text: { type: 'plain_text', text: 'Button', emoji: true },
        ...(a.value !== undefined ? { value: a.value } : {}),
        type: 'button',
        action_ts: nextTs(),
      },
    ],
  };
}

export function messageShortcut(s: { callbackId: string; user: string; channel: string; message: Record<string, unknown>; triggerId?: string }) {
  return {
    type: 'message_action',
    token: 'legacy-verification-token',
    action_ts: nextTs(),
    team: team(),
    user: user(s.user),
    channel: { id: s.channel, name: 'channel' },
    is_enterprise_install: false,
    callback_id: s.callbackId,
    trigger_id: s.triggerId ?? uid('trig.'),
    response_url: 'https://hooks.slack.com/app/T0HOST/1/abc',
    message_ts: s.message.ts,
    message: s.message,
  };
}

export function viewSubmission(v: { callbackId: string; user: string; values: Record<string, unknown>; privateMetadata?: string }) {
  return {
    type: 'view_submission',
    team: team(),
    user: user(v.user),
    api_app_id: APP_ID,
    token: 'legacy-verification-token',
    trigger_id: uid('trig.'),
    view: { id: uid('V'), type: 'modal', callback_id: v.callbackId, private_metadata: v.privateMetadata ?? '', state: { values: v.values }, hash: 'h' },
  };
}
