import { at } from './instants';
import { localDateKey, localDateTimeByIntl, localDateTimeOf, zoneOffsetMs } from '../../../src/domain/local-time';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const wall = (instant: number, zone: string) => {
  const t = localDateTimeOf(instant, zone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${localDateKey(t)} ${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;
};

describe('the cached zone offset', () => {
  it.each([
    // Helsinki, spring 2025: 03:00 EET jumps to 04:00 EEST at 01:00 UTC.
    ['Europe/Helsinki', '2025-03-30T00:59:59.999Z', '2025-03-30 02:59:59', 2],
    ['Europe/Helsinki', '2025-03-30T01:00:00.000Z', '2025-03-30 04:00:00', 3],
    ['Europe/Helsinki', '2025-03-30T00:30:00.000Z', '2025-03-30 02:30:00', 2],
    ['Europe/Helsinki', '2025-03-30T01:30:00.000Z', '2025-03-30 04:30:00', 3],
    // Helsinki, autumn 2025: 04:00 EEST goes back to 03:00 EET at 01:00 UTC (03:xx shows twice).
    ['Europe/Helsinki', '2025-10-26T00:30:00.000Z', '2025-10-26 03:30:00', 3],
    ['Europe/Helsinki', '2025-10-26T00:59:59.999Z', '2025-10-26 03:59:59', 3],
    ['Europe/Helsinki', '2025-10-26T01:00:00.000Z', '2025-10-26 03:00:00', 2],
    ['Europe/Helsinki', '2025-10-26T01:30:00.000Z', '2025-10-26 03:30:00', 2],
    // New York, spring 2025: 02:00 EST jumps to 03:00 EDT at 07:00 UTC; autumn back at 06:00 UTC.
    ['America/New_York', '2025-03-09T06:59:59.999Z', '2025-03-09 01:59:59', -5],
    ['America/New_York', '2025-03-09T07:00:00.000Z', '2025-03-09 03:00:00', -4],
    ['America/New_York', '2025-11-02T05:59:59.999Z', '2025-11-02 01:59:59', -4],
    ['America/New_York', '2025-11-02T06:00:00.000Z', '2025-11-02 01:00:00', -5],
    // Lord Howe moves by half an hour: 02:00 +10:30 → 02:30 +11 on 2025-10-05 (15:30 UTC the day before).
    ['Australia/Lord_Howe', '2025-10-04T15:29:59.999Z', '2025-10-05 01:59:59', 10.5],
    ['Australia/Lord_Howe', '2025-10-04T15:30:00.000Z', '2025-10-05 02:30:00', 11],
    // Kathmandu: +5:45, no DST; before 1986 +5:30.
    ['Asia/Kathmandu', '2025-01-01T00:00:00.000Z', '2025-01-01 05:45:00', 5.75],
    ['Asia/Kathmandu', '1985-12-31T18:29:59.000Z', '1985-12-31 23:59:59', 5.5],
    // Helsinki's local mean time (+1:39:49) until 1921: seconds in the offset.
    ['Europe/Helsinki', '1900-06-01T12:00:00.000Z', '1900-06-01 13:39:49', 1 + 39 / 60 + 49 / 3600],
  ])('in %s at %s the clock shows %s (UTC%s h)', (zone, instant, shows, offsetHours) => {
    const t = Date.parse(instant);
    expect(wall(t, zone)).toBe(shows);
    expect(zoneOffsetMs(t, zone)).toBe(Math.round(offsetHours * HOUR));
  });

  it.each([
    ['Europe/Helsinki', '2025-03-30T01:00Z'],
    ['Europe/Helsinki', '2025-10-26T01:00Z'],
    ['America/New_York', '2025-03-09T07:00Z'],
    ['America/New_York', '2025-11-02T06:00Z'],
    ['Australia/Lord_Howe', '2025-10-04T15:30Z'],
    ['Australia/Lord_Howe', '2026-04-04T15:00Z'],
  ])('around the change in %s at %s, every minute (and the milliseconds at the change) read as Intl reads them', (zone, change) => {
    const c = at(change);
    const instants: number[] = [c - 1, c, c + 1, c + 999, c + 1000];
    for (let t = c - 3 * HOUR; t <= c + 3 * HOUR; t += 7 * MINUTE + 13_001) instants.push(t);
    for (const t of instants) {
      // Asked twice: the first fills the cache, the second reads it.
      expect([localDateTimeOf(t, zone), localDateTimeOf(t, zone)]).toEqual([localDateTimeByIntl(t, zone), localDateTimeByIntl(t, zone)]);
    }
  });

  it('when the zone is unknown, then it throws and caches nothing', () => {
    expect(() => zoneOffsetMs(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => zoneOffsetMs(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
