/**
 * Secondary indexes of live requests, kept by the same Lua scripts that change a request, so they
 * can never drift from it. For each scope (the whole team, a channel, an owner) there are sorted
 * sets of request ids:
 *
 *   idx:{scope}:due        every live request; score = next update due (waiting: last, 9e15), or
 *                          the escalated due time it still owes a real update for, when that is
 *                          earlier (a holding line moved the due time on; see domain/client-lines)
 *   idx:{scope}:unowned    live and nobody owns it (team and channel scopes); score = due
 *   idx:{scope}:waiting    waiting on the client; score = createdAt
 *   idx:{scope}:etamissed  its ETA in force was flagged missed; score = the ETA
 *
 * with scope = `all`, `ch:{channelId}` or `owner:{userId}`; and, over all requests, live or not,
 * `idx:created` (score createdAt) and `idx:resolved` (score resolvedAt) for the reports, and
`idx:closed` (resolved or dismissed; score = closing time) for the retention purge. `/status` reads counts (ZCARD, ZCOUNT
 * of the due set below now) and the first rows (ZRANGE) from them: its work grows with the rows
 * it shows, never with the requests stored.
 */
export const WAITING_SCORE = 9e15;

/**
 * Lua defining `kuittausReindex(base, id, before, after)`: `before`/`after` are tables with the
 * fields state, channelId, ownerId, nextUpdateDueAt, createdAt, etaAt, etaMissFlaggedFor,
 * escalatedFor, lastUpdateAt (or nil
 * for "not indexed"). Removes the id from the sets of `before` that `after` has not, and adds it to
 * those of `after` it was not in, or where its score moved.
 */
export const REINDEX_LUA = `
local function kuittausMemberships(base, r)
  local out = {}
  if not r or not r.state or r.state == 'resolved' or r.state == 'dismissed' then return out end
  local waiting = r.state == 'waiting_on_client'
  local due = waiting and ${WAITING_SCORE} or tonumber(r.nextUpdateDueAt)
  -- Still owed since an escalated due time (a holding line promised the client a later one).
  local escalated = tonumber(r.escalatedFor or '')
  local last = tonumber(r.lastUpdateAt or '') or tonumber(r.createdAt or '')
  if not waiting and escalated and last and escalated > last and escalated < due then due = escalated end
  local owned = r.ownerId and r.ownerId ~= ''
  local missed = r.etaAt and r.etaAt ~= '' and r.etaMissFlaggedFor == r.etaAt
  local scopes = {'all', 'ch:' .. r.channelId}
  if owned then table.insert(scopes, 'owner:' .. r.ownerId) end
  for i, scope in ipairs(scopes) do
    local k = base .. 'idx:' .. scope .. ':'
    table.insert(out, {k .. 'due', due})
    if not owned and i <= 2 then table.insert(out, {k .. 'unowned', due}) end
    if waiting then table.insert(out, {k .. 'waiting', tonumber(r.createdAt)}) end
    if missed then table.insert(out, {k .. 'etamissed', tonumber(r.etaAt)}) end
  end
  return out
end

local function kuittausReindex(base, id, before, after)
  -- Only what changed: a set left, a set joined, a score moved (most writes move none).
  local was = {}
  for _, m in ipairs(kuittausMemberships(base, before)) do was[m[1]] = m[2] end
  local now = {}
  for _, m in ipairs(kuittausMemberships(base, after)) do
    now[m[1]] = true
    if was[m[1]] ~= m[2] then redis.call('ZADD', m[1], m[2], id) end
  end
  for k in pairs(was) do
    if not now[k] then redis.call('ZREM', k, id) end
  end
end

local function kuittausIndexed(key)
  local v = redis.call('HMGET', key, 'state', 'channelId', 'ownerId', 'nextUpdateDueAt', 'createdAt', 'etaAt', 'etaMissFlaggedFor', 'escalatedFor', 'lastUpdateAt')
  if not v[1] then return nil end
  return { state = v[1], channelId = v[2], ownerId = v[3] or '', nextUpdateDueAt = v[4], createdAt = v[5], etaAt = v[6] or '', etaMissFlaggedFor = v[7] or '',
    escalatedFor = v[8] or '', lastUpdateAt = v[9] or '' }
end
`;
