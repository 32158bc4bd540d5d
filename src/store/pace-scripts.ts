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
 * KEYS: 1 the channel's pace hash. ARGV: 1 ms. Slack answered 429 for a post in this channel: no
 * slot before then, for anyone (the post that met it, and every other one, queued or at once,
 * waits behind it).
 */
export const HOLD = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local heldUntil = now + tonumber(ARGV[1])
local next = tonumber(redis.call('HGET', KEYS[1], 'next') or '0')
if heldUntil > next then redis.call('HSET', KEYS[1], 'next', heldUntil) end
redis.call('PEXPIRE', KEYS[1], math.max(heldUntil, next) - now + 60000)
return 1
`;
