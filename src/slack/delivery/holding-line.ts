/**
 * Outbox: the holding line in the client's thread ("We owe you an update …"), once per missed due
 * time, and only while it is still true (see domain/client-lines holdingLineStillTrue): an update
 * that came meanwhile, a resolution or a wait makes it moot, and a promise that has passed by the
 * time it could go (it waited for its channel) is not made; the next escalation speaks then.
 */
import type { Deps } from '../../app/deps';
import { holdingLineStillTrue } from '../../domain/client-lines';
import { threadOf } from '../../domain/request';
import { formatDueTimeFor } from '../../i18n';
import { holdingLineMessage } from '../blocks/client-lines';
import type { ClientPost } from './client-post';
import { movingOn } from './living-ack';

export async function deliverHoldingLine(deps: Deps, teamId: string, requestId: string, dueAt: number, promisedAt: number): Promise<ClientPost | undefined> {
  const request = await deps.requests.get(teamId, requestId);
  if (!request) return undefined;
  const now = deps.clock.now();
  if (!holdingLineStillTrue(request, dueAt, promisedAt, now)) {
    deps.log.debug({ requestId, dueAt }, 'holding line no longer true: not posted');
    return undefined;
  }
  const settings = await deps.settings.forChannel(teamId, request.channelId);
  const owner = request.ownerId ? await deps.directory.user(teamId, request.ownerId) : undefined;
  const time = formatDueTimeFor(request.clientTz, promisedAt, now, settings.businessHours.timezone, settings.language);
  await movingOn(deps, request);
  await deps.poster.postOnce({
    deliveryKey: `holding_${teamId}_${requestId}_${dueAt}`,
    channel: request.channelId,
    threadTs: threadOf(request),
    promisedAt,
    ...holdingLineMessage({ language: settings.language, time, ...(owner?.greetingName ? { ownerName: owner.greetingName } : {}) }),
  });
  return { kind: 'holding_line' };
}
