/**
 * The first card of a request: it joins its triage channel's open batch, and the batch's driver
 * posts one card for all its members once the channel's slot comes (postOnce under the batch's
 * delivery key: a retry after a crash finds the card instead of posting it again). Then the card
 * is recorded on every member, so that its buttons pass the button-origin check and later changes
 * re-render it. Members wait for the driver and take over when it is long overdue.
 */
import type { Deps } from '../../app/deps';
import { MAX_BATCH, batchStep } from '../../domain/card-batch';
import type { TrackedRequest } from '../../domain/request';
import { RetryLaterError } from '../outbound/delivery-errors';
import { type RenderedCard, renderCard } from './card-render';

/** Thrown by compose when none of the batch's requests is left (erased meanwhile). */
class NothingLeft extends Error {}

export const batchDeliveryKey = (teamId: string, channel: string, batch: number) => `card_${teamId}_${channel}_${batch}`;

export async function postInBatch(deps: Deps, teamId: string, request: TrackedRequest, channel: string): Promise<void> {
  const place = await deps.cardBatches.join(teamId, channel, request.id, MAX_BATCH);
  // Another card job of this request (an older revision's, running at the same time) may have
  // posted its card between this job's read and its join: that batch was done by then (its card
  // recorded on the request first), so the join opened a new one. The card is there: leave it.
  if (place.driver && (await deps.requests.get(teamId, request.id))?.cardTs) return deps.cardBatches.done(teamId, channel, place.batch);
  const step = batchStep(place);
  if (step.kind === 'wait') throw new RetryLaterError(step.ms, `the card of ${request.id} is in batch ${place.batch} of ${channel}`);
  let ts = step.kind === 'record' ? step.ts : undefined;
  let composed: RenderedCard | undefined;
  if (ts === undefined) {
    try {
      ts = await deps.poster.postOnce({
        deliveryKey: batchDeliveryKey(teamId, channel, place.batch),
        channel,
        compose: async () => {
          // The slot has come: the batch takes no more members, and the card lists them as they are.
          composed = await renderCard(deps, teamId, await deps.cardBatches.seal(teamId, channel, place.batch));
          if (!composed) throw new NothingLeft();
          return composed.body;
        },
      });
    } catch (error) {
      if (error instanceof NothingLeft) return deps.cardBatches.done(teamId, channel, place.batch);
      if (error instanceof RetryLaterError && place.driver) await deps.cardBatches.setSlot(teamId, channel, place.batch, error.delayMs);
      throw error;
    }
  }
  const members = await deps.cardBatches.posted(teamId, channel, place.batch, ts, composed?.shown);
  const at = deps.clock.now();
  for (const id of members) {
    const member = id === request.id ? request : await deps.requests.get(teamId, id);
    if (!member || (member.cardTs === ts && member.cardChannelId === channel)) continue;
    await deps.requests.update(teamId, id, { cardChannelId: channel, cardTs: ts }, { type: 'card_posted', at, data: { channel, ts } });
  }
  await deps.cardBatches.done(teamId, channel, place.batch);
  if (members.length > 1) deps.log.debug({ channel, batch: place.batch, requests: members.length }, 'posted one card for several new requests');
}
