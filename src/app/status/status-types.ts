/** What `/status` and App Home ask the index for, and what they get back. */
import type { TrackedRequest } from '../../domain/request';

/** Whose requests: the team's, a channel's, an owner's, or a client's (its channels). */
export type StatusScope =
  | { kind: 'all' }
  | { kind: 'channel'; channelId: string }
  | { kind: 'owner'; userId: string }
  | { kind: 'client'; name: string; channelIds: string[] };

/** Which of them: every live one (most urgent first), only overdue updates, only unowned. */
export type StatusFilter = 'all' | 'overdue' | 'unowned';

export interface StatusCounts {
  open: number;
  unowned: number;
  overdue: number;
  etaMissed: number;
  waiting: number;
}

export interface StatusPage {
  counts: StatusCounts;
  /** The rows of this page, most urgent (earliest due) first. */
  rows: TrackedRequest[];
  /** How many requests match the filter in the scope. */
  total: number;
  offset: number;
}

/** Reads the indexes that the request store keeps in step with every change. */
export interface StatusIndex {
  page(teamId: string, scope: StatusScope, filter: StatusFilter, now: number, offset: number, limit: number): Promise<StatusPage>;
}
