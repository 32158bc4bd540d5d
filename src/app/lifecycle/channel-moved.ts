/**
 * `channel_id_changed` (a private channel became shared, and Slack gave it a new id): the
 * channel's requests, their message links and indexes, and its settings follow the new id, so the
 * client's replies in old threads still reach the owner and updates go to the right place.
 */
import type { Deps } from '../deps';
import { relay } from '../relay';

export async function channelMoved(deps: Deps, teamId: string, from: string, to: string): Promise<void> {
  if (!from || !to || from === to) return;
  const moved = await deps.requests.moveChannel(teamId, from, to, deps.clock.now());
  for (const requestId of moved) await relay(deps, teamId, requestId);
  deps.log.info({ from, to, requests: moved.length }, 'channel id changed: its requests follow');
}
