/**
 * The reconciler: no bug, lost write or restored backup may leave a live request without its
 * next reminder. Periodically every live request's timers are compared with what its state needs
 * and the missing ones are planned again (a warning with the count says it happened).
 */
import type { Deps } from './deps';

export async function reconcileTimers(deps: Pick<Deps, 'host' | 'log' | 'requests' | 'settings' | 'timers' | 'channels'>): Promise<number> {
  const teamId = deps.host.teamId;
  let repaired = 0;
  const ids = await deps.requests.liveIds(teamId);
  for (const id of ids) {
    const request = await deps.requests.get(teamId, id);
    if (!request || (await deps.channels.lostReason(teamId, request.channelId))) continue;
    repaired += await deps.timers.repair(request, await deps.settings.forChannel(teamId, request.channelId));
  }
  if (repaired > 0) deps.log.warn({ repaired, live: ids.length }, 'reconciler planned timers that were missing');
  return repaired;
}
