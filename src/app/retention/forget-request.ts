/**
 * The step the retention purge and a client's erasure share: a request goes with everything that
 * names it (its timer jobs, the intake jobs of its messages, then its keys and index entries in one
 * write), and what the reports count of it stays, anonymous.
 */
import { anonymousHistoryOf } from '../../domain/retention';
import type { Deps } from '../deps';
import type { RemoveOutcome, RequestRecord, Traces } from './ports';

export type ForgetDeps = Pick<Deps, 'retention' | 'timers' | 'intake' | 'outbox'>;

/**
 * Jobs first: should the process stop before the write, the request is still all there and the
 * next run does the same again (removing a job that is gone is a no-op).
 */
export async function forgetRequest(
  deps: ForgetDeps,
  teamId: string,
  record: RequestRecord,
  options: { onlyClosed: boolean; traces: Traces | undefined },
): Promise<RemoveOutcome> {
  const { request } = record;
  if (options.onlyClosed && request.state !== 'resolved' && request.state !== 'dismissed') return 'live';
  await deps.timers.cancelAll(teamId, request.id);
  for (const ts of [request.ts, ...request.joinedTs]) await deps.intake.forget(teamId, request.channelId, ts);
  await deps.outbox.forget(options.traces?.outboxJobIds ?? []);
  const anonymous = anonymousHistoryOf({ request, events: record.events });
  return deps.retention.remove(teamId, record, anonymous, { onlyClosed: options.onlyClosed, keys: options.traces?.keys ?? [] });
}
