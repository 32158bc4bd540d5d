/** Outbox: post the request card in the triage channel, or bring it up to date. */
import type { Deps } from '../../app/deps';
import { requestCard } from '../blocks/request-card';

export async function refreshCard(deps: Deps, teamId: string, requestId: string, revision: number): Promise<void> {
  const request = await deps.requests.get(teamId, requestId);
  // A newer revision has its own job queued; rendering this one would only be overwritten.
  if (!request || request.revision > revision) return;
  const settings = await deps.settings.forChannel(teamId, request.channelId);
  const card = requestCard({
    request,
    language: settings.language,
    workspaceUrl: deps.host.url,
    ...(settings.clientName ? { clientLabel: settings.clientName } : {}),
  });

  if (request.cardTs && request.cardChannelId) {
    await deps.poster.update(request.cardChannelId, request.cardTs, card.text, card.blocks);
    return;
  }
  if (!settings.triageChannelId) {
    deps.log.debug({ requestId }, 'no triage channel configured; no card');
    return;
  }
  const ts = await deps.poster.postOnce({
    deliveryKey: `card_${teamId}_${requestId}`,
    channel: settings.triageChannelId,
    ...card,
  });
  const now = deps.clock.now();
  await deps.requests.update(
    teamId,
    requestId,
    { cardChannelId: settings.triageChannelId, cardTs: ts },
    { type: 'card_posted', at: now, data: { channel: settings.triageChannelId, ts } },
  );
}
