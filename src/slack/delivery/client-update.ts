/** Outbox: a client-facing update in the request thread, rendered as the request is now. */
import type { Deps } from '../../app/deps';
import { EYES, RESOLVED } from '../../app/reactions';
import { relay } from '../../app/relay';
import { nextUpdateDue } from '../../domain/cadence';
import type { ClientUpdate } from '../../jobs/job-schemas';
import { clientUpdateMessage } from '../blocks/client-updates';
import { threadOf } from '../../domain/request';
import type { ClientPost } from './client-post';
import { clientUpdateKey } from './delivery-keys';
import { type Foldable, movingOn, tellByEditing } from './living-ack';

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
  // A first estimate within the first minutes is told by editing the acknowledgement. Told so
  // already (this job runs once more, after a crash) and resolved since: nothing more to say.
  let folded = resolved && promised.type === 'eta' && request.living?.etaSeq === seq;
  if (folded) deps.log.info({ requestId, seq }, 'update told in the acknowledgement before the request was resolved: not posted again');
  else if (!resolved && promised.type === 'eta') folded = await tellByEditing(deps, request, asFoldable(seq, promised));
  else await movingOn(deps, request);
  if (!folded) {
    await deps.poster.postOnce({
      deliveryKey: clientUpdateKey(teamId, requestId, seq),
      channel: request.channelId,
      threadTs: threadOf(request),
      ...message,
      ...(resolved ? {} : { promisedAt: promised.nextUpdateDueAt }),
    });
  }
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
  return { kind: 'update', type: update.type, ...(folded ? { folded } : {}) };
}

/** An ETA update as the acknowledgement may tell it: a first estimate (none revised, none missed) with its note. */
function asFoldable(seq: number, update: Extract<ClientUpdate, { type: 'eta' }>): Foldable {
  const first = update.previousEtaAt === undefined && update.missedEta === undefined;
  return { kind: 'eta', seq, first, etaAt: update.etaAt, note: update.reason, promisedAt: update.nextUpdateDueAt };
}
