/** Where the batches of new cards per triage channel are kept (see domain/card-batch). */
import type { Membership } from '../domain/card-batch';

export interface CardBatches {
  /** The request's batch: the one it is in, or the channel's open one, or a new one it drives. */
  join(teamId: string, channelId: string, requestId: string, max: number): Promise<Membership>;
  /** Closes the batch to new members; returns its members in the order they joined. */
  seal(teamId: string, channelId: string, batch: number): Promise<string[]>;
  /** The batch's post waits for a slot `inMs` from now (on the store's clock), for members deciding how long to wait. */
  setSlot(teamId: string, channelId: string, batch: number, inMs: number): Promise<void>;
  /**
   * Records the batch's posted card; returns its members. `shown`: the revision of each member
   * the card was composed with (absent when the card was found after a lost answer).
   */
  posted(teamId: string, channelId: string, batch: number, ts: string, shown?: ReadonlyMap<string, number>): Promise<string[]>;
  /** Forgets a batch once its card is recorded on every member. */
  done(teamId: string, channelId: string, batch: number): Promise<void>;
  /**
   * The requests listed on a posted card, when it lists more than one (else an empty map), with
   * the revision the card shows of each (-1: not known).
   */
  cardMembers(teamId: string, channelId: string, ts: string): Promise<Map<string, number>>;
  /** The card was re-rendered showing these revisions. */
  shown(teamId: string, channelId: string, ts: string, shown: ReadonlyMap<string, number>): Promise<void>;
}
