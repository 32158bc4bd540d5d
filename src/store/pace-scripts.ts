/**
 * Slack's pace of posts per channel, shared by every instance (see ../slack/outbound/message-poster).
 * One hash per channel, in the workspace's hash slot (so that the request's own write can take a
 * slot too): `next` is the first free slot (server time, ms); `held`, the end of the last 429's hold;
 * a field per delivery key holds the slot reserved for it.
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
 * post Slack refused ('' or absent: none). Slack answered 429 for a post in this channel: no slot
 * before then, for anyone, nor before a hold already in force (`held`, or a `next` beyond the
 * reservations: a hold made by an instance that did not keep `held`). The refused post keeps its
 * place at the head (the first slot after the hold is reserved for it); the posts that already hold
 * a reservation move to the slots after it, in their order and spacing (one already later stays
 * where it is); newcomers queue behind them all. A reservation more than ABANDONED_MS in the past
 * was left by a job that did not come back (its request dismissed, say): it is dropped, not moved.
 */
export const HOLD = `
local ABANDONED_MS = 10000
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local spacing = tonumber(ARGV[2]) or 0
local refused = ARGV[3]
if refused == '' then refused = nil end
local fields = redis.call('HGETALL', KEYS[1])
local next, held = 0, 0
local reserved = {}
local latest = nil
for i = 1, #fields, 2 do
  local name, at = fields[i], tonumber(fields[i + 1]) or 0
  if name == 'next' then next = at
  elseif name == 'held' then held = at
  elseif name ~= refused then
    if at < now - ABANDONED_MS then redis.call('HDEL', KEYS[1], name)
    else
      reserved[#reserved + 1] = { name, at }
      if latest == nil or at > latest then latest = at end
    end
  end
end
local heldUntil = math.max(now + (tonumber(ARGV[1]) or 0), held)
if latest == nil or next > latest + spacing then heldUntil = math.max(heldUntil, next) end
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
next = math.max(next, cursor)
redis.call('HSET', KEYS[1], 'next', next, 'held', heldUntil)
redis.call('PEXPIRE', KEYS[1], next - now + 60000)
return 1
`;
