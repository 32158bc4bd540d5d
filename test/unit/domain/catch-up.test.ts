/** Catch-up positions: ts arithmetic, the first position of a channel, and how a read moves it. */
import { afterRead, laterTs, startingPosition, tsMicros } from '../../../src/domain/catch-up';

describe('tsMicros and laterTs', () => {
  it.each([
    ['1700000000.000100', 1_700_000_000_000_100],
    ['1700000000.1', 1_700_000_000_100_000],
    ['1700000000', 1_700_000_000_000_000],
    ['1795698000.999999', 1_795_698_000_999_999],
  ])('%s is %d microseconds', (ts, micros) => {
    expect(tsMicros(ts)).toBe(micros);
    expect(Number.isSafeInteger(tsMicros(ts))).toBe(true);
  });

  it.each<[string | undefined, string | undefined, string | undefined]>([
    ['1700000000.000100', '1700000000.000099', '1700000000.000100'],
    ['1700000000.000099', '1700000000.000100', '1700000000.000100'],
    // one microsecond apart at today's magnitude: no floating-point blur
    ['1795698000.000001', '1795698000.000002', '1795698000.000002'],
    [undefined, '1700000000.000100', '1700000000.000100'],
    ['1700000000.000100', undefined, '1700000000.000100'],
    [undefined, undefined, undefined],
  ])('laterTs(%s, %s) is %s', (a, b, later) => {
    expect(laterTs(a, b)).toBe(later);
  });
});

describe('startingPosition', () => {
  it('is one microsecond before now: a message posted at now is read, anything older is not', () => {
    const now = Date.UTC(2026, 10, 26, 13, 0, 0, 250);
    expect(startingPosition(now)).toEqual({ after: '1795698000.249999' });
    expect(startingPosition(Date.UTC(2026, 10, 26, 13, 0, 0))).toEqual({ after: '1795697999.999999' });
  });
});

describe('afterRead', () => {
  const A = '1700000000.000100';
  const m1 = '1700000001.000000';
  const m4 = '1700000004.000000';
  const m7 = '1700000007.000000';

  it.each([
    ['a complete read moves after to the newest message', { after: A }, { newestTs: m7, oldestTs: m1, complete: true }, { after: m7 }],
    ['a complete read of nothing keeps the position', { after: A }, { complete: true }, { after: A }],
    ['a read cut by the page bound keeps after and opens a gap below the oldest read', { after: A }, { newestTs: m7, oldestTs: m4, complete: false }, { after: A, upTo: m4, newest: m7 }],
    ['the gap read to its end closes it at the newest handed before', { after: A, upTo: m4, newest: m7 }, { newestTs: '1700000003.000000', oldestTs: m1, complete: true }, { after: m7 }],
    ['an empty gap closes too', { after: A, upTo: m4, newest: m7 }, { complete: true }, { after: m7 }],
    ['a gap read cut again moves upTo down and keeps the newest', { after: A, upTo: m4, newest: m7 }, { newestTs: '1700000003.000000', oldestTs: '1700000002.000000', complete: false }, { after: A, upTo: '1700000002.000000', newest: m7 }],
    ['a cut read with no message (a rate limit on the first page) changes nothing', { after: A, upTo: m4, newest: m7 }, { complete: false }, { after: A, upTo: m4, newest: m7 }],
  ])('%s', (_name, position, read, expected) => {
    expect(afterRead(position, read)).toEqual(expected);
  });
});
