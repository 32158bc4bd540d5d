/**
 * A message in the thread of a tracked request. An internal user's reply is an update (it resets
 * the cadence). A client's message ends a wait and tells the owner; after resolution, within the
 * reopen window, it offers the owner [Reopen] [No action needed].
 */
import { movesOnNow } from '../../domain/living-ack';
import type { MessageFacts } from '../../domain/spotting-types';
import { authorOf } from '../author';
import type { Deps } from '../deps';
import { KuittausError } from '../errors/kuittaus-error';
import type { IntakeResult } from '../intake-result';
import { relay } from '../relay';
import { recordThreadUpdate } from './updates';
import { clientReplied } from './waiting';

const DAY_MS = 24 * 3600_000;

export async function threadMessage(deps: Deps, teamId: string, message: MessageFacts): Promise<IntakeResult> {
  const ignored = (reason: string): IntakeResult => ({ outcome: 'ignored', reason });
  if (!message.threadTs || !message.userId || message.botId || message.userId === deps.host.botUserId) return ignored('not_a_person');
  const requestId = await deps.requests.findByMessage(teamId, message.channelId, message.threadTs);
  const request = requestId ? await deps.requests.get(teamId, requestId) : undefined;
  if (!request || request.state === 'dismissed') return ignored('untracked_thread');
  // The request's own message (a client's @mention in a thread of ours is the request itself).
  if (request.ts === message.ts) return ignored('the_request_itself');

  const author = await authorOf(deps, teamId, message.userId, message.authorTeamId);
  const kind = author.kind;
  if (kind === 'bot') return ignored('bot');
  if (kind === 'unknown') return ignored('author_unknown');
  const result: IntakeResult = { outcome: 'thread_message', requestId: request.id };

  try {
    if (kind === 'internal') {
      if (request.state === 'resolved') return ignored('resolved');
      await recordThreadUpdate(deps, request, message.userId, message.ts);
      return result;
    }
    if (request.state === 'resolved') {
      const settings = await deps.settings.forChannel(teamId, request.channelId);
      const now = deps.clock.now();
      if (request.resolvedAt === undefined || now > request.resolvedAt + settings.reopenWindowDays * DAY_MS) {
        return ignored('reopen_window_passed');
      }
      const offer = { kind: 'notify_owner' as const, teamId, requestId: request.id, messageTs: message.ts, reason: 'reopen_offer' as const };
      await deps.requests.update(teamId, request.id, { reopenOfferedAt: now }, { type: 'reopen_offered', at: now, data: { ts: message.ts } }, ['resolved'], {
        intents: [offer],
      });
      await relay(deps, teamId, request.id);
      return result;
    }
    const notice = { kind: 'notify_owner' as const, teamId, requestId: request.id, messageTs: message.ts, reason: 'client_wrote' as const };
    if (request.state === 'waiting_on_client') {
      await clientReplied(deps, request, message.ts, [notice]);
    } else {
      const now = deps.clock.now();
      // Below the acknowledgement now: it is edited no more (see ../../domain/living-ack).
      const patch = movesOnNow(request, now) ? { ackMovedOnAt: now } : {};
      await deps.requests.update(teamId, request.id, patch, { type: 'client_wrote', at: now, actorId: message.userId, data: { ts: message.ts } }, undefined, {
        intents: [notice],
      });
      await relay(deps, teamId, request.id);
    }
    return result;
  } catch (error) {
    // Closed meanwhile (a race with [Resolved] or "Not a request"): nothing left to do.
    if (error instanceof KuittausError) return ignored(error.code);
    throw error;
  }
}
