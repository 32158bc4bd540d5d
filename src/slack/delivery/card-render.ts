/** Renders a triage card from what its requests are now: the single card, or a batch card. */
import type { Deps } from '../../app/deps';
import type { TrackedRequest } from '../../domain/request';
import type { ChannelSettings } from '../../domain/settings';
import { type BatchCardItem, batchCard } from '../blocks/batch-card';
import { requestCard } from '../blocks/request-card';
import type { MessageBody } from '../outbound/message-poster';

export interface RenderedCard {
  body: MessageBody;
  /** The revision of each request the card shows. */
  shown: Map<string, number>;
}

/**
 * The card listing these requests (those still there), or undefined when none is left. `known`:
 * a request the caller has just read, not read again.
 */
export async function renderCard(
  deps: Pick<Deps, 'requests' | 'settings' | 'host'>,
  teamId: string,
  ids: readonly string[],
  known?: TrackedRequest,
): Promise<RenderedCard | undefined> {
  const settingsOf = new Map<string, ChannelSettings>();
  const items: Array<BatchCardItem & { settings: ChannelSettings }> = [];
  for (const id of ids) {
    const request = known?.id === id ? known : await deps.requests.get(teamId, id);
    if (!request) continue; // erased or purged meanwhile: the card no longer lists it
    let settings = settingsOf.get(request.channelId);
    if (!settings) settingsOf.set(request.channelId, (settings = await deps.settings.forChannel(teamId, request.channelId)));
    items.push({ request, settings, ...(settings.clientName ? { clientLabel: settings.clientName } : {}) });
  }
  if (items.length === 0) return undefined;
  items.sort((a, b) => a.request.createdAt - b.request.createdAt || (a.request.id < b.request.id ? -1 : 1));
  const [first] = items as [(typeof items)[number]];
  const language = first.settings.language;
  const body =
    items.length === 1
      ? requestCard({ request: first.request, language, workspaceUrl: deps.host.url, ...(first.clientLabel ? { clientLabel: first.clientLabel } : {}) })
      : batchCard({ items, language, workspaceUrl: deps.host.url });
  return { body, shown: new Map(items.map(({ request }) => [request.id, request.revision])) };
}

/** Whether any of the requests moved past the revision the card shows. */
export async function changedSince(deps: Pick<Deps, 'requests'>, teamId: string, shown: ReadonlyMap<string, number>): Promise<boolean> {
  for (const [id, revision] of shown) {
    const request: TrackedRequest | undefined = await deps.requests.get(teamId, id);
    if (request && request.revision > revision) return true;
  }
  return false;
}
