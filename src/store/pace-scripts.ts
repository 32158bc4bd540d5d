/**
 * Slack's pace of posts per channel, shared by every instance (see ../slack/outbound/message-poster).
 * One hash per channel, in the workspace's hash slot (so that the request's own write can take a
 * slot too): `next` is the first free slot (server time, ms); a field per delivery key holds the
 * slot reserved for it.
 */

/**
 * Lua defining `kuittausTakeSlot(key, interval, deliveryKey)`: the ms to wait for the channel's
 * slot (0: post now). A post that finds the slot taken reserves the next free one and waits
 * exactly until then (first come, first served); a post that comes back for its reservation takes it.
 */
export const TAKE_SLOT_LUA = `
local function kuittausTakeSlot(key, interval, deliveryKey)
  local t = redis.call('TIME')
  local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  local mine = redis.call('HGET', key, deliveryKey)
  if mine then
    local wait = tonumber(mine) - now
    if wait > 0 then return wait end
    redis.call('HDEL', key, deliveryKey)
    return 0
  end
  local slot = math.max(now, tonumber(redis.call('HGET', key, 'next') or '0'))
  redis.call('HSET', key, 'next', slot + interval)
  if slot > now then redis.call('HSET', key, deliveryKey, slot) end
  redis.call('PEXPIRE', key, slot - now + interval + 60000)
  return slot - now
end
`;

/** KEYS: 1 the channel's pace hash. ARGV: 1 interval ms, 2 delivery key. Returns the ms to wait (0: post now). */
export const PACE = `${TAKE_SLOT_LUA}
return kuittausTakeSlot(KEYS[1], tonumber(ARGV[1]), ARGV[2])
`;

/**
 * KEYS: 1 the channel's pace hash. ARGV: 1 ms, 2 the slots' spacing (ms), 3 the delivery key of the
 * post Slack refused. Slack answered 429 for a post in this channel: no slot before then, for
 * anyone. The refused post keeps its place at the head (the first slot after the hold is reserved
 * for it); the posts that already hold a reservation move to the slots after it, in their order and
 * spacing (one already later stays where it is); newcomers queue behind them all.
 */
export const HOLD = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local heldUntil = now + tonumber(ARGV[1])
local spacing = tonumber(ARGV[2])
local refused = ARGV[3]
local fields = redis.call('HGETALL', KEYS[1])
local reserved = {}
for i = 1, #fields, 2 do
  if fields[i] ~= 'next' and fields[i] ~= refused then reserved[#reserved + 1] = { fields[i], tonumber(fields[i + 1]) } end
end
table.sort(reserved, function(a, b) return a[2] < b[2] end)
local cursor = heldUntil
if refused then
  redis.call('HSET', KEYS[1], refused, heldUntil)
  cursor = heldUntil + spacing
end
for _, r in ipairs(reserved) do
  local slot = math.max(r[2], cursor)
  if slot ~= r[2] then redis.call('HSET', KEYS[1], r[1], slot) end
  cursor = slot + spacing
end
local next = math.max(tonumber(redis.call('HGET', KEYS[1], 'next') or '0'), cursor)
redis.call('HSET', KEYS[1], 'next', next)
redis.call('PEXPIRE', KEYS[1], next - now + 60000)
return 1
`;
