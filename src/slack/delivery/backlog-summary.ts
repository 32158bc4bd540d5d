/** Outbox: the backlog summary after an outage (see src/domain/backlog.ts), read when it is delivered. */
import type { Deps } from '../../app/deps';
import { requestsBehind } from '../../app/lifecycle/backlog';
import { clientNamesOf } from '../../app/status/client-names';
import type { BacklogRole } from '../../domain/backlog';
import { backlogSummaryMessage } from '../blocks/backlog-summary';

export async function deliverBacklogSummary(deps: Deps, job: { teamId: string; role: BacklogRole; to: string; window: number }): Promise<void> {
  const now = deps.clock.now();
  const requests = await requestsBehind(deps, job.teamId, job.role, job.to, now);
  // Everything was answered while the summary gathered: nothing to say.
  if (requests.length === 0) return;
  const message = backlogSummaryMessage({
    role: job.role,
    requests,
    language: deps.language,
    now,
    workspaceUrl: deps.host.url,
    clientNames: await clientNamesOf(deps, job.teamId, requests),
  });
  await deps.poster.postOnce({ deliveryKey: `backlog_${job.teamId}_${job.role}_${job.to}_${job.window}`, channel: job.to, ...message });
}
