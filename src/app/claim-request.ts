/** [Claim] on the card: the clicker owns the request; the client is told who is on it. */
import type { TrackedRequest } from '../domain/request';
import { t } from '../i18n';
import { escapeMrkdwn, mention } from '../slack/blocks/mrkdwn';
import type { Deps } from './deps';
import { KuittausError } from './errors/kuittaus-error';
import { assertInternal } from './track-message';

export async function claimRequest(deps: Deps, teamId: string, requestId: string, actorId: string): Promise<TrackedRequest> {
  await assertInternal(deps, teamId, actorId);
  const now = deps.clock.now();
  const claimed = await deps.requests.update(
    teamId,
    requestId,
    { state: 'in_progress', ownerId: actorId },
    { type: 'claimed', at: now, actorId },
    ['open'],
  );
  if (!claimed) {
    const current = await deps.requests.get(teamId, requestId);
    if (!current) throw new KuittausError('REQUEST_NOT_FOUND');
    if (current.ownerId) {
      throw new KuittausError('REQUEST_ALREADY_OWNED', `owned by ${current.ownerId}`, { owner: mention(current.ownerId) });
    }
    throw new KuittausError('REQUEST_CLOSED');
  }
  deps.log.info({ requestId, ownerId: actorId }, 'claimed');
  await deps.outbox.add({ kind: 'announce_owner', teamId, requestId, ownerId: actorId });
  await deps.outbox.add({ kind: 'card', teamId, requestId, revision: claimed.revision });
  return claimed;
}

/** Outbox: "Aino from our team is working on this." in the client's thread, once per owner. */
export async function announceOwner(deps: Deps, teamId: string, requestId: string, ownerId: string): Promise<void> {
  const request = await deps.requests.get(teamId, requestId);
  // Reassigned or closed since: the newer state has its own announcement (or none).
  if (!request || request.ownerId !== ownerId || request.state === 'dismissed' || request.state === 'resolved') return;
  const [settings, owner] = await Promise.all([
    deps.settings.forChannel(teamId, request.channelId),
    deps.directory.user(teamId, ownerId),
  ]);
  const text = t(settings.language, 'owner.announced', { owner: escapeMrkdwn(owner.greetingName) });
  await deps.poster.postOnce({
    deliveryKey: `announce_owner_${teamId}_${requestId}_${ownerId}`,
    channel: request.channelId,
    threadTs: request.ts,
    text,
  });
  const now = deps.clock.now();
  await deps.requests.update(teamId, requestId, { lastUpdateAt: now }, { type: 'owner_announced', at: now, actorId: ownerId });
}
