/**
 * `/status settings`: team leads change a channel's settings. Stored per channel in Redis over
 * the environment's defaults, and read by everything else on its next use.
 */
import type { ChannelSettings } from '../../domain/settings';
import { type SettingsForm, formOf } from '../../domain/settings-form';
import type { Deps } from '../deps';
import { KuittausError } from '../errors/kuittaus-error';
import { assertInternal } from '../assert-internal';

/**
 * Team leads are those in TEAM_LEADS or in the channel's own settings. While no team lead is
 * named anywhere, any internal user may set a channel up (otherwise nobody could).
 */
export async function assertTeamLead(deps: Pick<Deps, 'directory' | 'host' | 'settings' | 'teamLeads'>, teamId: string, channelId: string, userId: string) {
  await assertInternal(deps, teamId, userId);
  const channelLeads = (await deps.settings.forChannel(teamId, channelId)).teamLeadIds;
  const leads = new Set([...deps.teamLeads, ...channelLeads]);
  if (leads.size > 0 && !leads.has(userId)) throw new KuittausError('NOT_TEAM_LEAD', `${userId} is no team lead`);
}

/** The form as the settings in force fill it. */
export async function settingsFormFor(deps: Deps, teamId: string, channelId: string, userId: string): Promise<SettingsForm> {
  await assertTeamLead(deps, teamId, channelId, userId);
  return formOf(await deps.settings.forChannel(teamId, channelId));
}

export async function saveChannelSettings(
  deps: Deps,
  teamId: string,
  channelId: string,
  userId: string,
  overrides: Partial<ChannelSettings>,
): Promise<void> {
  await assertTeamLead(deps, teamId, channelId, userId);
  await deps.settings.save(teamId, channelId, overrides);
  deps.log.info({ channel: channelId, user: userId }, 'channel settings saved');
}
