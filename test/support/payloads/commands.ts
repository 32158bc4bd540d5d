/** Slash command form fields, shaped like Slack's. */
import { nextTriggerId } from '../slack-ids';
import { APP_ID, HOST_TEAM } from '../slack-emulator/fixtures';
import { VERIFICATION_TOKEN, responseUrl, teamObject } from './common';

export interface SlashCommandInput {
  command?: string;
  text?: string;
  user_id: string;
  channel_id: string;
  channel_name?: string;
  team_id?: string;
  trigger_id?: string;
  response_url?: string;
}

/** The form fields of a slash command (default `/status`). */
export function slashCommand(c: SlashCommandInput): Record<string, string> {
  const teamId = c.team_id ?? HOST_TEAM;
  return {
    token: VERIFICATION_TOKEN,
    team_id: teamId,
    team_domain: teamObject(teamId).domain,
    channel_id: c.channel_id,
    channel_name: c.channel_name ?? (c.channel_id.startsWith('D') ? 'directmessage' : 'channel'),
    user_id: c.user_id,
    user_name: c.user_id.toLowerCase(),
    command: c.command ?? '/status',
    text: c.text ?? '',
    api_app_id: APP_ID,
    is_enterprise_install: 'false',
    response_url: c.response_url ?? responseUrl('commands'),
    trigger_id: c.trigger_id ?? nextTriggerId(),
  };
}
