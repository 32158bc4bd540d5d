/** `/status report` and the weekly digest: the service metrics of the last 7 days. */
import { type Metrics, metricsOf } from '../../domain/metrics';
import { reportMessage } from '../../slack/blocks/report';
import type { Deps } from '../deps';
import { assertInternal } from '../track-message';

export const REPORT_DAYS = 7;
const DAY_MS = 24 * 3600_000;

export interface Report {
  from: number;
  to: number;
  metrics: Metrics;
}

export async function reportUntil(deps: Pick<Deps, 'history'>, teamId: string, to: number): Promise<Report> {
  const from = to - REPORT_DAYS * DAY_MS;
  const histories = await deps.history.between(teamId, from, to);
  return { from, to, metrics: metricsOf(histories, from, to) };
}

/** `/status report`, for internal users. */
export async function reportFor(deps: Deps, teamId: string, userId: string): Promise<Report> {
  await assertInternal(deps, teamId, userId);
  return reportUntil(deps, teamId, deps.clock.now());
}

/** The weekly digest job: the report, as a DM to each team lead (once per lead and week). */
export async function sendDigest(deps: Deps, teamId: string): Promise<void> {
  const report = await reportUntil(deps, teamId, deps.clock.now());
  const message = reportMessage(report, deps.language, deps.settingsTimezone);
  const week = new Date(report.from).toISOString().slice(0, 10);
  for (const lead of deps.teamLeads) {
    await deps.poster.postOnce({ deliveryKey: `digest_${teamId}_${lead}_${week}`, channel: lead, ...message });
  }
  deps.log.info({ leads: deps.teamLeads.length, requests: report.metrics.requests }, 'weekly digest sent');
}
