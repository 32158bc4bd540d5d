/** The weekly digest job: the report, as a DM to each team lead (once per lead and week). */
import type { Deps } from '../../app/deps';
import { reportUntil } from '../../app/status/report';
import { reportMessage } from '../blocks/report';

export async function sendDigest(deps: Deps, teamId: string): Promise<void> {
  const report = await reportUntil(deps, teamId, deps.clock.now());
  const message = reportMessage(report, deps.language, deps.settingsTimezone);
  const week = new Date(report.from).toISOString().slice(0, 10);
  for (const lead of deps.teamLeads) {
    await deps.poster.postOnce({ deliveryKey: `digest_${teamId}_${lead}_${week}`, channel: lead, ...message });
  }
  deps.log.info({ leads: deps.teamLeads.length, requests: report.metrics.requests }, 'weekly digest sent');
}
