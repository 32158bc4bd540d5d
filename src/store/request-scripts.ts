/**
 * Lua scripts that make each request change atomic across app instances. Redis runs a script
 * as one step, so two workers handling the same message can never both create a request.
 */

import { CLIENT_AFTER, CLIENT_ORDER, NEW_REQUEST_ID } from '../app/ports';
import { JOINED_LUA } from './hash-pieces';
import { REINDEX_LUA } from './index-scripts';
import { TAKE_SLOT_LUA } from './pace-scripts';


/**
 * Lua defining `kuittausPromise(reqKey, intentsKey, relayKey, id, relayAt, first, count)`: records
 * what a change promises in the same step as the change. Each intent (a JSON string, ARGV[first]
 * and the `count - 1` after it, stored as given) joins the
 * request's intents in order; the request is marked for the relay (its timers, card and Home
 * views follow from its state) and its relay generation goes up, so that a relay that read an
 * older generation does not clear the mark of a newer change.
 */
const PROMISE_LUA = `
local function kuittausPromise(reqKey, intentsKey, relayKey, id, relayAt, first, count)
  if relayAt == '' then return end
  for i = first, first + count - 1 do
    local n = redis.call('HINCRBY', reqKey, 'intentSeq', 1)
    -- An intent about a request created in this very step names it by the placeholder.
    local intent = string.gsub(ARGV[i], '${NEW_REQUEST_ID}', id)
    -- A message to the client takes its place in the request's line: its order, and the order
    -- of the client message before it (delivered first).
    if string.find(intent, '"${CLIENT_ORDER}"', 1, true) then
      local previous = redis.call('HGET', reqKey, 'clientLast') or '0'
      intent = string.gsub(intent, '"${CLIENT_ORDER}"', tostring(n))
      intent = string.gsub(intent, '"${CLIENT_AFTER}"', previous)
      redis.call('HSET', reqKey, 'clientLast', n)
    end
    redis.call('ZADD', intentsKey, n, intent)
  end
  redis.call('HINCRBY', reqKey, 'relayGen', 1)
  redis.call('ZADD', relayKey, 'NX', tonumber(relayAt), id)
end
`;

/**
 * KEYS: 1 message key, 2 last-request key of (channel, client), 3 id sequence, 4 relay set,
 *       5 the team's timer set (see ./timer-scripts), 6 the channel's pace hash (see ./pace-scripts)
 * ARGV: 1 request key prefix, 2 continuation window ms, 3 createdAt ms, 4 event JSON (created),
 *       5 event JSON (joined), 6 ts, 7 relay time (real ms), 8 when the first timer of a created
 *       request fires ('' = none; its name is the field `timer` among the pairs), 9 the
 *       acknowledgement's slot to take for a created request ('' = none; JSON {key, attempt,
 *       interval, since, ttl}: its delivery key and attempt key, `${NEW_REQUEST_ID}` standing for
 *       the id), 10 n, 11…10+n intents (JSON) of a created request, then field/value pairs of the
 *       new request (without id; '' ones are left out)
 * Returns {'duplicate', id} | {'joined', id, '-1', ...hash} | {'created', id, slot}: a joined
 * request as the step left it (HGETALL's flat pairs), so that nobody reads it again right after (a
 * created one is what the caller sent, with the id); `slot` the ms to wait for the channel's slot
 * (0: taken, and the attempt claimed at `since`; -1: none asked for).
 */
