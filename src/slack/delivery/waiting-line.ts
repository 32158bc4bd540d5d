/**
 * Outbox: the messages of a wait on the client, each once per wait (its `since`), each only while
 * still true: what we need and the gentle reminder while that very wait goes on; "back on it"
 * once it ended and the request is live and not waiting again. "Back on it" promises the request's
 * next update; delivered too late for it, the promise is counted from now (and recorded), so the
 * client never reads a time that has passed.
 */
import type { Deps } from '../../app/deps';
import { relay } from '../../app/relay';
import { nextUpdateDue } from '../../domain/cadence';
import { threadOf } from '../../domain/request';
import { formatDueTimeFor } from '../../i18n';
import { backOnItMessage, waitingMessage } from '../blocks/client-lines';
import type { ClientPost } from './client-post';
import { movingOn } from './living-ack';

export async function deliverWaitingLine(
  deps: Deps,
  teamId: string,
  requestId: string,
  step: 'asked' | 'nudged' | 'resumed',
  since: number,
): Promise<ClientPost | undefined> {
  const request = await deps.requests.get(teamId, requestId);
  if (!request) return undefined;
  const settings = await deps.settings.forChannel(teamId, request.channelId);
  const lang = settings.language;
  const post = { deliveryKey: `waiting_${step}_${teamId}_${requestId}_${since}`, channel: request.channelId, threadTs: threadOf(request) };
  if (step !== 'resumed') {
    if (request.state !== 'waiting_on_client' || request.waitingSince !== since || !request.waitingFor) return undefined;
    await movingOn(deps, request);
    await deps.poster.postOnce({ ...post, ...waitingMessage(request, step, request.waitingFor, lang) });
    return { kind: 'waiting', type: step };
  }
  if (request.state !== 'open' && request.state !== 'in_progress') return undefined;
  const now = deps.clock.now();
  let promised = request.nextUpdateDueAt;
  if (promised <= now) {
    promised = nextUpdateDue(now, request.priority, settings);
    const event = { type: 'update_promised' as const, at: now, data: { via: 'late_delivery', step } };
    const guard = { states: [request.state] };
    if (await deps.requests.update(teamId, requestId, { nextUpdateDueAt: promised }, event, guard, { relay: true })) await relay(deps, teamId, requestId);
  }
  const time = formatDueTimeFor(request.clientTz, promised, now, settings.businessHours.timezone, lang);
  await movingOn(deps, request);
  await deps.poster.postOnce({ ...post, ...backOnItMessage(lang, time), promisedAt: promised });
  return { kind: 'waiting', type: step };
}
