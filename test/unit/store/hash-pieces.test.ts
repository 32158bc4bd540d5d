/**
 * The request hash keeps every value within 64 bytes (Redis's compact encoding): long text in
 * pieces cut between characters, continuation ts in comma groups; values an earlier version
 * stored whole read the same.
 */
import fc from 'fast-check';
import type { TrackedRequest } from '../../../src/domain/request';
import { excerptOf } from '../../../src/domain/request';
import { COMPACT_VALUE_BYTES, MAX_PIECES, piecesOf, tsGroups } from '../../../src/store/hash-pieces';
import { patchPairs } from '../../../src/store/redis-request-store';
import { decodeRequest, encodeRequest } from '../../../src/store/request-codec';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

const request: TrackedRequest = {
  id: 'R6b0893cd0a7-12',
  teamId: 'T0HOST',
  channelId: 'C0SHARED',
  ts: '1790000011.000100',
  joinedTs: [],
  clientUserId: 'U0CLIENT',
  clientName: 'Maria',
  excerpt: 'Our export fails',
  priority: 'normal',
  state: 'open',
  trigger: 'auto',
  createdAt: 1795724226016,
  nextUpdateDueAt: 1795727924125,
  revision: 0,
  updateCount: 0,
};

describe('piecesOf', () => {
  it.each<[string, number, string]>([
    ['an empty text', 1, ''],
    ['64 ASCII characters', 1, 'a'.repeat(64)],
    ['65 ASCII characters', 2, 'a'.repeat(65)],
    ['300 ASCII characters', 5, 'a'.repeat(300)],
    ['290 characters of Finnish (ä and ö take two bytes each)', 5, 'Tämä ei toimi: tilausvienti kaatuu yöllä virheeseen 500. '.repeat(5)],
    ['300 emoji of four bytes (16 a piece)', 19, '🔥'.repeat(300)],
  ])('when %s, then %i piece(s) of at most 64 bytes that join back to the text', (_label, count, text) => {
    const pieces = piecesOf(text);
    expect(pieces).toHaveLength(count);
    expect(pieces.join('')).toBe(text);
    for (const piece of pieces) expect(bytes(piece)).toBeLessThanOrEqual(COMPACT_VALUE_BYTES);
  });

  it('never cuts a character, whatever the text (surrogate pairs included)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        const pieces = piecesOf(text);
        expect(pieces.join('')).toBe(text);
        for (const piece of pieces) {
          expect(bytes(piece)).toBeLessThanOrEqual(COMPACT_VALUE_BYTES);
          expect(piece).toBe(Buffer.from(piece, 'utf8').toString('utf8')); // no lone surrogate
        }
      }),
    );
  });

  it('when the longest excerpt there can be is cut, then it takes no more pieces than a patch clears', () => {
    expect(piecesOf(excerptOf('🔥'.repeat(1000))).length).toBeLessThanOrEqual(MAX_PIECES);
  });
});

describe('tsGroups', () => {
  it('when continuations are grouped, then each group stays within 64 bytes and they read back in order', () => {
    const ts = Array.from({ length: 9 }, (_, i) => `179000001${i}.000100`);
    const groups = tsGroups(ts);
    expect(groups).toHaveLength(3); // three 17-character ts and two commas: 53 bytes
    for (const group of groups) expect(bytes(group)).toBeLessThanOrEqual(COMPACT_VALUE_BYTES);
    expect(groups.join(',').split(',')).toEqual(ts);
  });
});

describe('encodeRequest / decodeRequest', () => {
  it('when a request with a long excerpt, name, wait and many continuations is encoded, then every value fits 64 bytes and it decodes the same', () => {
    const long: TrackedRequest = {
      ...request,
      excerpt: excerptOf('Hei! Tilausten vienti kaatuu joka yö virheeseen 500, ja aamun raportti puuttuu taas. '.repeat(6)),
      clientName: 'Maria-Liisa Virtanen-Äijälä (Acme Oy, tietohallinto, Helsinki)',
      joinedTs: Array.from({ length: 7 }, (_, i) => `17900000${10 + i}.000100`),
      state: 'waiting_on_client',
      waitingSince: 1795724300000,
      waitingFor: 'x'.repeat(300),
      ownerId: 'U0AINO',
    };
    const hash = encodeRequest(long);
    for (const value of Object.values(hash)) expect(bytes(value)).toBeLessThanOrEqual(COMPACT_VALUE_BYTES);
    expect(Object.keys(hash)).toEqual(expect.arrayContaining(['excerpt', 'excerpt~1', 'excerpt~4', 'clientName~1', 'joinedTs~2', 'waitingFor~4']));
    expect(decodeRequest(hash)).toEqual(long);
  });

  it('when a hash an earlier version wrote holds the excerpt, the wait and the continuations whole, then it reads the same', () => {
    const excerpt = 'a'.repeat(300);
    const joined = ['1790000012.000100', '1790000013.000100', '1790000014.000100', '1790000015.000100'];
    const old = { ...encodeRequest(request), excerpt, joinedTs: joined.join(','), waitingFor: 'the log files of last night, please '.repeat(4) };
    expect(decodeRequest(old)).toMatchObject({ excerpt, joinedTs: joined, waitingFor: old.waitingFor });
  });

  it('when an earlier version stored an empty joinedTs, then it reads as none', () => {
    expect(decodeRequest({ ...encodeRequest(request), joinedTs: '' })?.joinedTs).toEqual([]);
  });
});

describe('patchPairs', () => {
  const pairs = (patch: Parameters<typeof patchPairs>[0]) => {
    const flat = patchPairs(patch);
    return Object.fromEntries(Array.from({ length: flat.length / 2 }, (_, i) => [flat[2 * i], flat[2 * i + 1]]));
  };

  it('when free text is patched, then it goes in pieces and every further piece a longer value left is cleared', () => {
    const patch = pairs({ waitingFor: 'b'.repeat(100) });
    expect(patch).toMatchObject({ waitingFor: 'b'.repeat(64), 'waitingFor~1': 'b'.repeat(36), 'waitingFor~2': '', [`waitingFor~${MAX_PIECES - 1}`]: '' });
    expect(Object.keys(patch)).toHaveLength(MAX_PIECES);
  });

  it('when free text is cleared, then every piece is', () => {
    const patch = pairs({ waitingFor: null });
    expect(Object.values(patch).every((v) => v === '')).toBe(true);
    expect(Object.keys(patch)).toHaveLength(MAX_PIECES);
  });

  it('when other fields are patched, then they are as before: null clears, countUpdate increments', () => {
    expect(patchPairs({ ownerId: 'U0AINO', etaAt: null, countUpdate: true })).toEqual(['ownerId', 'U0AINO', 'etaAt', '', '+updateCount', '1']);
  });
});