export const CREATE_OR_JOIN = `${REINDEX_LUA}${PROMISE_LUA}${JOINED_LUA}${TAKE_SLOT_LUA}
local function kuittausWithHash(outcome, id, reqKey, slot)
  local out = redis.call('HGETALL', reqKey)
  table.insert(out, 1, tostring(slot))
  table.insert(out, 1, id)
  table.insert(out, 1, outcome)
  return out
end
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
      kuittausJoin(reqKey, ARGV[6])
      redis.call('HINCRBY', reqKey, 'revision', 1)
      redis.call('RPUSH', reqKey .. ':log', ARGV[5])
      if delta > 0 then redis.call('SET', KEYS[2], lastId .. '|' .. ARGV[3], 'PX', window) end
      kuittausPromise(reqKey, reqKey .. ':intents', KEYS[4], lastId, ARGV[7], 11, 0)
      return kuittausWithHash('joined', lastId, reqKey, -1)
    end
  end
end
local now = redis.call('TIME')
local id = string.format('R%08x%03x-%d', tonumber(now[1]), math.floor(tonumber(now[2]) / 1000), redis.call('INCR', KEYS[3]))
local reqKey = ARGV[1] .. id
local intents = tonumber(ARGV[10])
local fields = {'id', id}
for i = 11 + intents, #ARGV, 2 do
  if ARGV[i + 1] ~= '' then table.insert(fields, ARGV[i]); table.insert(fields, ARGV[i + 1]) end
end
redis.call('HSET', reqKey, unpack(fields))
redis.call('SET', KEYS[1], id)
if window > 0 then redis.call('SET', KEYS[2], id .. '|' .. ARGV[3], 'PX', window) end
redis.call('RPUSH', reqKey .. ':log', ARGV[4])
local base = string.sub(ARGV[1], 1, -5)
kuittausReindex(base, id, nil, kuittausIndexed(reqKey))
redis.call('ZADD', base .. 'idx:created', createdAt, id)
-- Named (a field among the pairs) and scheduled in the same step, as PLAN_TIMER does.
if ARGV[8] ~= '' then redis.call('ZADD', KEYS[5], tonumber(ARGV[8]), id) end
kuittausPromise(reqKey, reqKey .. ':intents', KEYS[4], id, ARGV[7], 11, intents)
-- The acknowledgement the receiving process posts next: its channel's slot and, when the slot is
-- free now, its delivery attempt (as MessagePoster.postOnce claims one), in this same step.
local slot = -1
if ARGV[9] ~= '' then
  local ack = cjson.decode(ARGV[9])
  local deliveryKey = (string.gsub(ack.key, '${NEW_REQUEST_ID}', id))
  slot = kuittausTakeSlot(KEYS[6], tonumber(ack.interval), deliveryKey)
  if slot == 0 then redis.call('SET', (string.gsub(ack.attempt, '${NEW_REQUEST_ID}', id)), tostring(ack.since), 'EX', tonumber(ack.ttl)) end
end
return {'created', id, tostring(slot)}
`;

/**
 * KEYS: 1 request hash, 2 its log, 3 its intents, 4 the relay set
 * ARGV: 1 event JSON, 2 the guard: expected states joined by ',' ('' = any), then '|n' when the
 *       update count must be n, then '|t' when the next update must still be due at t (either
 *       part may be empty: 'open||1700000000000'), 3 '1' to bump the revision,
 *       4 relay time (real ms; '' = the change needs no relay), 5 dead letter id ('' = none),
 *       6 dead letter JSON, 7 '1' to answer the hash, 8 n, 9…8+n intents (JSON), then field/value
 *       pairs ('' removes a field; a field named '+f' is incremented by the value)
 * Returns the hash as a flat array after the change (1 when not asked for), or false when missing
 * or the guard failed.
 */
