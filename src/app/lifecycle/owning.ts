/**
 * Owning a request: [Claim] (the clicker), [Assign…] (someone picked), or auto-assignment to the
 * channel's default owners in turn. Whoever comes to own it, the client is told who is on it and
 * the owner is asked for an ETA. Only internal users can own a request.
 */
import { classifyAuthor } from '../../domain/spotting';
import type { TrackedRequest } from '../../domain/request';
import { mention } from '../../slack/blocks/mrkdwn';
import type { Deps } from '../deps';
import { KuittausError } from '../errors/kuittaus-error';
import { assertInternal } from '../assert-internal';
import type { Intent } from '../ports';
import { applyCommand } from './apply-command';

export async function claimRequest(deps: Deps, teamId: string, requestId: string, actorId: string): Promise<TrackedRequest> {
  await assertInternal(deps, teamId, actorId);
  const now = deps.clock.now();
  const { after } = await applyCommand(deps, teamId, requestId, { type: 'claim', ownerId: actorId }, () => ({
    patch: { ownerId: actorId },
    event: { type: 'claimed', at: now, actorId },
    intents: ownerIntents(teamId, requestId, actorId),
  }));
  deps.log.info({ requestId, ownerId: actorId }, 'claimed');
  return after;
}

/** [Assign…] or auto-assignment (`actorId` undefined). Assigning the owner again changes nothing. */
export async function assignRequest(
  deps: Deps,
  teamId: string,
  requestId: string,
  assigneeId: string,
  actorId?: string,
): Promise<TrackedRequest> {
  if (actorId) await assertInternal(deps, teamId, actorId);
  if (!(await canOwn(deps, teamId, assigneeId))) {
    throw new KuittausError('ASSIGNEE_NOT_INTERNAL', `${assigneeId} cannot own requests`, { user: mention(assigneeId) });
  }
  const now = deps.clock.now();
  const { after } = await applyCommand(deps, teamId, requestId, { type: 'assign', ownerId: assigneeId }, (current) => ({
    patch: { ownerId: assigneeId },
    event: {
      type: 'assigned',
      at: now,
      ...(actorId ? { actorId } : {}),
      data: { ownerId: assigneeId, ...(current.ownerId ? { previousOwnerId: current.ownerId } : {}), auto: !actorId },
    },
    // Assigning the owner again changes nothing the client or the owner need to hear.
    intents: current.ownerId === assigneeId ? [] : ownerIntents(teamId, requestId, assigneeId),
    alsoFor: [current.ownerId],
  }));
  deps.log.info({ requestId, ownerId: assigneeId, auto: !actorId }, 'assigned');
  return after;
}

/** Only internal users (not guests, people of other organisations, bots or deactivated users) own requests. */
export async function canOwn(deps: Pick<Deps, 'directory' | 'host'>, teamId: string, userId: string): Promise<boolean> {
  const user = await deps.directory.user(teamId, userId);
  return classifyAuthor(user, deps.host) === 'internal' && !user.deleted;
}

/** A new request in a channel with default owners goes to the next of them in turn. */
export async function autoAssign(deps: Deps, request: TrackedRequest, ownerIds: string[]): Promise<void> {
  if (ownerIds.length === 0) return;
  const turn = await deps.turns.next(request.teamId, request.channelId);
  // Skip anyone who cannot own requests (left the company, became a guest), trying each once.
  for (let i = 0; i < ownerIds.length; i++) {
    const ownerId = ownerIds[(turn + i) % ownerIds.length] as string;
    try {
      await assignRequest(deps, request.teamId, request.id, ownerId);
      return;
    } catch (error) {
      if (!(error instanceof KuittausError) || error.code !== 'ASSIGNEE_NOT_INTERNAL') throw error;
      deps.log.warn({ requestId: request.id, ownerId }, 'default owner cannot own requests; trying the next');
    }
  }
}

/** A new owner: the client hears who is on it, and the owner is asked for an ETA. */
function ownerIntents(teamId: string, requestId: string, ownerId: string): Intent[] {
  return [
    { kind: 'announce_owner', teamId, requestId, ownerId },
    { kind: 'ask_eta', teamId, requestId, ownerId },
  ];
}
