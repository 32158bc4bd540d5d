/**
 * The request's own record of its pending timer jobs (see ../jobs/timer-queue): one field per
 * timer in its hash, `t:<kind>_<due>` (value '1'), written before its job is queued and removed
 * after its job is, so that whatever crashes in between, every job that may exist stays named and
 * the next plan (or closing) removes what is no longer wanted. Usually one field; two while a
 * timer replaces another.
 *
 * The previous version kept full job ids in a set per request (`req:<id>:timers`); the first
 * script moves them into fields of the hash (an id it cannot read stays in the set).
 */

/** What a timer field's name starts with. */
export const TIMER_FIELD = 't:';

const ADOPT_LEGACY = `
local function kuittausAdoptLegacy(hash, set)
  local left = 0
  for _, id in ipairs(redis.call('SMEMBERS', set)) do
    local kind, due = string.match(id, '^(.-)_[TE][A-Z0-9]+_R[%w%-]+_(%d+)$')
    if kind then
      redis.call('HSET', hash, '${TIMER_FIELD}' .. kind .. '_' .. due, '1')
      redis.call('SREM', set, id)
    else
      left = left + 1
    end
  end
  return left
end
`;

/**
 * KEYS: 1 request hash, 2 the previous version's timer-id set
 * ARGV: 1 the timer to name (`<kind>_<due>`; '' names none)
 * Returns the timers named (`<kind>_<due>`, the new one included), then the set's ids it could
 * not read; false when a timer was to be named and the request is gone (nothing is written: no
 * hash is made for a purged request).
 */
export const NAME_TIMER = `${ADOPT_LEGACY}
local exists = redis.call('EXISTS', KEYS[1]) == 1
if not exists and ARGV[1] ~= '' then return false end
local out = {}
if exists then
  kuittausAdoptLegacy(KEYS[1], KEYS[2])
  if ARGV[1] ~= '' then redis.call('HSET', KEYS[1], '${TIMER_FIELD}' .. ARGV[1], '1') end
  for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
    if string.sub(field, 1, ${TIMER_FIELD.length}) == '${TIMER_FIELD}' then table.insert(out, string.sub(field, ${TIMER_FIELD.length + 1})) end
  end
end
for _, id in ipairs(redis.call('SMEMBERS', KEYS[2])) do table.insert(out, id) end
return out
`;

/**
 * KEYS: 1 request hash, 2 the previous version's timer-id set
 * ARGV: the timers (`<kind>_<due>`) or previous-version ids whose jobs are gone: no longer named
 */
export const UNNAME_TIMERS = `
for _, name in ipairs(ARGV) do
  redis.call('HDEL', KEYS[1], '${TIMER_FIELD}' .. name)
  redis.call('SREM', KEYS[2], name)
end
`;