export const UPDATE = `${REINDEX_LUA}${PROMISE_LUA}
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return false end
local before = kuittausIndexed(KEYS[1])
local guard = {}
for part in string.gmatch(ARGV[2] .. '|', '([^|]*)|') do table.insert(guard, part) end
local states = guard[1] or ''
if states ~= '' then
  local ok = false
  for s in string.gmatch(states, '[^,]+') do if s == state then ok = true end end
  if not ok then return false end
end
if guard[2] and guard[2] ~= '' and (redis.call('HGET', KEYS[1], 'updateCount') or '0') ~= guard[2] then return false end
if guard[3] and guard[3] ~= '' and (redis.call('HGET', KEYS[1], 'nextUpdateDueAt') or '') ~= guard[3] then return false end
local intents = tonumber(ARGV[8])
-- One HSET and one HDEL for all the fields (each field appears once).
local sets, dels = {}, {}
for i = 9 + intents, #ARGV, 2 do
  if string.sub(ARGV[i], 1, 1) == '+' then
    redis.call('HINCRBY', KEYS[1], string.sub(ARGV[i], 2), tonumber(ARGV[i + 1]))
  elseif ARGV[i + 1] == '' then
    table.insert(dels, ARGV[i])
  else
    table.insert(sets, ARGV[i]); table.insert(sets, ARGV[i + 1])
  end
end
if #sets > 0 then redis.call('HSET', KEYS[1], unpack(sets)) end
if #dels > 0 then redis.call('HDEL', KEYS[1], unpack(dels)) end
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
-- Closed requests by closing time, for the retention purge (reopening takes one out again).
local closed = { resolved = true, dismissed = true }
if closed[newState] and not closed[state] then
  local at = newState == 'resolved' and redis.call('HGET', KEYS[1], 'resolvedAt') or cjson.decode(ARGV[1]).at
  redis.call('ZADD', base .. 'idx:closed', tonumber(at) or 0, id)
elseif closed[state] and not closed[newState] then
  redis.call('ZREM', base .. 'idx:closed', id)
end
kuittausPromise(KEYS[1], KEYS[3], KEYS[4], id, ARGV[4], 9, intents)
if ARGV[5] ~= '' then redis.call('HSET', base .. 'dead', ARGV[5], ARGV[6]) end
if ARGV[7] ~= '1' then return 1 end
return redis.call('HGETALL', KEYS[1])
`;

/**
 * KEYS: 1 request hash, 2 its intents
 * Returns {the hash as flat pairs, the intents in order}, read in one step.
 */
export const PENDING_RELAY = `
return {redis.call('HGETALL', KEYS[1]), redis.call('ZRANGE', KEYS[2], 0, -1)}
`;

/**
 * KEYS: 1 request hash, 2 its intents, 3 the relay set, 4 its client line's done set
 * ARGV: 1 request id, 2 the relay generation its creation left
 * The acknowledgement at once was recorded whole (ackTs and eyesAt, not dismissed): when the
 * request's only intent is that `ack` and no change came since the creation (same generation),
 * the intent's place in the client line is marked done (as its job would have), the intent goes
 * and the relay mark is cleared. Returns 1 when settled, 0 when the relay must do it.
 */
export const SETTLE_ACKNOWLEDGED = `
local state = redis.call('HGET', KEYS[1], 'state')
if not state or state == 'dismissed' then return 0 end
if redis.call('HEXISTS', KEYS[1], 'ackTs') == 0 or redis.call('HEXISTS', KEYS[1], 'eyesAt') == 0 then return 0 end
if (redis.call('HGET', KEYS[1], 'relayGen') or '0') ~= ARGV[2] then return 0 end
local pending = redis.call('ZRANGE', KEYS[2], 0, -1)
if #pending ~= 1 then return 0 end
local intent = cjson.decode(pending[1])
if intent.kind ~= 'ack' then return 0 end
if type(intent.order) == 'number' then redis.call('SADD', KEYS[4], string.format('%d', intent.order)) end
redis.call('DEL', KEYS[2])
redis.call('ZREM', KEYS[3], ARGV[1])
return 1
`;

/**
 * KEYS: 1 request hash, 2 its intents, 3 the relay set
 * ARGV: 1 request id, 2 the relay generation the relay read, 3… the intents it handed on
 * Removes the intents handed on; clears the request's relay mark when no change came meanwhile.
 * Returns 1 when the mark was cleared.
 */
export const SETTLE_RELAY = `
if #ARGV > 2 then redis.call('ZREM', KEYS[2], unpack(ARGV, 3)) end
local gen = redis.call('HGET', KEYS[1], 'relayGen') or '0'
if gen == ARGV[2] and redis.call('ZCARD', KEYS[2]) == 0 then
  redis.call('ZREM', KEYS[3], ARGV[1])
  return 1
end
return 0
`;
