/**
 * Lua scripts that make each request change atomic across app instances. Redis runs a script
 * as one step, so two workers handling the same message can never both create a request.
 */

import { REINDEX_LUA } from './index-scripts';

/**
 * KEYS: 1 message key, 2 last-request key of (channel, client), 3 id sequence
 * ARGV: 1 request key prefix, 2 continuation window ms, 3 createdAt ms, 4 event JSON (created),
 *       5 event JSON (joined), 6 ts, 7… field/value pairs of the new request (without id)
 * Returns {'duplicate', id} | {'joined', id} | {'created', id}
 */
export const CREATE_OR_JOIN = `${REINDEX_LUA}
local existing = redis.call('GET', KEYS[1])
if existing then return {'duplicate', existing} end
local window = tonumber(ARGV[2])
local createdAt = tonumber(ARGV[3])
if window > 0 then
  local last = redis.call('GET', KEYS[2])
  if last then
    local sep = string.find(last, '|', 1, true)
    local lastId = string.sub(last, 1, sep - 1)
    local lastAt = tonumber(string.sub(last, sep + 1))
    local delta = createdAt - lastAt
    local reqKey = ARGV[1] .. lastId
    local state = redis.call('HGET', reqKey, 'state')
    -- Messages may be handled out of order (concurrent workers): the window counts both ways.
    if math.abs(delta) <= window and state and state ~= 'resolved' and state ~= 'dismissed' then
      redis.call('SET', KEYS[1], lastId)
      local joined = redis.call('HGET', reqKey, 'joinedTs')
      if joined and joined ~= '' then joined = joined .. ',' .. ARGV[6] else joined = ARGV[6] end
      redis.call('HSET', reqKey, 'joinedTs', joined)
      redis.call('HINCRBY', reqKey, 'revision', 1)
      redis.call('RPUSH', reqKey .. ':log', ARGV[5])
      if delta > 0 then redis.call('SET', KEYS[2], lastId .. '|' .. ARGV[3], 'PX', window) end
      return {'joined', lastId}
    end
  end
end
local now = redis.call('TIME')
local id = string.format('R%08x%03x-%d', tonumber(now[1]), math.floor(tonumber(now[2]) / 1000), redis.call('INCR', KEYS[3]))
local reqKey = ARGV[1] .. id
redis.call('HSET', reqKey, 'id', id)
for i = 7, #ARGV, 2 do redis.call('HSET', reqKey, ARGV[i], ARGV[i + 1]) end
redis.call('SET', KEYS[1], id)
if window > 0 then redis.call('SET', KEYS[2], id .. '|' .. ARGV[3], 'PX', window) end
redis.call('RPUSH', reqKey .. ':log', ARGV[4])
local base = string.sub(ARGV[1], 1, -5)
kuittausReindex(base, id, nil, kuittausIndexed(reqKey))
redis.call('ZADD', base .. 'idx:created', createdAt, id)
return {'created', id}
`;

/**
 * KEYS: 1 request hash, 2 its log
 * ARGV: 1 event JSON, 2 expected states joined by ',' ('' = any), 3 '1' to bump the revision,
 *       4… field/value pairs ('' clears a field; a field named '+f' is incremented by the value)
 * Returns the hash as a flat array after the change, or false when missing or the guard failed.
 */
export const UPDATE = `${REINDEX_LUA}
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return false end
local before = kuittausIndexed(KEYS[1])
if ARGV[2] ~= '' then
  local ok = false
  for s in string.gmatch(ARGV[2], '[^,]+') do if s == state then ok = true end end
  if not ok then return false end
end
for i = 4, #ARGV, 2 do
  if string.sub(ARGV[i], 1, 1) == '+' then
    redis.call('HINCRBY', KEYS[1], string.sub(ARGV[i], 2), tonumber(ARGV[i + 1]))
  else
    redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
  end
end
if ARGV[3] == '1' then redis.call('HINCRBY', KEYS[1], 'revision', 1) end
redis.call('RPUSH', KEYS[2], ARGV[1])
local newState = redis.call('HGET', KEYS[1], 'state')
local base = string.match(KEYS[1], '^(.*)req:[^:]+$')
local id = redis.call('HGET', KEYS[1], 'id')
kuittausReindex(base, id, before, kuittausIndexed(KEYS[1]))
-- Resolved requests by resolution time, for the reports (reopening takes one out again).
if newState == 'resolved' and state ~= 'resolved' then
  redis.call('ZADD', base .. 'idx:resolved', tonumber(redis.call('HGET', KEYS[1], 'resolvedAt') or '0'), id)
elseif state == 'resolved' and newState ~= 'resolved' then
  redis.call('ZREM', base .. 'idx:resolved', id)
end
return redis.call('HGETALL', KEYS[1])
`;
