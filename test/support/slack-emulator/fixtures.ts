/** The emulated workspace's constants, users and channels. */
export const HOST_TEAM = 'T0HOST';
export const HOST_TEAM_NAME = 'Kuittaus Test';
export const HOST_DOMAIN = 'kuittaus-test';
export const BOT_USER = 'U0BOT';
export const BOT_ID = 'B0BOT';
export const APP_ID = 'A0APP';
export const CLIENT_TEAM = 'T0CLIENT';
export const DEFAULT_BOT_TOKEN = 'xoxb-test';

export interface EmulatedUser {
  id: string;
  team_id: string;
  name: string;
  real_name: string;
  deleted?: boolean;
  is_bot: boolean;
  is_app_user?: boolean;
  /** A member of another organisation seen through a Slack Connect channel. */
  is_stranger?: boolean;
  /** Multi-channel guest. */
  is_restricted: boolean;
  /** Single-channel guest. */
  is_ultra_restricted: boolean;
  enterprise_user?: { enterprise_id: string };
  tz?: string;
  profile: { first_name?: string; display_name?: string; real_name?: string; bot_id?: string };
}

export interface EmulatedChannel {
  id: string;
  name: string;
  /** Slack Connect: shared with another organisation. */
  is_ext_shared: boolean;
  is_shared: boolean;
  is_private: boolean;
  /** Whether the bot is in the channel (default true); conversations.join sets it. */
  is_member?: boolean;
  is_archived?: boolean;
}

function person(id: string, realName: string, teamId: string): EmulatedUser {
  const first = realName.split(/\s+/)[0] ?? realName;
  return {
    id,
    team_id: teamId,
    name: realName.toLowerCase().replace(/\s+/g, '.'),
    real_name: realName,
    deleted: false,
    is_bot: false,
    is_app_user: false,
    is_restricted: false,
    is_ultra_restricted: false,
    tz: 'Europe/Helsinki',
    profile: { first_name: first, display_name: first, real_name: realName },
  };
}

/** A full member of the host team. */
export const internalUser = (id: string, realName: string, teamId = HOST_TEAM): EmulatedUser => person(id, realName, teamId);

/** A member of another organisation in a Slack Connect channel: users.info says is_stranger. */
export const clientUser = (id: string, realName: string, teamId = CLIENT_TEAM): EmulatedUser => ({
  ...person(id, realName, teamId),
  is_stranger: true,
});

/** A (multi-channel) guest account of the host workspace. */
export const guestUser = (id: string, realName: string, teamId = HOST_TEAM): EmulatedUser => ({
  ...person(id, realName, teamId),
  is_restricted: true,
});

/** Our own bot user. */
export const botUser = (teamId = HOST_TEAM): EmulatedUser => ({
  ...person(BOT_USER, 'Kuittaus', teamId),
  name: 'kuittaus',
  is_bot: true,
  is_app_user: false,
  profile: { first_name: 'Kuittaus', display_name: 'Kuittaus', real_name: 'Kuittaus', bot_id: BOT_ID },
});

/** The id of the bot's DM with a user, as conversations.open and chat.postMessage(channel: user) give it. */
export const dmChannelId = (userId: string): string => `D${userId.replace(/^[UW]/, '')}`;
