/** The client names (from channel settings) of the channels some requests are in, for their rows. */
import type { TrackedRequest } from '../../domain/request';
import type { Deps } from '../deps';

export async function clientNamesOf(
  deps: Pick<Deps, 'settings'>,
  teamId: string,
  requests: readonly TrackedRequest[],
): Promise<Record<string, string>> {
  const channels = [...new Set(requests.map((r) => r.channelId))];
  const names = await Promise.all(channels.map(async (id) => [id, (await deps.settings.forChannel(teamId, id)).clientName] as const));
  return Object.fromEntries(names.filter((entry): entry is readonly [string, string] => Boolean(entry[1])));
}
