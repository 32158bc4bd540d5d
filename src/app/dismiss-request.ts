/** "Not a request": dismiss it, take the acknowledgement back, update the card. */
import type { Deps } from './deps';
import { KuittausError } from './errors/kuittaus-error';
import { relay } from './relay';
import { assertInternal } from './assert-internal';

export async function dismissRequest(deps: Deps, teamId: string, requestId: string, actorId: string): Promise<void> {
  await assertInternal(deps, teamId, actorId);
  const now = deps.clock.now();
  const updated = await deps.requests.update(
    teamId,
    requestId,
    { state: 'dismissed', dismissedBy: actorId },
    { type: 'dismissed', at: now, actorId },
    ['open', 'in_progress', 'waiting_on_client'],
    { intents: [{ kind: 'retract', teamId, requestId }] },
  );
  if (!updated) {
    const exists = await deps.requests.get(teamId, requestId);
    throw new KuittausError(exists ? 'REQUEST_ALREADY_DISMISSED' : 'REQUEST_NOT_FOUND');
  }
  deps.log.info({ requestId, actorId }, 'dismissed');
  await relay(deps, teamId, requestId); // the retraction; cancels its timers, updates the card
}
