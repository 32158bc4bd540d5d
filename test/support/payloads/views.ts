/** The `view` object of interaction payloads, and the state values of input elements. */
import { APP_ID, BOT_ID, HOST_TEAM } from '../slack-emulator/fixtures';

export interface ViewOutputInput {
  id: string;
  type: 'modal' | 'home';
  callbackId: string;
  privateMetadata: string;
  values: Record<string, Record<string, unknown>>;
  title?: string;
  hash?: string;
  blocks?: unknown[];
}

export function viewOutput(v: ViewOutputInput) {
  return {
    id: v.id,
    team_id: HOST_TEAM,
    type: v.type,
    blocks: v.blocks ?? [],
    private_metadata: v.privateMetadata,
    callback_id: v.callbackId,
    state: { values: v.values },
    hash: v.hash ?? `${Math.floor(Date.now() / 1000)}.abcdef12`,
    title: { type: 'plain_text', text: v.title ?? 'Kuittaus', emoji: true },
    clear_on_close: false,
    notify_on_close: false,
    close: v.type === 'modal' ? { type: 'plain_text', text: 'Cancel', emoji: true } : null,
    submit: v.type === 'modal' ? { type: 'plain_text', text: 'Save', emoji: true } : null,
    previous_view_id: null,
    root_view_id: v.id,
    app_id: APP_ID,
    external_id: '',
    app_installed_team_id: HOST_TEAM,
    bot_id: BOT_ID,
  };
}

const option = (value: string, text = value) => ({ text: { type: 'plain_text', text, emoji: true }, value });

/** Entries of `state.values[blockId][actionId]` as Slack reports each input element. */
export const viewInput = {
  text: (value: string | null) => ({ type: 'plain_text_input', value }),
  /** "2024-11-28" */
  date: (selected_date: string | null) => ({ type: 'datepicker', selected_date }),
  /** "16:00" */
  time: (selected_time: string | null, timezone?: string) => ({ type: 'timepicker', selected_time, ...(timezone ? { timezone } : {}) }),
  /** Unix seconds. */
  dateTime: (selected_date_time: number | null) => ({ type: 'datetimepicker', selected_date_time }),
  user: (selected_user: string | null) => ({ type: 'users_select', selected_user }),
  users: (selected_users: string[]) => ({ type: 'multi_users_select', selected_users }),
  conversation: (selected_conversation: string | null) => ({ type: 'conversations_select', selected_conversation }),
  staticSelect: (value: string | null, text?: string) => ({ type: 'static_select', selected_option: value === null ? null : option(value, text) }),
  radio: (value: string | null, text?: string) => ({ type: 'radio_buttons', selected_option: value === null ? null : option(value, text) }),
  checkboxes: (values: string[]) => ({ type: 'checkboxes', selected_options: values.map((v) => option(v)) }),
};
