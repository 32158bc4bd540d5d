/**
 * The channel settings modal's answers, checked and turned into per-channel overrides. Pure: the
 * Slack layer reads the raw values; this says what they mean and what is wrong with them.
 */
import { CLIENT_NUDGE_DAYS_MAX, LANGUAGES, RETENTION_DAYS_MAX, RETENTION_DAYS_MIN, type ChannelSettings, type Language } from './settings';

export interface SettingsForm {
  clientName?: string | undefined;
  language?: string | undefined;
  timezone?: string | undefined;
  /** `HH:mm` */
  opens?: string | undefined;
  closes?: string | undefined;
  /** ISO weekdays as strings, '1' … '7'. */
  workingDays: string[];
  /** `YYYY-MM-DD, YYYY-MM-DD` */
  holidays?: string | undefined;
  cadenceUrgent?: string | undefined;
  cadenceNormal?: string | undefined;
  firstUpdate?: string | undefined;
  grace?: string | undefined;
  /** Days a closed request is kept (see RETENTION_DAYS). */
  retention?: string | undefined;
  /** Working days of waiting before a silent client is reminded (0: never); empty keeps the team's. */
  clientNudgeDays?: string | undefined;
  triageChannelId?: string | undefined;
  defaultOwnerIds: string[];
  teamLeadIds: string[];
  onCallIds: string[];
  /** Checked toggles: 'autoAcknowledge', 'pleasantryFilter', 'urgentAroundTheClock', 'managed', 'holdingLine'. */
  toggles: string[];
}

export type SettingsField =
  | 'language'
  | 'timezone'
  | 'opens'
  | 'closes'
  | 'workingDays'
  | 'holidays'
  | 'cadenceUrgent'
  | 'cadenceNormal'
  | 'firstUpdate'
  | 'grace'
  | 'retention'
  | 'clientNudgeDays';

export type SettingsProblem = 'required' | 'invalid_timezone' | 'invalid_time' | 'closes_before_opens' | 'no_days' | 'invalid_dates' | 'minutes_range' | 'days_range' | 'nudge_days_range';

export type SettingsDecision =
  | { ok: true; overrides: Partial<ChannelSettings> }
  | { ok: false; errors: Partial<Record<SettingsField, SettingsProblem>> };

const MAX_MINUTES = 30 * 24 * 60;

