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
  // All at once (one pipelined round trip each): a batch card is composed after its slot came, and
  // the time this takes comes off the gap to the channel's next post.
  const requests = await Promise.all(ids.map((id) => (known?.id === id ? known : deps.requests.get(teamId, id))));
  // Erased or purged meanwhile: the card no longer lists it.
  const present = requests.filter((r): r is TrackedRequest => r !== undefined);
  const channels = [...new Set(present.map((r) => r.channelId))];
  const settingsOf = new Map<string, ChannelSettings>(
    await Promise.all(channels.map(async (channel) => [channel, await deps.settings.forChannel(teamId, channel)] as const)),
  );
  const items: Array<BatchCardItem & { settings: ChannelSettings }> = present.map((request) => {
    const settings = settingsOf.get(request.channelId) as ChannelSettings;
    return { request, settings, ...(settings.clientName ? { clientLabel: settings.clientName } : {}) };
  });
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
  const now = await Promise.all([...shown.keys()].map((id) => deps.requests.get(teamId, id)));
  return now.some((request) => request !== undefined && request.revision > (shown.get(request.id) ?? -1));
}
