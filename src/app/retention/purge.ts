/**
 * The retention purge (a daily job, one run at a time): resolved and dismissed requests whose
 * closing is older than their channel's retention are deleted with everything that names them;
 * the anonymous figures the reports need stay. In batches; a run that stops half-way leaves each
 * request all there or all gone, and the next run carries on.
 */
import { DAY_MS, closedAtOf, isPurgeDue } from '../../domain/retention';
import type { Deps } from '../deps';
import { forgetRequest } from './forget-request';

export const PURGE_BATCH = 100;

export interface PurgeReport {
  purged: number;
  /** Closed, but their channel keeps them longer. */
  kept: number;
}

export async function purgeExpired(
  deps: Pick<Deps, 'retention' | 'retentionDays' | 'timers' | 'intake' | 'outbox' | 'settings' | 'log'>,
  teamId: string,
  now: number,
  batch = PURGE_BATCH,
): Promise<PurgeReport> {
  await deps.retention.fillClosedIndex(teamId);
  // Nothing closed after this can be due, whatever the channel.
  const shortest = Math.min(deps.retentionDays, ...(await deps.retention.channelRetentions(teamId)));
  const cutoff = now - shortest * DAY_MS + 1;
  const retentionOf = new Map<string, number>();
  const traces = await deps.retention.traces(teamId);
  const report: PurgeReport = { purged: 0, kept: 0 };
  for (;;) {
    // Purged requests leave the index; those kept stay in front of the next page.
    const ids = await deps.retention.closedBefore(teamId, cutoff, report.kept, batch);
    if (ids.length === 0) break;
    for (const id of ids) {
      const record = await deps.retention.read(teamId, id);
      if (!record) {
        await deps.retention.removeStray(teamId, id, traces.get(id)?.keys ?? []);
        continue;
      }
      const { channelId } = record.request;
      if (!retentionOf.has(channelId)) retentionOf.set(channelId, (await deps.settings.forChannel(teamId, channelId)).retentionDays);
      if (!isPurgeDue(closedAtOf(record.request, record.events), retentionOf.get(channelId) as number, now)) {
        report.kept += 1;
        continue;
      }
      const outcome = await forgetRequest(deps, teamId, record, { onlyClosed: true, traces: traces.get(id) });
      if (outcome === 'removed') report.purged += 1;
      // Reopened or changed meanwhile: it stays, and the index says so again next time.
      else if (outcome !== 'gone') report.kept += 1;
    }
  }
  deps.log.info({ purged: report.purged, kept: report.kept, cutoff }, 'retention purge done');
  return report;
}
