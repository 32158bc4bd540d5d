/**
 * Cards of new requests are coalesced per triage channel: a request that needs its first card
 * joins the channel's open batch, and when the channel's slot for posting comes, the batch is
 * sealed and posted as one card (the single request card when it holds one request, a batch card
 * otherwise). The first member of a batch drives it (its card job posts it); the others wait until
 * its slot has passed, and take over only when it is long overdue. Pure: facts in, a step out.
 * The Redis scripts (src/store/card-batch-scripts) do the same as `placeInBatch`, atomically.
 */

/** At most this many requests on one card: 1 header + 3 blocks each stays within Block Kit's 50. */
export const MAX_BATCH = 10;

/** The batches of one triage channel as far as forming them goes. */
export interface BatchBook {
  /** The batch still taking members, if any. */
  open?: number;
  /** The last batch number used. */
  seq: number;
  /** Members of each batch not yet done, in the order they joined. */
  members: Map<number, string[]>;
  sealed: Set<number>;
}

/**
 * Which batch a request waiting for its first card is in: the one it joined before; else the open
 * batch while it has room; else a new batch, now the open one, with the request as its driver.
 */
export function placeInBatch(book: BatchBook, requestId: string, max = MAX_BATCH): { batch: number; driver: boolean } {
  for (const [batch, ids] of book.members) {
    if (ids.includes(requestId)) return { batch, driver: ids[0] === requestId };
  }
  const open = book.open === undefined ? undefined : book.members.get(book.open);
  if (book.open !== undefined && open && !book.sealed.has(book.open) && open.length < max) {
    open.push(requestId);
    return { batch: book.open, driver: false };
  }
  book.seq += 1;
  book.open = book.seq;
  book.members.set(book.seq, [requestId]);
  return { batch: book.seq, driver: true };
}

/** Seals a batch for posting: it takes no more members; its members are what the card lists. */
export function sealBatch(book: BatchBook, batch: number): string[] {
  book.sealed.add(batch);
  if (book.open === batch) delete book.open;
  return book.members.get(batch) ?? [];
}

/** What a request's place in a batch says about it when its card job runs. */
export interface Membership {
  batch: number;
  driver: boolean;
  /** The batch card's ts, once posted. */
  postedTs?: string;
  /**
   * Milliseconds until the slot the driver waits for (negative once it passed), on the clock of
   * the store (Redis's): the store keeps the instant and answers the difference, so that clocks of
   * instances that disagree with it do not matter. Until the driver knows its slot: since the
   * batch opened.
   */
  dueInMs?: number;
}

export type BatchStep =
  | { kind: 'record'; ts: string }
  | { kind: 'post' }
  | { kind: 'wait'; ms: number };

export interface BatchTiming {
  /** How long after its slot a member looks again (the driver should have posted by then). */
  recheckMs: number;
  /** How long past its slot a batch must be before a member posts it instead of its driver. */
  takeoverMs: number;
}

export const DEFAULT_BATCH_TIMING: BatchTiming = { recheckMs: 3_000, takeoverMs: 30_000 };

/**
 * The next step of a card job for a request in a batch: record the posted card on the members;
 * post it (the driver, or a member once the batch is overdue: the post is idempotent by its
 * delivery key, so two posters still post once); or wait and look again.
 */
export function batchStep(m: Membership, timing: BatchTiming = DEFAULT_BATCH_TIMING): BatchStep {
  if (m.postedTs) return { kind: 'record', ts: m.postedTs };
  if (m.driver) return { kind: 'post' };
  if (m.dueInMs === undefined) return { kind: 'wait', ms: timing.recheckMs };
  if (-m.dueInMs >= timing.takeoverMs) return { kind: 'post' };
  return { kind: 'wait', ms: Math.min(Math.max(m.dueInMs, 0) + timing.recheckMs, m.dueInMs + timing.takeoverMs) };
}
