/**
 * The channel settings modal (`/status settings`, team leads): every per-channel setting of
 * DESIGN.md, prefilled with what is in force, and the reader of its submitted values. Pure.
 * Each input's block id is SettingsInput[field] and its action id the field name.
 */
import type { SettingsField, SettingsForm, SettingsProblem } from '../../domain/settings-form';
import type { Language } from '../../domain/settings';
import { type MessageKey, t } from '../../i18n';
import { CallbackId, SettingsInput } from '../ids';
import { context, plain } from './elements';
import { channelLink, truncate } from './mrkdwn';

const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
const TOGGLES = ['autoAcknowledge', 'pleasantryFilter', 'urgentAroundTheClock', 'managed', 'holdingLine'] as const;

type Field = keyof typeof SettingsInput;

const option = (value: string, text: string) => ({ text: plain(text), value });

export function settingsModal(lang: Language, channelId: string, form: SettingsForm) {
  const input = (field: Field, element: Record<string, unknown>, optional = false, hint?: MessageKey) => ({
    type: 'input',
    block_id: SettingsInput[field],
    label: plain(t(lang, `settings.${field}`)),
    optional,
    element: { action_id: field, ...element },
    ...(hint ? { hint: plain(t(lang, hint)) } : {}),
  });
  const text = (field: Field, value: string | undefined, optional = false, hint?: MessageKey) =>
    input(field, { type: 'plain_text_input', ...(value ? { initial_value: value } : {}) }, optional, hint);
  const number = (field: Field, value: string | undefined, min: number) =>
    input(field, { type: 'number_input', is_decimal_allowed: false, min_value: String(min), ...(value ? { initial_value: value } : {}) });
  const weekdayNames = t(lang, 'settings.weekdays').split(',');
  const toggled = TOGGLES.filter((toggle) => form.toggles.includes(toggle));

  return {
    type: 'modal' as const,
    callback_id: CallbackId.SettingsModal,
    title: plain(truncate(t(lang, 'settings.title'), 24)),
    submit: plain(truncate(t(lang, 'modal.save'), 24)),
    close: plain(truncate(t(lang, 'modal.cancel'), 24)),
    private_metadata: JSON.stringify({ channelId }),
    blocks: [
      context(t(lang, 'settings.intro', { channel: channelLink(channelId) })),
      text('clientName', form.clientName, true),
      input('language', {
        type: 'static_select',
        options: [option('en', 'English'), option('fi', 'Suomi')],
        ...(form.language ? { initial_option: option(form.language, form.language === 'fi' ? 'Suomi' : 'English') } : {}),
      }),
      text('timezone', form.timezone, false, 'settings.timezoneHint'),
      input('opens', { type: 'timepicker', ...(form.opens ? { initial_time: form.opens } : {}) }),
      input('closes', { type: 'timepicker', ...(form.closes ? { initial_time: form.closes } : {}) }, false, 'settings.closesHint'),
      input('workingDays', {
        type: 'checkboxes',
        options: WEEKDAYS.map((d, i) => option(d, weekdayNames[i] ?? d)),
        ...(form.workingDays.length > 0 ? { initial_options: form.workingDays.map((d) => option(d, weekdayNames[Number(d) - 1] ?? d)) } : {}),
      }),
      text('holidays', form.holidays, true, 'settings.holidaysHint'),
      number('cadenceUrgent', form.cadenceUrgent, 1),
      number('cadenceNormal', form.cadenceNormal, 1),
      number('firstUpdate', form.firstUpdate, 1),
      number('grace', form.grace, 0),
      input('retention', { type: 'number_input', is_decimal_allowed: false, min_value: '1', max_value: '3650', ...(form.retention ? { initial_value: form.retention } : {}) }, true, 'settings.retentionHint'),
      input(
        'clientNudgeDays',
        { type: 'number_input', is_decimal_allowed: false, min_value: '0', max_value: '30', ...(form.clientNudgeDays ? { initial_value: form.clientNudgeDays } : {}) },
        true,
        'settings.clientNudgeDaysHint',
      ),
      input('triageChannelId', { type: 'conversations_select', filter: { include: ['public', 'private'] }, ...(form.triageChannelId ? { initial_conversation: form.triageChannelId } : {}) }, true),
      input('defaultOwnerIds', { type: 'multi_users_select', ...(form.defaultOwnerIds.length > 0 ? { initial_users: form.defaultOwnerIds } : {}) }, true),
      input('teamLeadIds', { type: 'multi_users_select', ...(form.teamLeadIds.length > 0 ? { initial_users: form.teamLeadIds } : {}) }, true),
      input('onCallIds', { type: 'multi_users_select', ...(form.onCallIds.length > 0 ? { initial_users: form.onCallIds } : {}) }, true),
      input(
        'toggles',
        {
          type: 'checkboxes',
          options: TOGGLES.map((toggle) => option(toggle, t(lang, `settings.toggle.${toggle}`))),
          ...(toggled.length > 0 ? { initial_options: toggled.map((toggle) => option(toggle, t(lang, `settings.toggle.${toggle}`))) } : {}),
        },
        true,
      ),
    ],
  };
}

type Values = Record<string, Record<string, Record<string, unknown> | undefined> | undefined>;

/** state.values → the form. */
export function readSettingsForm(values: Values): SettingsForm {
  const el = (field: Field) => values[SettingsInput[field]]?.[field];
  const str = (field: Field) => {
    const e = el(field);
    const v = e?.value ?? e?.selected_time ?? e?.selected_conversation ?? (e?.selected_option as { value?: unknown } | undefined)?.value;
    return typeof v === 'string' && v !== '' ? v : undefined;
  };
  const list = (field: Field) => {
    const e = el(field);
    const users = e?.selected_users;
    if (Array.isArray(users)) return users.filter((u): u is string => typeof u === 'string');
    const options = e?.selected_options;
    return Array.isArray(options) ? options.map((o) => (o as { value?: unknown }).value).filter((v): v is string => typeof v === 'string') : [];
  };
  return {
    clientName: str('clientName'),
    language: str('language'),
    timezone: str('timezone'),
    opens: str('opens'),
    closes: str('closes'),
    workingDays: list('workingDays'),
    holidays: str('holidays'),
    cadenceUrgent: str('cadenceUrgent'),
    cadenceNormal: str('cadenceNormal'),
    firstUpdate: str('firstUpdate'),
    grace: str('grace'),
    retention: str('retention'),
    clientNudgeDays: str('clientNudgeDays'),
    triageChannelId: str('triageChannelId'),
    defaultOwnerIds: list('defaultOwnerIds'),
    teamLeadIds: list('teamLeadIds'),
    onCallIds: list('onCallIds'),
    toggles: list('toggles'),
  };
}

/** Problems → `response_action: errors` keyed by block id. */
export function settingsErrors(lang: Language, errors: Partial<Record<SettingsField, SettingsProblem>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([field, problem]) => [SettingsInput[field as SettingsField], t(lang, `settings.problem.${problem as SettingsProblem}`)]),
  );
}
