/** Outbox: a client-facing update in the request thread, rendered as the request is now. */
import type { Deps } from '../../app/deps';
import { EYES, RESOLVED } from '../../app/reactions';
import { relay } from '../../app/relay';
import { nextUpdateDue } from '../../domain/cadence';
import type { ClientUpdate } from '../../jobs/job-schemas';
import { clientUpdateMessage } from '../blocks/client-updates';
import { threadOf } from '../../domain/request';
import type { ClientPost } from './client-post';

/** Outbox: post a client update in the thread, once per sequence number. */
export async function deliverClientUpdate(deps: Deps, teamId: string, requestId: string, seq: number, update: ClientUpdate): Promise<ClientPost | undefined> {
  const request = await deps.requests.get(teamId, requestId);
  if (!request || request.state === 'dismissed') return undefined;
  const settings = await deps.settings.forChannel(teamId, request.channelId);
  const now = deps.clock.now();
  // Delivered late (it waited for its channel, or a replay): the promise is counted from now, so
  // the client never reads a time that has passed.
  const late = update.nextUpdateDueAt <= now;
  const promised = late ? { ...update, nextUpdateDueAt: nextUpdateDue(now, request.priority, settings) } : update;
  const resolved = request.state === 'resolved';
  const message = clientUpdateMessage(promised, { language: settings.language, timezone: settings.businessHours.timezone, now, clientTz: request.clientTz, resolved });
  await deps.poster.postOnce({
    deliveryKey: `update_${teamId}_${requestId}_${seq}`,
    channel: request.channelId,
    threadTs: threadOf(request),
    ...message,
    ...(resolved ? {} : { promisedAt: promised.nextUpdateDueAt }),
  });
  // Its promise stands for the request too, unless a later one is recorded (a failure reset it).
  if (request.state !== 'resolved' && request.nextUpdateDueAt < promised.nextUpdateDueAt) {
    const event = { type: 'update_posted' as const, at: now, data: { via: 'late_delivery', seq } };
    if (await deps.requests.update(teamId, requestId, { lastUpdateAt: now, nextUpdateDueAt: promised.nextUpdateDueAt }, event, undefined, { relay: true })) {
      await relay(deps, teamId, requestId);
    }
  }
  if (update.type === 'reopened') {
    await deps.poster.removeReaction(request.channelId, request.ts, RESOLVED);
    await deps.poster.addReaction(request.channelId, request.ts, EYES);
  }
  return { kind: 'update', type: update.type };
}
