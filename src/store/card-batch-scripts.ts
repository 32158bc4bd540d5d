/**
 * Batches of new cards per triage channel (see domain/card-batch), one hash per channel
 * (`<prefix>:{team}:cards:<channel>`, so one slot):
 *   open → the batch still taking members    seq → the last batch number
 *   m<n> → its members, comma-separated      s<n> → '1' once sealed
 *   d<n> → its slot (ms; when it opened, until the driver knows the slot)
 *   t<n> → its card's ts once posted          r:<request id> → n, the request's batch
 * A batch's fields go once its card is recorded on every member; a posted batch card with more
 * than one request keeps its members in a hash of its own (`…:cardset:<channel>:<ts>`: request id →
 * the revision the card shows of it, -1 when not known), so that it is re-rendered whole.
 */

/**
 * KEYS: 1 the channel's hash. ARGV: 1 request id, 2 max members.
 * Returns { n, '1' driver | '0', ts or '', ms until its slot (negative once passed) }.
 */
export const JOIN_BATCH = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local id = ARGV[1]
local n = redis.call('HGET', KEYS[1], 'r:' .. id)
if not n then
  local open = redis.call('HGET', KEYS[1], 'open')
  if open and redis.call('HGET', KEYS[1], 's' .. open) ~= '1' then
    local members = redis.call('HGET', KEYS[1], 'm' .. open) or ''
    local _, commas = string.gsub(members, ',', '')
    if members ~= '' and commas + 1 < tonumber(ARGV[2]) then
      n = open
      redis.call('HSET', KEYS[1], 'm' .. n, members .. ',' .. id)
    end
  end
  if not n then
    n = tostring(redis.call('HINCRBY', KEYS[1], 'seq', 1))
    redis.call('HSET', KEYS[1], 'open', n, 'm' .. n, id, 'd' .. n, now)
  end
  redis.call('HSET', KEYS[1], 'r:' .. id, n)
end
local members = redis.call('HGET', KEYS[1], 'm' .. n) or id
local first = string.match(members, '^[^,]+')
local slot = redis.call('HGET', KEYS[1], 'd' .. n)
return { n, first == id and '1' or '0', redis.call('HGET', KEYS[1], 't' .. n) or '', slot and tostring(tonumber(slot) - now) or '' }
`;

/** KEYS: 1 the channel's hash. ARGV: 1 n, 2 ms from now. The slot the batch's post waits for. */
export const SET_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('HSET', KEYS[1], 'd' .. ARGV[1], now + tonumber(ARGV[2]))
return 1
`;

/** KEYS: 1 the channel's hash. ARGV: 1 n. Seals the batch; returns its members (comma-separated). */
export const SEAL_BATCH = `
redis.call('HSET', KEYS[1], 's' .. ARGV[1], '1')
if redis.call('HGET', KEYS[1], 'open') == ARGV[1] then redis.call('HDEL', KEYS[1], 'open') end
return redis.call('HGET', KEYS[1], 'm' .. ARGV[1]) or ''
`;

/**
 * KEYS: 1 the channel's hash, 2 the card's member hash. ARGV: 1 n, 2 the card's ts, then pairs of
 * request id and the revision the card shows of it (none when the card was found, not composed).
 * Records the posted card (and, for more than one member, its member hash); returns the members.
 */
export const POSTED_BATCH = `
local members = redis.call('HGET', KEYS[1], 'm' .. ARGV[1]) or ''
redis.call('HSET', KEYS[1], 't' .. ARGV[1], ARGV[2], 's' .. ARGV[1], '1')
if redis.call('HGET', KEYS[1], 'open') == ARGV[1] then redis.call('HDEL', KEYS[1], 'open') end
if string.find(members, ',', 1, true) and redis.call('EXISTS', KEYS[2]) == 0 then
  local shown = {}
  for i = 3, #ARGV, 2 do shown[ARGV[i]] = ARGV[i + 1] end
  for id in string.gmatch(members, '[^,]+') do redis.call('HSET', KEYS[2], id, shown[id] or '-1') end
end
return members
`;

/**
 * KEYS: 1 a card's member hash. ARGV: pairs of request id and the revision the card now shows.
 * Raises what is recorded (never lowers it), for members still listed.
 */
export const SHOWN_ON_CARD = `
for i = 1, #ARGV, 2 do
  local was = redis.call('HGET', KEYS[1], ARGV[i])
  if was and tonumber(was) < tonumber(ARGV[i + 1]) then redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
end
return 1
`;

/** KEYS: 1 the channel's hash. ARGV: 1 n. Forgets a batch recorded on all its members. */
export const DONE_BATCH = `
local n = ARGV[1]
local members = redis.call('HGET', KEYS[1], 'm' .. n) or ''
for id in string.gmatch(members, '[^,]+') do
  if redis.call('HGET', KEYS[1], 'r:' .. id) == n then redis.call('HDEL', KEYS[1], 'r:' .. id) end
end
redis.call('HDEL', KEYS[1], 'm' .. n, 's' .. n, 'd' .. n, 't' .. n)
return 1
`;
