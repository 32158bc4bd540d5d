/** What the retention purge and a client's export or erasure need from storage. */
import type { RequestHistory } from '../../domain/metrics';
import type { RequestEvent, TrackedRequest } from '../../domain/request';

/** A request as stored, with its event log. */
export interface RequestRecord {
  request: TrackedRequest;
  events: RequestEvent[];
}

/** Whose data: one channel's requests, or the requests one client user opened. */
export type DataSubject = { channelId: string } | { userId: string };

/**
 * removed: gone, folded into the archive; gone: there was nothing left; live: not closed (and
 * only a closed one may go); changed: it changed since it was read.
 */
export interface Traces {
  keys: string[];
  outboxJobIds: string[];
}

export type RemoveOutcome = 'removed' | 'gone' | 'live' | 'changed';

export interface RetentionStore {
  /** Indexes the requests closed before the closed index existed (once; later calls return 0). */
  fillClosedIndex(teamId: string): Promise<number>;
  /** Ids of closed requests with a closing before `cutoff`, oldest first, from `offset`. */
  closedBefore(teamId: string, cutoff: number, offset: number, limit: number): Promise<string[]>;
  /** The retentions (days) channels set for themselves. */
  channelRetentions(teamId: string): Promise<number[]>;
  read(teamId: string, requestId: string): Promise<RequestRecord | undefined>;
  /** Every request, live or closed, of a channel or opened by a client user, oldest first. */
  idsOf(teamId: string, subject: DataSubject): Promise<string[]>;
  /**
   * What names a request outside its own keys, by request id, found in one look over the keyspace
   * for a whole run: short-lived keys (a click handled, a delivery attempt) and the outbox jobs
   * kept after they ran (their ids name the request).
   */
  traces(teamId: string): Promise<Map<string, Traces>>;
  /**
   * In one step: folds `anonymous` into the archive the reports read and deletes the request, its
   * log, intents, line, timer ids, index entries, message links, dead letters and `traces`. The
   * record read must still be current (else 'changed').
   */
  remove(teamId: string, record: RequestRecord, anonymous: RequestHistory, options: { onlyClosed: boolean; keys: string[] }): Promise<RemoveOutcome>;
  /** Clears what may be left under the id of a request that is gone (index entries, keys). */
  removeStray(teamId: string, requestId: string, keys: string[]): Promise<void>;
  /** Forgets what the directory cached about a user (users.info). */
  forgetUser(teamId: string, userId: string): Promise<void>;
}
