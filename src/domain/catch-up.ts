/**
 * Where catch-up stands in a channel's history, and how a read moves it. Slack answers
 * conversations.history newest first, so a read that hits its page bound has the newest messages
 * and a gap below them: the gap is read in the next rounds (`upTo`), and `after` moves only once
 * everything up to the newest message handed to intake was read. Pure: time is an argument.
 */

export interface CatchUpPosition {
  /** Every top-level message up to this ts was handed to intake (or predates our first look). */
  after: string;
  /** An open gap: (after, upTo) is still to be read; messages from upTo on were handed. */
  upTo?: string;
  /** The newest ts handed while a gap is open; it becomes `after` when the gap closes. */
  newest?: string;
}

export interface HistoryRead {
  /** Newest and oldest ts of the messages read (undefined when there were none). */
  newestTs?: string;
  oldestTs?: string;
  /** True when the read reached `after` (Slack said has_more: false). */
  complete: boolean;
}

/** A Slack ts as whole microseconds ("1700000000.000100" → 1700000000000100); a safe integer. */
export function tsMicros(ts: string): number {
  const [seconds = '0', fraction = ''] = ts.split('.');
  return Number(seconds) * 1_000_000 + Number(fraction.padEnd(6, '0').slice(0, 6));
}

export function laterTs(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return tsMicros(b) > tsMicros(a) ? b : a;
}

/** The position of a channel seen for the first time: just before `now`, so nothing older is imported. */
export function startingPosition(now: number): CatchUpPosition {
  const micros = Math.round(now) * 1000 - 1;
  return { after: `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}` };
}

/** The position after a read of (after, upTo) whose messages were all handed to intake. */
export function afterRead(position: CatchUpPosition, read: HistoryRead): CatchUpPosition {
  const newest = laterTs(position.newest, read.newestTs);
  if (read.complete) {
    const after = laterTs(position.after, newest) as string;
    return { after };
  }
  // The page bound was hit: keep `after`, read below the oldest message next time.
  if (read.oldestTs === undefined) return position;
  return { after: position.after, upTo: read.oldestTs, ...(newest ? { newest } : {}) };
}
