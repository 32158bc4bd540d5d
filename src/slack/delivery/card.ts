/**
 * Outbox: post the request card in the triage channel, or bring it up to date. New cards of one
 * triage channel are coalesced (see domain/card-batch and ./card-batch): a card listing several
 * requests is re-rendered whole when any of them changes.
 */
import type { Deps } from '../../app/deps';
import type { TrackedRequest } from '../../domain/request';
import { postInBatch } from './card-batch';
import { changedSince, renderCard } from './card-render';

/** Renders of a batch card in a row when its requests keep changing while it is rendered. */
const RENDER_ROUNDS = 3;

export async function refreshCard(deps: Deps, teamId: string, requestId: string, revision: number): Promise<void> {
  const request = await deps.requests.get(teamId, requestId);
  // A newer revision has its own job queued; rendering this one would only be overwritten.
  if (!request || request.revision > revision) return;
  if (request.cardTs && request.cardChannelId) return updateCard(deps, teamId, request, request.cardChannelId, request.cardTs, revision);
  const settings = await deps.settings.forChannel(teamId, request.channelId);
  if (!settings.triageChannelId) {
    deps.log.debug({ requestId }, 'no triage channel configured; no card');
    return;
  }
  await postInBatch(deps, teamId, request, settings.triageChannelId);
}

async function updateCard(deps: Deps, teamId: string, request: TrackedRequest, channel: string, ts: string, revision: number): Promise<void> {
  const listed = await deps.cardBatches.cardMembers(teamId, channel, ts);
  if (listed.size <= 1) {
    const card = await renderCard(deps, teamId, [request.id], request);
    if (card) await deps.poster.update(channel, ts, card.body.text, card.body.blocks);
    return;
  }
  // The batch card was composed (or re-rendered) with this revision already.
  if ((listed.get(request.id) ?? -1) >= revision) return;
  for (let round = 0; round < RENDER_ROUNDS; round++) {
    const card = await renderCard(deps, teamId, [...listed.keys()]);
    if (!card) return;
    await deps.poster.update(channel, ts, card.body.text, card.body.blocks);
    await deps.cardBatches.shown(teamId, channel, ts, card.shown);
    // Another request of the card changed while this render was on its way: its own job may have
    // rendered before this one landed, so render again from what is there now.
    if (!(await changedSince(deps, teamId, card.shown))) return;
  }
}
