/**
 * The retention purge (and the erasure of one client's data) as one Lua script per request: the
 * request is either all there or all gone, whatever crashes in between, and running it again is
 * harmless. It folds the request into the anonymous archive the reports read, then deletes every
 * key and index member that names it (see ./keys and ./index-scripts for where they are).
 */
import { JOINED_LUA } from './hash-pieces';

/**
 * KEYS: 1 request hash, 2 its log, 3 its intents, 4 its client line, 5 its timer ids,
 *       6… keys that name it outside the team's layout (clicks, delivery attempts), deleted as given
 * ARGV: 1 request id, 2 '1' = only a resolved or dismissed request, 3 the revision read ('' = any),
 *       4 the log length read, 5 anonymous history JSON, 6 its createdAt, 7 its resolvedAt ('' = none)
 * Returns 1 when removed, 0 when it was gone already, -1 when it is live (and must be), -2 when it
 * changed since it was read (read it again).
 */
export const PURGE_REQUEST = `${JOINED_LUA}
local id = ARGV[1]
local base = string.match(KEYS[1], '^(.*)req:[^:]+$')
local function forgetEverywhere()
  for _, set in ipairs({ 'idx:created', 'idx:resolved', 'idx:closed', 'relay', 'timers' }) do redis.call('ZREM', base .. set, id) end
  redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5])
  for i = 6, #KEYS do redis.call('DEL', KEYS[i]) end
  -- Dead letters are one hash per team: those about this request go with it.
  local dead = redis.call('HGETALL', base .. 'dead')
  for i = 1, #dead, 2 do
    local ok, letter = pcall(cjson.decode, dead[i + 1])
    if ok and type(letter) == 'table' and letter.requestId == id then redis.call('HDEL', base .. 'dead', dead[i]) end
  end
end

local h = redis.call('HMGET', KEYS[1], 'state', 'channelId', 'ownerId', 'ts', 'joinedTs', 'closingTs', 'clientUserId', 'revision')
if h[1] then h[5] = kuittausJoined(KEYS[1]) end
local state = h[1]
if not state then
  forgetEverywhere()
  return 0
end
if ARGV[2] == '1' and state ~= 'resolved' and state ~= 'dismissed' then return -1 end
if (ARGV[3] ~= '' and (h[8] or '0') ~= ARGV[3]) or redis.call('LLEN', KEYS[2]) ~= tonumber(ARGV[4]) then return -2 end

local n = redis.call('INCR', base .. 'archive:seq')
redis.call('HSET', base .. 'archive', n, ARGV[5])
redis.call('ZADD', base .. 'archive:created', tonumber(ARGV[6]), n)
if ARGV[7] ~= '' then redis.call('ZADD', base .. 'archive:resolved', tonumber(ARGV[7]), n) end

local channel = h[2] or ''
local scopes = { 'all', 'ch:' .. channel }
if h[3] and h[3] ~= '' then table.insert(scopes, 'owner:' .. h[3]) end
for _, scope in ipairs(scopes) do
  for _, set in ipairs({ 'due', 'unowned', 'waiting', 'etamissed' }) do redis.call('ZREM', base .. 'idx:' .. scope .. ':' .. set, id) end
end
-- Links from Slack messages (the client's, those that joined, our closing message) when they are its.
local linked = { h[4], h[6] }
for ts in string.gmatch(h[5] or '', '[^,]+') do table.insert(linked, ts) end
for _, ts in ipairs(linked) do
  if ts and ts ~= '' then
    local key = base .. 'msg:' .. channel .. ':' .. ts
    if redis.call('GET', key) == id then redis.call('DEL', key) end
  end
end
-- A batch card lists it among others: it is no longer one of them.
local card = redis.call('HMGET', KEYS[1], 'cardChannelId', 'cardTs')
if card[1] and card[2] and card[1] ~= '' and card[2] ~= '' then redis.call('HDEL', base .. 'cardset:' .. card[1] .. ':' .. card[2], id) end
local lastKey = base .. 'last:' .. channel .. ':' .. (h[7] or '')
local last = redis.call('GET', lastKey)
if last and string.sub(last, 1, #id + 1) == id .. '|' then redis.call('DEL', lastKey) end
forgetEverywhere()
return 1
`;
