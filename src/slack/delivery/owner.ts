/** Outbox: tell the client who is on it, and ask the new owner for an ETA. */
import type { Deps } from '../../app/deps';
import { t } from '../../i18n';
import { escapeMrkdwn } from '../blocks/mrkdwn';
import { askEtaMessage } from '../blocks/owner-prompts';
import { threadOf } from '../../domain/request';
import type { ClientPost } from './client-post';
import { ownerAnnouncementKey } from './delivery-keys';
import { tellByEditing } from './living-ack';

/** Outbox: "Aino from our team is working on this." in the client's thread, once per owner. */
export async function announceOwner(deps: Deps, teamId: string, requestId: string, ownerId: string): Promise<ClientPost | undefined> {
  const request = await deps.requests.get(teamId, requestId);
  // Reassigned or dismissed since: the newer state has its own announcement (or none). Resolved
  // since is told all the same: in the client's line it comes before "Resolved", and the updates
  // decided after it are posted, so dropping it would leave them without it (and a reopen would
  // announce the owner after them).
  if (!request || request.ownerId !== ownerId || request.state === 'dismissed') return undefined;
  const [settings, owner] = await Promise.all([
    deps.settings.forChannel(teamId, request.channelId),
    deps.directory.user(teamId, ownerId),
  ]);
  // Within the first minutes, the acknowledgement says it instead ("… Aino from our team is on it").
  if (await tellByEditing(deps, request, { kind: 'owner', ownerId })) return { kind: 'owner_announced', folded: true };
  const text = t(settings.language, 'owner.announced', { owner: escapeMrkdwn(owner.greetingName) });
  await deps.poster.postOnce({
    deliveryKey: ownerAnnouncementKey(teamId, requestId, ownerId),
    channel: request.channelId,
    threadTs: threadOf(request),
    text,
  });
  const now = deps.clock.now();
  await deps.requests.update(teamId, requestId, { lastUpdateAt: now, announcedOwnerId: ownerId }, { type: 'owner_announced', at: now, actorId: ownerId });
  return { kind: 'owner_announced' };
}

/** Outbox: DM the owner asking for an ETA, with [Set ETA]. */
export async function askForEta(deps: Deps, teamId: string, requestId: string, ownerId: string): Promise<void> {
  const request = await deps.requests.get(teamId, requestId);
  if (!request || request.ownerId !== ownerId || request.state === 'dismissed' || request.state === 'resolved') return;
  const settings = await deps.settings.forChannel(teamId, request.channelId);
  const message = askEtaMessage({ request, language: settings.language, workspaceUrl: deps.host.url, clientLabel: settings.clientName });
  await deps.poster.postOnce({ deliveryKey: `ask_eta_${teamId}_${requestId}_${ownerId}`, channel: ownerId, ...message });
  const now = deps.clock.now();
  await deps.requests.update(teamId, requestId, { etaAskedOwnerId: ownerId }, { type: 'eta_asked', at: now, data: { ownerId } });
}
