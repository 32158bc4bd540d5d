/**
 * `/status` and "Show more": who may look (internal users only), which scope a query means, and
 * one page from the indexes.
 */
import type { Deps } from '../deps';
import { KuittausError } from '../errors/kuittaus-error';
import { assertInternal } from '../assert-internal';
import { clientNamesOf } from './client-names';
import type { StatusFilter, StatusPage, StatusScope } from './status-types';

export const STATUS_PAGE_SIZE = 15;

export interface StatusQuery {
  filter: StatusFilter;
  who?: { mine: true } | { userId: string };
  channelId?: string;
  client?: string;
}

export interface StatusView {
  scope: StatusScope;
  filter: StatusFilter;
  page: StatusPage;
  /** Client names (from channel settings) of the channels the rows are in. */
  clientNames: Record<string, string>;
}

/**
 * Runs a query for `userId`. Without a scope of its own, a query run inside a client channel is
 * scoped to that channel. Throws NOT_INTERNAL_USER for anyone outside the team and UNKNOWN_CLIENT
 * for a client name no channel's settings use.
 */
export async function showStatus(
  deps: Pick<Deps, 'directory' | 'host' | 'settings' | 'status' | 'clock' | 'clients'>,
  teamId: string,
  userId: string,
  query: StatusQuery,
  where: { channelId?: string | undefined },
  offset = 0,
): Promise<StatusView> {
  await assertInternal(deps, teamId, userId);
  const scope = await scopeOf(deps, teamId, userId, query, where.channelId);
  const page = await deps.status.page(teamId, scope, query.filter, deps.clock.now(), offset, STATUS_PAGE_SIZE);
  return { scope, filter: query.filter, page, clientNames: await clientNamesOf(deps, teamId, page.rows) };
}

async function scopeOf(
  deps: Pick<Deps, 'directory' | 'settings' | 'clients'>,
  teamId: string,
  userId: string,
  query: StatusQuery,
  channelId: string | undefined,
): Promise<StatusScope> {
  if (query.who) return { kind: 'owner', userId: 'mine' in query.who ? userId : query.who.userId };
  if (query.channelId) return { kind: 'channel', channelId: query.channelId };
  if (query.client) {
    const found = await deps.clients.channelsOf(teamId, query.client);
    if (!found) throw new KuittausError('UNKNOWN_CLIENT', `no client named ${query.client}`, { client: query.client });
    return { kind: 'client', name: found.name, channelIds: found.channelIds };
  }
  if (channelId && /^[CG]/.test(channelId) && (await isClientChannel(deps, teamId, channelId))) {
    return { kind: 'channel', channelId };
  }
  return { kind: 'all' };
}

async function isClientChannel(deps: Pick<Deps, 'directory' | 'settings'>, teamId: string, channelId: string): Promise<boolean> {
  const settings = await deps.settings.forChannel(teamId, channelId);
  if (settings.managed) return true;
  try {
    return (await deps.directory.channel(teamId, channelId)).isExtShared;
  } catch {
    return false; // a channel we cannot see is no client channel of ours
  }
}
