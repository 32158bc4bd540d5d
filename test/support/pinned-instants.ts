/**
 * The instants time-sensitive tests start from, so that no expectation depends on when the suite
 * happens to run. Each is chosen for what it makes hard: a weekend ahead, a date change within
 * the first minute, a DST switch, a new year, a public holiday (`PINNED_HOLIDAYS`).
 */
export interface PinnedInstant {
  name: string;
  /** Epoch ms. */
  at: number;
}

const utc = (iso: string) => Date.parse(`${iso}Z`);

export const PINNED_INSTANTS: readonly PinnedInstant[] = [
  { name: 'a Helsinki afternoon (Thu 15:00)', at: utc('2026-11-26T13:00:00') },
  { name: 'a Friday evening after closing (Fri 17:59:30)', at: utc('2026-10-23T14:59:30') },
  { name: 'a minute before midnight on a Friday (Fri 23:59)', at: utc('2026-11-27T21:59:00') },
  { name: 'the night clocks go forward (Sun 29 Mar 02:30)', at: utc('2026-03-29T00:30:00') },
  { name: 'the night clocks go back (Sun 25 Oct 03:59, the first time)', at: utc('2026-10-25T00:59:00') },
  { name: "New Year's Eve, a minute before midnight", at: utc('2026-12-31T21:59:00') },
  { name: 'Christmas Eve, a public holiday (Thu 24 Dec 10:00)', at: utc('2026-12-24T08:00:00') },
];

/** Finnish public holidays around the instants above, as `HOLIDAYS` takes them. */
export const PINNED_HOLIDAYS = '2026-12-24,2026-12-25,2026-12-26,2027-01-01,2027-01-06';

/** Where a pinned clock starts unless a test names an instant: the Helsinki afternoon. */
export const DEFAULT_START = (PINNED_INSTANTS[0] as PinnedInstant).at;
