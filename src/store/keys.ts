/** Every Redis key the app writes, built in one place. `{prefix}:{teamId}:…` keeps tenants apart. */
export function teamKeys(prefix: string, teamId: string) {
  const base = `${prefix}:${teamId}`;
  return {
    requestPrefix: `${base}:req:`,
    request: (id: string) => `${base}:req:${id}`,
    requestLog: (id: string) => `${base}:req:${id}:log`,
    /** Intents a change recorded and the relay has not handed to the outbox yet (score = order). */
    requestIntents: (id: string) => `${base}:req:${id}:intents`,
    /** Requests with a change whose intents, timers or card are not yet relayed (score = real ms). */
    relay: `${base}:relay`,
    /** Why Kuittaus cannot post in a channel now (removed, archived, unshared, deleted). */
    channelLost: (channelId: string) => `${base}:chan:${channelId}:lost`,
    /** A click handled once (action, request, the message it was on). */
    click: (key: string) => `${base}:click:${key}`,
    /** Deliveries that failed for good: job id → DeadLetter JSON. */
    deadLetters: `${base}:dead`,
    /** Orders of the request's client messages that went out (or were given up on). */
    requestLineDone: (id: string) => `${base}:req:${id}:line`,
    /** Ids of the request's pending timer jobs, so that they can be cancelled. */
    requestTimers: (id: string) => `${base}:req:${id}:timers`,
    /** Round-robin counter for auto-assignment in a channel. */
    assignTurn: (channelId: string) => `${base}:turn:${channelId}`,
    message: (channelId: string, ts: string) => `${base}:msg:${channelId}:${ts}`,
    lastRequest: (channelId: string, userId: string) => `${base}:last:${channelId}:${userId}`,
    sequence: `${base}:seq`,
    /** A sorted set of ./index-scripts: scope `all`, `ch:{id}` or `owner:{id}`. */
    index: (scope: string, set: 'due' | 'unowned' | 'waiting' | 'etamissed') => `${base}:idx:${scope}:${set}`,
    /** Client name (lower case) → the channels whose settings name that client. */
    clientChannels: `${base}:idx:clients`,
    homeViewers: `${base}:home:viewers`,
    createdIndex: `${base}:idx:created`,
    resolvedIndex: `${base}:idx:resolved`,
    /** Resolved and dismissed requests by closing time (score), for the retention purge. */
    closedIndex: `${base}:idx:closed`,
    /** Set once the closed index holds the requests closed before it existed. */
    closedIndexFilled: `${base}:idx:closed:filled`,
    /** Channel → its own retention in days (only channels that set one). */
    retentionOverrides: `${base}:idx:retention`,
    /**
     * What stays of purged requests: anonymous histories (n → JSON, see domain/retention) and
     * their instants (score createdAt, resolvedAt), read by the reports like live requests.
     */
    archive: `${base}:archive`,
    archiveSequence: `${base}:archive:seq`,
    archiveCreated: `${base}:archive:created`,
    archiveResolved: `${base}:archive:resolved`,
    user: (userId: string) => `${base}:cache:user:${userId}`,
    channel: (channelId: string) => `${base}:cache:channel:${channelId}`,
    channelSettings: (channelId: string) => `${base}:settings:${channelId}`,
    /** Catch-up: channel → its position in the history (JSON); a marker of the last periodic round. */
    catchUpPositions: `${base}:catchup:pos`,
    catchUpRound: `${base}:catchup:round`,
  };
}

export function globalKeys(prefix: string) {
  return {
    event: (eventId: string) => `${prefix}:event:${eventId}`,
    sendAttempt: (key: string) => `${prefix}:outbox:attempt:${key}`,
    channelRate: (channelId: string) => `${prefix}:outbox:rate:${channelId}`,
    /** Searches for maybe-posted messages in one minute (epoch minute). */
    searchBudget: (minute: number) => `${prefix}:outbox:search:${minute}`,
  };
}
