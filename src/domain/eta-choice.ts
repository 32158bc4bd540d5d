/**
 * What the ETA modal's answer means: a quick pick, or an exact local date and time in the
 * channel's zone (which win over the quick pick when both are given), or nothing. Pure.
 */
import { type EtaQuickPick, ETA_QUICK_PICKS, quickPickEta } from './eta';
import { firstInstantAtOrAfter } from './local-time';
import type { BusinessHours } from './settings';

export interface EtaChoice {
  pick?: string | undefined;
  /** `YYYY-MM-DD` from a datepicker. */
  date?: string | undefined;
  /** `HH:mm` from a timepicker. */
  time?: string | undefined;
}

export type EtaChoiceProblem = 'missing' | 'needs_date' | 'needs_time' | 'in_past';

export type EtaDecision =
  /** `etaAt` undefined: "not known yet". */
  | { ok: true; etaAt: number | undefined }
  | { ok: false; problem: EtaChoiceProblem };

/**
 * `given` says whether anything was chosen: the ETA modal needs an answer (`missing` is an error
 * there), while the update modal's ETA is optional (nothing given means the ETA stays).
 */
export function decideEta(choice: EtaChoice, now: number, hours: BusinessHours): EtaDecision & { given: boolean } {
  const { date, time } = choice;
  if (date || time) {
    if (!date) return { ok: false, problem: 'needs_date', given: true };
    if (!time) return { ok: false, problem: 'needs_time', given: true };
    const etaAt = localInstant(date, time, hours.timezone);
    if (etaAt === undefined) return { ok: false, problem: 'missing', given: true };
    if (etaAt <= now) return { ok: false, problem: 'in_past', given: true };
    return { ok: true, etaAt, given: true };
  }
  if (choice.pick && isQuickPick(choice.pick)) return { ok: true, etaAt: quickPickEta(choice.pick, now, hours), given: true };
  return { ok: false, problem: 'missing', given: false };
}

export function isQuickPick(value: string): value is EtaQuickPick {
  return (ETA_QUICK_PICKS as readonly string[]).includes(value);
}

function localInstant(date: string, time: string, timezone: string): number | undefined {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!d || !t) return undefined;
  const [year, month, day, hour, minute] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59) return undefined;
  return firstInstantAtOrAfter({ year, month, day }, hour * 60 + minute, timezone);
}
