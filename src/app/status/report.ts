/** `/status report` and the weekly digest: the service metrics of the last 7 days. */
import { type Metrics, metricsOf } from '../../domain/metrics';
import type { Deps } from '../deps';
import { assertInternal } from '../assert-internal';

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
