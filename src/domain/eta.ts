/**
 * ETA policy: the modal's quick picks, when the owner is asked "On track?", when an ETA counts as
 * missed, and how an ETA's history adds up to slips for the metrics.
 *
 * Quick picks count in the channel's business time:
 * - `in_1h`, `in_2h`, `in_4h`: that many business hours from now (from the next opening when the
 *   team is away), so "in 1 h" at 16:30 is 09:30 the next working day.
 * - `end_of_day`: the closing time of the working day now in progress or, when today's business
 *   time is over (or today is no working day), of the next one. Before opening on a working day it
 *   is today's closing.
 * - `tomorrow`: the closing time of the first working day after today's date.
 * - `in_3_days`: the closing time of the third working day after today's date.
 * - `unknown`: no ETA.
 */
import { addBusinessMinutes, businessMinutesBetween, nextBusinessOpening } from './business-time';
import { addLocalDays, firstInstantAtOrAfter, localDateOf } from './local-time';
import type { BusinessHours } from './settings';

export type EtaQuickPick = 'in_1h' | 'in_2h' | 'in_4h' | 'end_of_day' | 'tomorrow' | 'in_3_days' | 'unknown';
export const ETA_QUICK_PICKS: readonly EtaQuickPick[] = ['in_1h', 'in_2h', 'in_4h', 'end_of_day', 'tomorrow', 'in_3_days', 'unknown'];

/** Below this many business minutes ahead an ETA is too close to ask "On track?" about. */
export const MIN_PROMPT_AHEAD_MINUTES = 30;

/** One ETA as set or revised; a request's history lists them in the order they were set. */
export interface EtaEntry {
  /** Epoch ms: the estimated resolution. */
  at: number;
  /** Epoch ms when this estimate was given. */
  setAt: number;
  /** Slack user who gave it. */
  setBy: string;
  /** Why it was revised (the modal's note). */
  reason?: string;
}

export type EtaHistory = readonly EtaEntry[];

/** The ETA a quick pick stands for; undefined for `unknown`. */
export function quickPickEta(pick: EtaQuickPick, now: number, hours: BusinessHours): number | undefined {
  switch (pick) {
    case 'in_1h':
      return addBusinessMinutes(now, 60, hours);
    case 'in_2h':
      return addBusinessMinutes(now, 120, hours);
    case 'in_4h':
      return addBusinessMinutes(now, 240, hours);
    case 'end_of_day':
      return closingOfWorkingDay(nextBusinessOpening(now, hours), hours);
    case 'tomorrow':
      return closingOfNthWorkingDayAfter(now, 1, hours);
    case 'in_3_days':
      return closingOfNthWorkingDayAfter(now, 3, hours);
    case 'unknown':
      return undefined;
  }
}

/**
 * When to ask the owner "On track?" about an ETA, counted in business time so that the question
 * comes during working hours:
 * - no prompt when the ETA is less than MIN_PROMPT_AHEAD_MINUTES business minutes away (the owner
 *   has only just set it), has passed, or has no business time before it;
 * - otherwise the lead depends on how much business time lies ahead: under 2 h → 30 min before;
 *   under one business day (closing − opening) → 2 h before; else one business day before;
 * - and never earlier than halfway between now and the ETA, so short ETAs are not asked at once.
 * The result is therefore always after `now` and before the ETA.
 */
export function onTrackPromptAt(etaAt: number, now: number, hours: BusinessHours): number | undefined {
  if (etaAt <= now) return undefined;
  const ahead = businessMinutesBetween(now, etaAt, hours);
  if (ahead < MIN_PROMPT_AHEAD_MINUTES) return undefined;
  const businessDay = hours.endMinute - hours.startMinute;
  const tierLead = ahead < 120 ? 30 : ahead < businessDay ? 120 : businessDay;
  const lead = Math.min(tierLead, ahead / 2);
  return Math.round(addBusinessMinutes(now, ahead - lead, hours));
}

/** Passed without a revision; the ETA instant itself counts as passed (a job fires at it). */
export function etaMissed(etaAt: number, now: number, revisedSince: boolean): boolean {
  return !revisedSince && now >= etaAt;
}

/** The ETA in force: the last one set, or undefined when none was. */
export function currentEta(history: EtaHistory): number | undefined {
  return inOrderSet(history).at(-1)?.at;
}

/**
 * How long each slip was, in ms. A slip is a revision to a later time than the ETA before it
 * (a revision to an earlier time is no slip and offsets none). When `resolvedAt` is given and is
 * after the last ETA, finishing late is one more slip: a missed ETA slipped even if nobody
 * revised it.
 */
export function slipDurationsMs(history: EtaHistory, resolvedAt?: number): number[] {
  const etas = inOrderSet(history).map((entry) => entry.at);
  const durations: number[] = [];
  etas.forEach((eta, i) => {
    const before = etas[i - 1];
    if (before !== undefined && eta > before) durations.push(eta - before);
  });
  const last = etas.at(-1);
  if (resolvedAt !== undefined && last !== undefined && resolvedAt > last) durations.push(resolvedAt - last);
  return durations;
}

export function slipCount(history: EtaHistory, resolvedAt?: number): number {
  return slipDurationsMs(history, resolvedAt).length;
}

/** Mean slip length in ms; undefined when nothing slipped. */
export function averageSlipMs(history: EtaHistory, resolvedAt?: number): number | undefined {
  const durations = slipDurationsMs(history, resolvedAt);
  if (durations.length === 0) return undefined;
  return durations.reduce((sum, d) => sum + d, 0) / durations.length;
}

function inOrderSet(history: EtaHistory): EtaEntry[] {
  return [...history].sort((a, b) => a.setAt - b.setAt);
}

/** Closing time of the working day that opens at `opening`. */
function closingOfWorkingDay(opening: number, hours: BusinessHours): number {
  return firstInstantAtOrAfter(localDateOf(opening, hours.timezone), hours.endMinute, hours.timezone);
}

/** Closing time of the `n`th working day after the local date of `now`; today never counts. */
function closingOfNthWorkingDayAfter(now: number, n: number, hours: BusinessHours): number {
  let opening = now;
  for (let i = 0; i < n; i++) {
    const nextDate = addLocalDays(localDateOf(opening, hours.timezone), 1);
    opening = nextBusinessOpening(firstInstantAtOrAfter(nextDate, 0, hours.timezone), hours);
  }
  return closingOfWorkingDay(opening, hours);
}
