/**
 * Resolving: [Resolved] (with an optional summary) or the owner's :white_check_mark: on the
 * client's message. The client sees "Resolved: …" and a request for feedback by reaction; :eyes:
 * becomes :white_check_mark:; every pending timer is cancelled. Feedback reactions on the closing
 * message are recorded. Within the reopen window the owner may [Reopen].
 */
import { nextUpdateDue } from '../../domain/cadence';
import type { TrackedRequest } from '../../domain/request';
import { classifyAuthor } from '../../domain/spotting';
import type { Deps } from '../deps';
import { assertInternal } from '../assert-internal';
import type { Intent } from '../ports';
import { applyCommand } from './apply-command';

export async function resolveRequest(
  deps: Deps,
  teamId: string,
  requestId: string,
  actorId: string,
  summary?: string,
  /** The owner's thank-you line to the client. */
  thanks?: string,
): Promise<TrackedRequest> {
  await assertInternal(deps, teamId, actorId);
  const now = deps.clock.now();
  const { after } = await applyCommand(deps, teamId, requestId, { type: 'resolve' }, () => ({
    patch: { resolvedAt: now, resolvedBy: actorId },
    event: { type: 'resolved', at: now, actorId, data: { withSummary: Boolean(summary), withThanks: Boolean(thanks) } },
    intents: [{ kind: 'closing', teamId, requestId, resolvedAt: now, ...(summary ? { summary } : {}), ...(thanks ? { thanks } : {}) }],
  }));
  deps.log.info({ requestId, actorId }, 'resolved');
  return after;
}

/**
 * :white_check_mark: on the client's message: resolves when added by the owner (or by any
 * internal user while nobody owns it). Anyone else's check mark is just a reaction.
 */
export async function resolveByReaction(deps: Deps, teamId: string, channelId: string, ts: string, userId: string): Promise<boolean> {
  if (userId === deps.host.botUserId) return false;
  const requestId = await deps.requests.findByMessage(teamId, channelId, ts);
  const request = requestId ? await deps.requests.get(teamId, requestId) : undefined;
  if (!request || (request.ts !== ts && !request.joinedTs.includes(ts))) return false;
  if (request.state === 'resolved' || request.state === 'dismissed') return false;
  const allowed = request.ownerId ? request.ownerId === userId : classifyAuthor(await deps.directory.user(teamId, userId), deps.host) === 'internal';
  if (!allowed) return false;
  await resolveRequest(deps, teamId, request.id, userId);
  return true;
}

/** [Reopen]: back to work; the client is told and the next update is owed one cadence from now. */
export async function reopenRequest(deps: Deps, teamId: string, requestId: string, actorId: string): Promise<TrackedRequest> {
  await assertInternal(deps, teamId, actorId);
  const now = deps.clock.now();
  const current = await deps.requests.get(teamId, requestId);
  const settings = current ? await deps.settings.forChannel(teamId, current.channelId) : undefined;
  const { after } = await applyCommand(deps, teamId, requestId, { type: 'reopen' }, (before) => {
    const nextUpdateDueAt = settings ? nextUpdateDue(now, before.priority, settings) : before.nextUpdateDueAt;
    return {
      patch: { resolvedAt: null, resolvedBy: null, lastUpdateAt: now, nextUpdateDueAt, countUpdate: true },
      event: { type: 'reopened', at: now, actorId },
      intents: [
        ...ownerNotToldYet(before, now),
        { kind: 'client_update', teamId, requestId, seq: before.updateCount + 1, update: { type: 'reopened', nextUpdateDueAt } },
      ],
      numbersUpdate: true,
    };
  });
  deps.log.info({ requestId, actorId }, 'reopened');
  return after;
}

/**
 * Resolved before the owner was announced (or asked for an ETA), then reopened: the client and
 * the owner hear it now (`again` makes a new job of it; the delivery key is the same).
 */
export function ownerNotToldYet(request: TrackedRequest, now: number): Intent[] {
  const { ownerId, teamId, id: requestId } = request;
  if (!ownerId) return [];
  return [
    ...(request.announcedOwnerId === ownerId ? [] : [{ kind: 'announce_owner' as const, teamId, requestId, ownerId, again: now }]),
    ...(request.etaAskedOwnerId === ownerId ? [] : [{ kind: 'ask_eta' as const, teamId, requestId, ownerId, again: now }]),
  ];
}

/** [No action needed]: the request stays resolved; recorded for the metrics. */
export async function declineReopen(deps: Deps, teamId: string, requestId: string, actorId: string): Promise<void> {
  await assertInternal(deps, teamId, actorId);
  const now = deps.clock.now();
  await deps.requests.update(teamId, requestId, {}, { type: 'reopen_declined', at: now, actorId }, ['resolved']);
}