export function decideSettings(form: SettingsForm): SettingsDecision {
  const errors: Partial<Record<SettingsField, SettingsProblem>> = {};
  const language = LANGUAGES.find((l) => l === form.language);
  if (!language) errors.language = 'required';
  const timezone = form.timezone?.trim() ?? '';
  if (!isTimezone(timezone)) errors.timezone = 'invalid_timezone';
  const opens = minuteOfDay(form.opens);
  const closes = minuteOfDay(form.closes, true);
  if (opens === undefined) errors.opens = 'invalid_time';
  if (closes === undefined) errors.closes = 'invalid_time';
  else if (opens !== undefined && closes <= opens) errors.closes = 'closes_before_opens';
  const workingDays = [...new Set(form.workingDays.map(Number).filter((d) => Number.isInteger(d) && d >= 1 && d <= 7))].sort();
  if (workingDays.length === 0) errors.workingDays = 'no_days';
  const holidays = (form.holidays ?? '').split(/[\s,]+/).filter(Boolean);
  if (!holidays.every(isDate)) errors.holidays = 'invalid_dates';
  const minutes = (field: 'cadenceUrgent' | 'cadenceNormal' | 'firstUpdate' | 'grace', min: number) => {
    const value = Number(form[field]);
    if (form[field] === undefined || form[field] === '' || !Number.isInteger(value) || value < min || value > MAX_MINUTES) {
      errors[field] = 'minutes_range';
      return 0;
    }
    return value;
  };
  const cadenceMinutes = { urgent: minutes('cadenceUrgent', 1), normal: minutes('cadenceNormal', 1) };
  const firstUpdateMinutes = minutes('firstUpdate', 1);
  const graceMinutes = minutes('grace', 0);
  // Left empty, the channel keeps the team's RETENTION_DAYS.
  const retentionDays = form.retention === undefined || form.retention.trim() === '' ? undefined : Number(form.retention);
  if (retentionDays !== undefined && (!Number.isInteger(retentionDays) || retentionDays < RETENTION_DAYS_MIN || retentionDays > RETENTION_DAYS_MAX)) {
    errors.retention = 'days_range';
  }
  // Left empty, the channel keeps the team's CLIENT_NUDGE_DAYS.
  const nudge = form.clientNudgeDays?.trim() ?? '';
  const clientNudgeDays = nudge === '' ? undefined : Number(nudge);
  if (clientNudgeDays !== undefined && (!Number.isInteger(clientNudgeDays) || clientNudgeDays < 0 || clientNudgeDays > CLIENT_NUDGE_DAYS_MAX)) {
    errors.clientNudgeDays = 'nudge_days_range';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const clientName = form.clientName?.trim();
  const overrides: Partial<ChannelSettings> = {
    ...(clientName ? { clientName } : {}),
    language: language as Language,
    businessHours: { timezone, startMinute: opens as number, endMinute: closes as number, workingDays, holidays },
    cadenceMinutes,
    firstUpdateMinutes,
    graceMinutes,
    ...(retentionDays !== undefined ? { retentionDays } : {}),
    ...(form.triageChannelId ? { triageChannelId: form.triageChannelId } : {}),
    defaultOwnerIds: form.defaultOwnerIds,
    teamLeadIds: form.teamLeadIds,
    onCallIds: form.onCallIds,
    urgentAroundTheClock: form.toggles.includes('urgentAroundTheClock'),
    autoAcknowledge: form.toggles.includes('autoAcknowledge'),
    pleasantryFilter: form.toggles.includes('pleasantryFilter'),
    managed: form.toggles.includes('managed'),
    holdingLine: form.toggles.includes('holdingLine'),
    ...(clientNudgeDays !== undefined ? { clientNudgeDays } : {}),
  };
  return { ok: true, overrides };
}

/** The form showing settings as they are (for the modal's initial values). */
export function formOf(settings: ChannelSettings): SettingsForm {
  const hhmm = (m: number) => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const h = settings.businessHours;
  return {
    clientName: settings.clientName,
    language: settings.language,
    timezone: h.timezone,
    opens: hhmm(h.startMinute),
    closes: h.endMinute >= 24 * 60 ? '00:00' : hhmm(h.endMinute),
    workingDays: h.workingDays.map(String),
    holidays: h.holidays.join(', '),
    cadenceUrgent: String(settings.cadenceMinutes.urgent),
    cadenceNormal: String(settings.cadenceMinutes.normal),
    firstUpdate: String(settings.firstUpdateMinutes),
    grace: String(settings.graceMinutes),
    retention: String(settings.retentionDays),
    clientNudgeDays: String(settings.clientNudgeDays),
    triageChannelId: settings.triageChannelId,
    defaultOwnerIds: settings.defaultOwnerIds,
    teamLeadIds: settings.teamLeadIds,
    onCallIds: settings.onCallIds,
    toggles: [
      ...(settings.autoAcknowledge ? ['autoAcknowledge'] : []),
      ...(settings.pleasantryFilter ? ['pleasantryFilter'] : []),
      ...(settings.urgentAroundTheClock ? ['urgentAroundTheClock'] : []),
      ...(settings.managed ? ['managed'] : []),
      ...(settings.holdingLine ? ['holdingLine'] : []),
    ],
  };
}

/** `HH:mm` → minutes after midnight; a closing time of 00:00 means midnight at the end of the day. */
function minuteOfDay(value: string | undefined, closing = false): number | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(value ?? '');
  if (!m) return undefined;
  const [hour, minute] = [Number(m[1]), Number(m[2])];
  if (hour > 23 || minute > 59) return undefined;
  const total = hour * 60 + minute;
  return closing && total === 0 ? 24 * 60 : total;
}

function isTimezone(zone: string): boolean {
  if (!zone) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function isDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}
