/** Users and channels of the emulated workspace. */
export const HOST_TEAM = 'T0HOST';
export const BOT_USER = 'U0BOT';
export const BOT_ID = 'B0BOT';
export const APP_ID = 'A0APP';
export const CLIENT_TEAM = 'T0CLIENT';

export interface EmulatedUser {
  id: string;
  team_id: string;
  name: string;
  real_name: string;
  deleted?: boolean;
  is_bot: boolean;
  is_stranger?: boolean;
  is_restricted: boolean;
  is_ultra_restricted: boolean;
  enterprise_user?: { enterprise_id: string };
  profile: { first_name?: string; display_name?: string; real_name?: string };
}

export interface EmulatedChannel {
  id: string;
  name: string;
  is_ext_shared: boolean;
  is_shared: boolean;
  is_private: boolean;
}

function person(id: string, realName: string, teamId: string): EmulatedUser {
  const first = realName.split(/\s+/)[0] ?? realName;
  return {
    id,
    team_id: teamId,
    name: realName.toLowerCase().replace(/\s+/g, '.'),
    real_name: realName,
    is_bot: false,
    is_restricted: false,
    is_ultra_restricted: false,
    profile: { first_name: first, display_name: first, real_name: realName },
  };
}

export const internalUser = (id: string, realName: string): EmulatedUser => person(id, realName, HOST_TEAM);

/** A member of another organisation in a Slack Connect channel: users.info says is_stranger. */
export const clientUser = (id: string, realName: string, teamId = CLIENT_TEAM): EmulatedUser => ({
  ...person(id, realName, teamId),
  is_stranger: true,
});

/** A guest account of the host workspace. */
export const guestUser = (id: string, realName: string): EmulatedUser => ({
  ...person(id, realName, HOST_TEAM),
  is_restricted: true,
});
