/**
 * Long values of a request's hash, stored in pieces. Redis keeps a small hash in its compact
 * encoding (a listpack) only while every value is at most `hash-max-listpack-value` bytes (64 by
 * default); one longer value turns the whole hash into a hash table, about three times the size,
 * for good (Redis never turns it back). The client's excerpt (up to 300 characters), the owner's
 * words of a wait and a client's name are therefore stored as `field`, `field~1`, `field~2`, …,
 * each at most 64 bytes and cut between characters; the message ts of continuations as
 * `joinedTs`, `joinedTs~1`, … each a comma-separated list within 64 bytes. A value stored whole
 * by an earlier version reads the same (it is its own first piece).
 */

/** hash-max-listpack-value's default. */
export const COMPACT_VALUE_BYTES = 64;

/** Fields of free text, stored in pieces. */
export const PIECED_FIELDS = ['excerpt', 'clientName', 'waitingFor'] as const;

/**
 * Pieces a patch clears beyond a new value's own: 300 characters of 4 bytes take 19 pieces of
 * 16 characters (see domain/request's EXCERPT_LENGTH and WAITING_FOR_LENGTH).
 */
export const MAX_PIECES = 20;

export const pieceField = (field: string, i: number): string => (i === 0 ? field : `${field}~${i}`);

/** `text` cut into pieces of at most COMPACT_VALUE_BYTES bytes of UTF-8, between characters. */
export function piecesOf(text: string): string[] {
  const pieces: string[] = [];
  let piece = '';
  let bytes = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char, 'utf8');
    if (bytes + size > COMPACT_VALUE_BYTES) {
      pieces.push(piece);
      piece = '';
      bytes = 0;
    }
    piece += char;
    bytes += size;
  }
  if (piece !== '' || pieces.length === 0) pieces.push(piece);
  return pieces;
}

/** The pieces of `field` as stored, in order, up to the first missing or empty one. */
export function storedPieces(hash: Record<string, string>, field: string): string[] {
  const pieces: string[] = [];
  for (let i = 0; ; i++) {
    const piece = hash[pieceField(field, i)];
    if (piece === undefined || piece === '') return pieces;
    pieces.push(piece);
  }
}

/** Field/value pairs that store `text` in `field` (an empty text stores an empty first piece). */
export function piecePairs(field: string, text: string): Array<[string, string]> {
  return piecesOf(text).map((piece, i) => [pieceField(field, i), piece]);
}

/** Message ts grouped into comma-separated values of at most COMPACT_VALUE_BYTES bytes. */
export function tsGroups(ts: string[]): string[] {
  const groups: string[] = [];
  for (const t of ts) {
    const last = groups.at(-1);
    if (last !== undefined && last.length + 1 + t.length <= COMPACT_VALUE_BYTES) groups[groups.length - 1] = `${last},${t}`;
    else groups.push(t);
  }
  return groups;
}

/**
 * Lua: `kuittausJoined(key)` is every joined ts of the request, comma-separated (as one field held
 * them before); `kuittausJoin(key, ts)` adds one, to the last piece while it fits.
 */
export const JOINED_LUA = `
local function kuittausJoinedLast(key)
  local n = 0
  while redis.call('HEXISTS', key, 'joinedTs~' .. (n + 1)) == 1 do n = n + 1 end
  return n
end
local function kuittausJoined(key)
  local all = {}
  for i = 0, kuittausJoinedLast(key) do
    local piece = redis.call('HGET', key, i == 0 and 'joinedTs' or ('joinedTs~' .. i))
    if piece and piece ~= '' then table.insert(all, piece) end
  end
  return table.concat(all, ',')
end
local function kuittausJoin(key, ts)
  local n = kuittausJoinedLast(key)
  local field = n == 0 and 'joinedTs' or ('joinedTs~' .. n)
  local last = redis.call('HGET', key, field) or ''
  if last == '' then
    redis.call('HSET', key, field, ts)
  elseif #last + 1 + #ts <= ${COMPACT_VALUE_BYTES} then
    redis.call('HSET', key, field, last .. ',' .. ts)
  else
    redis.call('HSET', key, 'joinedTs~' .. (n + 1), ts)
  end
end
`;
