/** What catch-up needs: the channels and their history (Slack), positions (Redis), intake (the queue). */
import type { CatchUpPosition } from '../../domain/catch-up';
import type { MessageFacts } from '../../domain/spotting-types';
import type { ChannelFacts } from '../ports';

export interface HistoryPage {
  /** Top-level messages, newest first (as Slack answers). */
  messages: MessageFacts[];
  hasMore: boolean;
  nextCursor?: string;
}

/** The channels the bot is in and their history. Throws ./errors for a rate limit or a channel it cannot read. */
export interface ChannelHistory {
  memberChannels(): Promise<ChannelFacts[]>;
  /** Messages after `oldest` and before `latest` (both exclusive). */
  page(channelId: string, range: { oldest: string; latest?: string; cursor?: string; limit: number }): Promise<HistoryPage>;
}

export interface StoredPosition {
  position: CatchUpPosition;
  /** When the channel was last read (epoch ms), so that the least recently read go first. */
  checkedAt: number;
}

export interface CatchUpPositions {
  all(teamId: string): Promise<Map<string, StoredPosition>>;
  save(teamId: string, channelId: string, stored: StoredPosition): Promise<void>;
  /** Stores the first position of a channel unless another instance was quicker. */
  saveFirst(teamId: string, channelId: string, stored: StoredPosition): Promise<void>;
  /** True when this instance may run a periodic round now (no instance ran one within `withinMs`). */
  claimPeriodicRound(teamId: string, withinMs: number): Promise<boolean>;
  /** No instance starts a periodic round for `ms` (Slack's Retry-After). */
  deferPeriodicRounds(teamId: string, ms: number): Promise<void>;
}

/** added: new to intake; retried: its intake had failed; known: queued or handled already. */
export type Resubmitted = 'added' | 'retried' | 'known';

/** The intake queue, again: a message whose intake failed for good (e.g. invalid_auth) is retried. */
export interface IntakeResubmission {
  resubmit(teamId: string, message: MessageFacts): Promise<Resubmitted>;
}
