/**
 * A client's data-protection request: everything Kuittaus keeps about one channel's requests, or
 * about the requests one client user opened, exported as it is stored, or erased as the retention
 * purge erases (the anonymous figures of the reports stay). For team leads only: a channel's leads
 * for a channel, the team's (TEAM_LEADS) for a user; while no lead is named, any internal user.
 */
import type { RequestEvent } from '../../domain/request';
import type { Deps } from '../deps';
import { KuittausError } from '../errors/kuittaus-error';
import { assertInternal } from '../assert-internal';
import { assertTeamLead } from '../settings/channel-settings';
import { forgetRequest } from './forget-request';
import type { DataSubject, RequestRecord } from './ports';

export type ClientDataDeps = Pick<Deps, 'directory' | 'host' | 'settings' | 'teamLeads' | 'retention' | 'timers' | 'intake' | 'outbox' | 'clock' | 'log'>;

export interface ExportedRequest {
  id: string;
  channelId: string;
  /** The client's message (and those that joined it), as Slack ts. */
  ts: string;
  joinedTs: string[];
  clientUserId: string;
  clientName: string;
  /** The client's zone as Slack gave it (see TrackedRequest.clientTz). */
  clientTz?: string;
  excerpt: string;
  priority: string;
  state: string;
  createdAt: string;
  resolvedAt?: string;
  ownerId?: string;
  etaAt?: string;
  events: Array<Omit<RequestEvent, 'at'> & { at: string }>;
}

export interface ClientDataExport {
  subject: DataSubject;
  exportedAt: string;
  requests: ExportedRequest[];
}

const iso = (ms: number) => new Date(ms).toISOString();

export async function assertMayHandleClientData(deps: ClientDataDeps, teamId: string, userId: string, subject: DataSubject): Promise<void> {
  if ('channelId' in subject) return assertTeamLead(deps, teamId, subject.channelId, userId);
  await assertInternal(deps, teamId, userId);
  if (deps.teamLeads.length > 0 && !deps.teamLeads.includes(userId)) throw new KuittausError('NOT_TEAM_LEAD', `${userId} is no team lead`);
}

async function recordsOf(deps: ClientDataDeps, teamId: string, subject: DataSubject): Promise<RequestRecord[]> {
  const records: RequestRecord[] = [];
  for (const id of await deps.retention.idsOf(teamId, subject)) {
    const record = await deps.retention.read(teamId, id);
    if (record) records.push(record);
  }
  return records;
}

export async function exportClientData(deps: ClientDataDeps, teamId: string, userId: string, subject: DataSubject): Promise<ClientDataExport> {
  await assertMayHandleClientData(deps, teamId, userId, subject);
  const records = await recordsOf(deps, teamId, subject);
  deps.log.info({ subject, requests: records.length, actorId: userId }, 'client data exported');
  return {
    subject,
    exportedAt: iso(deps.clock.now()),
    requests: records.map(({ request: r, events }) => ({
      id: r.id,
      channelId: r.channelId,
      ts: r.ts,
      joinedTs: r.joinedTs,
      clientUserId: r.clientUserId,
      clientName: r.clientName,
      ...(r.clientTz ? { clientTz: r.clientTz } : {}),
      excerpt: r.excerpt,
      priority: r.priority,
      state: r.state,
      createdAt: iso(r.createdAt),
      ...(r.resolvedAt !== undefined ? { resolvedAt: iso(r.resolvedAt) } : {}),
      ...(r.ownerId ? { ownerId: r.ownerId } : {}),
      ...(r.etaAt !== undefined ? { etaAt: iso(r.etaAt) } : {}),
      events: events.map((e) => ({ ...e, at: iso(e.at) })),
    })),
  };
}

/** How many requests an erasure would delete (what the confirmation names). */
export async function countClientData(deps: ClientDataDeps, teamId: string, userId: string, subject: DataSubject): Promise<number> {
  await assertMayHandleClientData(deps, teamId, userId, subject);
  return (await deps.retention.idsOf(teamId, subject)).length;
}

/** Erases, live requests included; returns how many requests went. Running it again is harmless. */
export async function eraseClientData(deps: ClientDataDeps, teamId: string, userId: string, subject: DataSubject): Promise<number> {
  await assertMayHandleClientData(deps, teamId, userId, subject);
  const traces = await deps.retention.traces(teamId);
  const clients = new Set<string>('userId' in subject ? [subject.userId] : []);
  let erased = 0;
  for (const id of await deps.retention.idsOf(teamId, subject)) {
    // A change between reading and erasing makes the write refuse: read again and retry.
    for (let attempt = 0; attempt < 5; attempt++) {
      const record = await deps.retention.read(teamId, id);
      if (!record) break;
      clients.add(record.request.clientUserId);
      const outcome = await forgetRequest(deps, teamId, record, { onlyClosed: false, traces: traces.get(id) });
      if (outcome === 'removed') erased += 1;
      if (outcome !== 'changed') break;
    }
  }
  for (const client of clients) await deps.retention.forgetUser(teamId, client);
  deps.log.info({ subject, requests: erased, actorId: userId }, 'client data erased');
  return erased;
}
