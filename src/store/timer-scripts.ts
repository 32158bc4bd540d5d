/**
 * A request's pending timer (see ../jobs/timer-queue): named in its hash, field `timer` =
 * `<kind>_<due>`, and, until it is due, scheduled in the team's sorted set `timers` (member: the
 * request id, score: when it fires). Both change in one step, so a timer cannot be named without
 * being scheduled or the other way round, whatever crashes. A due timer becomes a BullMQ job (the
 * pump), and leaves the set only once its job is there.
 *
 * The previous version kept a request's delayed BullMQ job ids in a set (`req:<id>:timers`): the
 * first plan hands them back to be removed and deletes the set.
 */

/**
 * KEYS: 1 request hash, 2 the team's timer set, 3 the previous version's timer-id set
 * ARGV: 1 request id, 2 the timer to name (`<kind>_<due>`; '' names none), 3 when it fires
 *       ('' = its job is queued already: named, not scheduled; a timer named already keeps the
 *       time it is scheduled for)
 * Returns {the timer named before ('' for none), ...the previous version's ids}, or false when
 * a timer was to be named and the request is gone (nothing is written for a purged request).
 */
export const PLAN_TIMER = `
if redis.call('EXISTS', KEYS[1]) == 0 then
  if ARGV[2] ~= '' then return false end
  redis.call('ZREM', KEYS[2], ARGV[1])
  local out = redis.call('SMEMBERS', KEYS[3])
  redis.call('DEL', KEYS[3])
  table.insert(out, 1, '')
  return out
end
local previous = redis.call('HGET', KEYS[1], 'timer') or ''
if ARGV[2] == '' then
  redis.call('HDEL', KEYS[1], 'timer')
elseif ARGV[2] ~= previous then
  redis.call('HSET', KEYS[1], 'timer', ARGV[2])
end
if ARGV[3] == '' then
  redis.call('ZREM', KEYS[2], ARGV[1])
elseif ARGV[2] == previous then
  -- The same timer keeps the time it was first planned for (a reminder's lead, an "On track?"
  -- prompt's time depend on when they are planned, and bookkeeping such as the acknowledgement
  -- comes a moment after).
  redis.call('ZADD', KEYS[2], 'NX', tonumber(ARGV[3]), ARGV[1])
else
  redis.call('ZADD', KEYS[2], tonumber(ARGV[3]), ARGV[1])
end
local out = redis.call('SMEMBERS', KEYS[3])
redis.call('DEL', KEYS[3])
table.insert(out, 1, previous)
return out
`;

/**
 * KEYS: 1 the team's timer set, 2 the request hash
 * ARGV: 1 request id, 2 its due timer's fire time as read, 3 the timer as read (`<kind>_<due>`)
 * Takes a due timer off the set once its job is queued, unless it was planned again meanwhile.
 */
export const TIMER_QUEUED = `
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if score and tonumber(score) == tonumber(ARGV[2]) and (redis.call('HGET', KEYS[2], 'timer') or '') == ARGV[3] then
  redis.call('ZREM', KEYS[1], ARGV[1])
  return 1
end
return 0
`;
