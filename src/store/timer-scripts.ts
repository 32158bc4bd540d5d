/**
 * The request's pending timer, named in its own hash (field `timer`: `<kind>_<due>_<fire>`, see
 * ../jobs/timer-queue), swapped in one step so that two plans never both think they replaced it.
 *
 * KEYS: 1 request hash, 2 the request's timer-id set of the previous version (read and removed)
 * ARGV: 1 the pointer to name ('' names none), 2 its `<kind>_<due>_` when that timer's job is
 *       queued already: a pointer to the same timer is kept (with the fire time the job has)
 * Returns {previous pointer ('' for none), ...the set's ids}, or false when the request is gone
 * and a timer was to be named (nothing is written then: no hash is made for a purged request).
 */
export const SWAP_TIMER = `
local exists = redis.call('EXISTS', KEYS[1]) == 1
if not exists and ARGV[1] ~= '' then return false end
local previous = ''
if exists then
  previous = redis.call('HGET', KEYS[1], 'timer') or ''
  local pointer = ARGV[1]
  if ARGV[2] ~= '' and string.sub(previous, 1, #ARGV[2]) == ARGV[2] then pointer = previous end
  if pointer == '' then redis.call('HDEL', KEYS[1], 'timer') elseif pointer ~= previous then redis.call('HSET', KEYS[1], 'timer', pointer) end
end
local out = redis.call('SMEMBERS', KEYS[2])
if #out > 0 then redis.call('DEL', KEYS[2]) end
table.insert(out, 1, previous)
return out
`;
