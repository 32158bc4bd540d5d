/**
 * Every Redis key the app writes, built in one place.
 *
 * Key schema v2 (see KEY_SCHEMA_VERSION and ./key-schema for the migration from v1): every key
 * starts with the prefix (so `SCAN MATCH <prefix>:*` finds them all), and every key of one
 * workspace carries its team id as a Redis Cluster hash tag, `<prefix>:{T0123}:…`, so that they
 * all live in one slot: the Lua scripts, MULTI blocks and pipelines that touch several of them
 * (a request, its log, its intents, the indexes, the archive, its clicks and delivery attempts)
 * work on a Redis Cluster. BullMQ's keys share one tag of their own, `<prefix>:{bull}:<queue>:…`
 * (BullMQ needs each queue in one slot). The few global keys are only ever touched one at a time.
 */

/** The layout these functions build. v1 (no version key) was `<prefix>:<teamId>:…` and `<prefix>:bull:…`. */
export const KEY_SCHEMA_VERSION = 2;

/** The hash-tagged start of every key of one workspace. */
export function teamBase(prefix: string, teamId: string): string {
  return `${prefix}:{${teamId}}`;
}

/** BullMQ's `prefix` option: the queues' keys are `<prefix>:{bull}:<queue>:…`, one slot for all. */
export function bullPrefix(prefix: string): string {
  return `${prefix}:{bull}`;
}

/**
 * The keys of one workspace. Built once per (prefix, team) and kept: the stores ask for them on
 * every command, and building some forty closures each time showed in the intake's profile.
 */
export function teamKeys(prefix: string, teamId: string): TeamKeys {
  const id = `${prefix}\u0000${teamId}`;
  let keys = builtTeamKeys.get(id);
  if (keys === undefined) {
    keys = buildTeamKeys(prefix, teamId);
    builtTeamKeys.set(id, keys);
  }
  return keys;
}

export type TeamKeys = ReturnType<typeof buildTeamKeys>;
const builtTeamKeys = new Map<string, TeamKeys>();

function buildTeamKeys(prefix: string, teamId: string) {
  const base = teamBase(prefix, teamId);
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
    /** Who passed the team's thanks on to a client's channel for a week (see ../domain/thanks). */
    thanksPassed: (channelId: string, week: string) => `${base}:thanks:${channelId}:${week}`,
    /** A post to Slack that may have gone through (by delivery key): the next attempt looks first. */
    sendAttempt: (deliveryKey: string) => `${base}:outbox:attempt:${deliveryKey}`,
    /**
     * Slack's pace of posts in a channel (see ./pace-scripts). Until 2026-11-27 it was a key of no
     * workspace (`<prefix>:outbox:rate:<channel>`, gone within a minute of its last post).
     */
    channelPace: (channelId: string) => `${base}:outbox:pace:${channelId}`,
    /** Deliveries that failed for good: job id → DeadLetter JSON. */
    deadLetters: `${base}:dead`,
    /** Orders of the request's client messages that went out (or were given up on). */
    requestLineDone: (id: string) => `${base}:req:${id}:line`,
    /** The previous version's ids of the request's pending timer jobs (read once, then removed: see ../jobs/timer-queue). */
    requestTimers: (id: string) => `${base}:req:${id}:timers`,
    /** Requests whose pending timer is not due yet (score = when it fires; see ./timer-scripts). */
    timers: `${base}:timers`,
    /** New cards of a triage channel waiting to be posted together (see ./card-batch-scripts). */
    cardBatches: (channelId: string) => `${base}:cards:${channelId}`,
    /** The requests listed on one posted batch card (only cards listing more than one). */
    cardMembers: (channelId: string, ts: string) => `${base}:cardset:${channelId}:${ts}`,
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
    /**
     * Messages the receiving process handles at once, held as a write-ahead until it has: id →
     * the time another instance's pump queues their intake job (zset), id → the job's data (hash).
     */
    intakeHeld: `${base}:intake:held`,
    intakeHeldData: `${base}:intake:held:data`,
    /** Catch-up: channel → its position in the history (JSON); a marker of the last periodic round. */
    catchUpPositions: `${base}:catchup:pos`,
    catchUpRound: `${base}:catchup:round`,
  };
}

/** Keys of no workspace: each is read and written alone, so its slot does not matter. */
export function globalKeys(prefix: string) {
  return {
    event: (eventId: string) => `${prefix}:event:${eventId}`,
    /** Searches for maybe-posted messages in one minute (epoch minute). */
    searchBudget: (minute: number) => `${prefix}:outbox:search:${minute}`,
    /** /readyz writes (and expires) one key per instance. */
    ready: (instanceId: string) => `${prefix}:ready:${instanceId}`,
    /** The key schema version of the data (absent: v1, or nothing stored yet). */
    schema: `${prefix}:schema`,
    /** Held by the instance that migrates the key schema. */
    schemaLock: `${prefix}:schema:lock`,
  };
}

/**
 * The v1 layout (before hash tags), for the start-up migration only: `<prefix>:<teamId>:…` for a
 * workspace's keys, `<prefix>:bull:…` for BullMQ's, `<prefix>:outbox:attempt:…` for attempts.
 */
export const V1 = {
  /** A v1 workspace key: the team id and the rest after it, or undefined. */
  teamKey(prefix: string, key: string): { teamId: string; rest: string } | undefined {
    if (!key.startsWith(`${prefix}:`)) return undefined;
    const match = /^([TE][A-Z0-9]+):(.+)$/.exec(key.slice(prefix.length + 1));
    return match ? { teamId: match[1] as string, rest: match[2] as string } : undefined;
  },
  bullPrefix: (prefix: string) => `${prefix}:bull:`,
  attemptPrefix: (prefix: string) => `${prefix}:outbox:attempt:`,
};
