/**
 * Feedback by reaction on the closing message, both ways. Anyone may react, from any organisation.
 * A client's :-1: or :neutral_face: reaches the owner and the team leads at once; the client is
 * thanked in the thread for their first feedback; a reaction added while another stands changes
 * the rating and a removed one takes it back (recorded, nobody told again). Each change and what
 * it tells whom are one write.
 */
import { type Rating, isCritical, ratingOf } from '../domain/feedback';
import { classifyAuthor } from '../domain/spotting';
import type { TrackedRequest } from '../domain/request';
import type { Deps } from './deps';
import { UserLookupError } from './errors/user-lookup-error';
import type { Intent } from './ports';
import { FEEDBACK } from './reactions';
import { relay } from './relay';

/** The rating a reaction gives (skin tones ignored), if it is one. */
export const ratingOfReaction = (reaction: string): Rating | undefined => FEEDBACK[reaction.split('::')[0] ?? reaction];

/** The request whose closing message this is. */
async function closedBy(deps: Deps, teamId: string, channelId: string, ts: string): Promise<TrackedRequest | undefined> {
  const requestId = await deps.requests.findByMessage(teamId, channelId, ts);
  const request = requestId ? await deps.requests.get(teamId, requestId) : undefined;
  return request?.closingTs === ts ? request : undefined;
}

async function isClient(deps: Deps, teamId: string, request: TrackedRequest, userId: string): Promise<boolean> {
  if (userId === request.clientUserId) return true;
  try {
    return classifyAuthor(await deps.directory.user(teamId, userId), deps.host) === 'client';
  } catch (error) {
    // Slack describes every member of our own team to us: one it will not describe is not ours.
    if (error instanceof UserLookupError) return true;
    throw error;
  }
}

/** A feedback reaction added to a closing message. True when it was one. */
export async function recordFeedback(deps: Deps, teamId: string, channelId: string, ts: string, userId: string, reaction: string): Promise<boolean> {
  const rating = ratingOfReaction(reaction);
  if (!rating || userId === deps.host.botUserId) return false;
  const request = await closedBy(deps, teamId, channelId, ts);
  if (!request) return false;
  const fromClient = await isClient(deps, teamId, request, userId);
  const previous = ratingOf(await deps.requests.events(teamId, request.id), userId);
  const now = deps.clock.now();
  const intents: Intent[] = [];
  // The client's word matters at once when it is critical; a rating already told is not told again.
  if (fromClient && isCritical(rating) && previous !== rating) intents.push({ kind: 'feedback_alert', teamId, requestId: request.id, userId, rating: rating as 'neutral' | 'negative' });
  const thank = fromClient && request.feedbackThankedAt === undefined;
  if (thank) intents.push({ kind: 'feedback_thanks', teamId, requestId: request.id, rating });
  await deps.requests.update(
    teamId,
    request.id,
    thank ? { feedbackThankedAt: now } : {},
    { type: 'feedback', at: now, actorId: userId, data: { rating, fromClient, ...(previous && previous !== rating ? { previous } : {}) } },
    undefined,
    intents.length > 0 ? { intents } : {},
  );
  if (intents.length > 0) await relay(deps, teamId, request.id);
  deps.log.info({ requestId: request.id, rating, fromClient, changed: previous !== undefined && previous !== rating }, 'feedback');
  return true;
}

/** A feedback reaction taken back: the record follows; nobody is told again. True when it was one. */
export async function withdrawFeedback(deps: Deps, teamId: string, channelId: string, ts: string, userId: string, reaction: string): Promise<boolean> {
  const rating = ratingOfReaction(reaction);
  if (!rating || userId === deps.host.botUserId) return false;
  const request = await closedBy(deps, teamId, channelId, ts);
  if (!request) return false;
  const fromClient = await isClient(deps, teamId, request, userId);
  const now = deps.clock.now();
  await deps.requests.update(teamId, request.id, {}, { type: 'feedback_removed', at: now, actorId: userId, data: { rating, fromClient } });
  deps.log.info({ requestId: request.id, rating, fromClient }, 'feedback withdrawn');
  return true;
}
