/**
 * What a backlog summary lists, read when it is delivered (so that whatever was answered in the
 * meantime is left out): an owner's requests that are behind, those of the channels a team lead
 * leads, or those of the channels whose triage channel it is (for reminders about unowned requests,
 * and escalations where no team lead is set). Most urgent first.
 */
import { type BacklogRole, isBehind } from '../../domain/backlog';
import type { TrackedRequest } from '../../domain/request';
import type { Deps } from '../deps';

/** How many requests a summary reads at most (it shows fewer, and says how many more). */
const READ_AT_MOST = 200;

export async function requestsBehind(
  deps: Pick<Deps, 'status' | 'settings'>,
  teamId: string,
  role: BacklogRole,
  to: string,
  now: number,
): Promise<TrackedRequest[]> {
  if (role === 'owner') {
    const page = await deps.status.page(teamId, { kind: 'owner', userId: to }, 'all', now, 0, READ_AT_MOST);
    return page.rows.filter((r) => isBehind(r, now));
  }
  const page = await deps.status.page(teamId, { kind: 'all' }, 'all', now, 0, READ_AT_MOST);
  const behind: TrackedRequest[] = [];
  for (const request of page.rows.filter((r) => isBehind(r, now))) {
    const settings = await deps.settings.forChannel(teamId, request.channelId);
    // A triage channel hears of the unowned, and of the rest where no team lead would.
    const mine = role === 'lead' ? settings.teamLeadIds.includes(to) : settings.triageChannelId === to && (!request.ownerId || settings.teamLeadIds.length === 0);
    if (mine) behind.push(request);
  }
  return behind;
}
