/** The one reader of process.env: parse it once, list every problem, hand out typed config. */
import { ConfigError } from './config-error';
import { crossFieldProblems, envSchema } from './env-schema';
import { problemsFromIssues } from './problems';
import type { ChannelSettings } from '../domain/settings';

export { ConfigError } from './config-error';

export interface Config {
  slack: {
    botToken: string;
    signingSecret?: string;
    appToken?: string;
    /** Base URL of the Web API, ending in a slash. */
    apiUrl?: string;
    mode: 'socket' | 'http';
  };
  redis: {
    url: string;
    /**
     * A Redis Cluster's nodes (REDIS_CLUSTER_NODES); empty = one standalone Redis at `url`. With
     * nodes, `url` gives the credentials and TLS (rediss://) of every node, and its host is a seed too.
     */
    clusterNodes: Array<{ host: string; port: number }>;
    keyPrefix: string;
    /** Accept a Redis without persistence (no AOF, no RDB): /readyz stays green, the warning stays. */
    allowNoPersistence: boolean;
    /** How long a Slack request waits for one Redis command before it is answered 5xx. */
    commandTimeoutMs: number;
  };
  http: { port: number };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Defaults for every channel; per-channel overrides are stored in Redis. */
  defaults: ChannelSettings;
  managedChannelIds: string[];
  trackReaction: string;
  cache: { userTtlSeconds: number; channelTtlSeconds: number };
  outbox: { concurrency: number };
  shutdownTimeoutMs: number;
  /** Reading managed channels' history for what was missed; intervalMs 0 = only at start-up. */
  catchUp: { intervalMs: number; pageSize: number; maxPages: number };
  /** Cron pattern of the weekly digest in the default timezone; undefined when off. */
  digestSchedule: string | undefined;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "not set" (docker compose passes VAR= through as '').
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned, { reportInput: true });
  const problems = [
    ...(parsed.success ? [] : problemsFromIssues(parsed.error.issues, cleaned as Record<string, string>)),
    ...crossFieldProblems(cleaned as Record<string, string>),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const apiUrl = e.SLACK_API_URL && (e.SLACK_API_URL.endsWith('/') ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`);
  return {
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl,
      mode: e.SLACK_APP_TOKEN ? 'socket' : 'http',
    },
    redis: {
      url: e.REDIS_URL,
      clusterNodes: e.REDIS_CLUSTER_NODES.map((node) => ({ host: node.slice(0, node.lastIndexOf(':')), port: Number(node.slice(node.lastIndexOf(':') + 1)) })),
      keyPrefix: e.REDIS_KEY_PREFIX,
      allowNoPersistence: e.REDIS_ALLOW_NO_PERSISTENCE,
      commandTimeoutMs: e.REDIS_COMMAND_TIMEOUT_MS,
    },
    http: { port: e.PORT },
    logLevel: e.LOG_LEVEL,
    defaults: {
      language: e.DEFAULT_LANGUAGE,
      businessHours: {
        timezone: e.DEFAULT_TIMEZONE,
        workingDays: e.WORKING_DAYS,
        startMinute: e.BUSINESS_HOURS.startMinute,
        endMinute: e.BUSINESS_HOURS.endMinute,
        holidays: e.HOLIDAYS,
      },
      cadenceMinutes: { urgent: e.CADENCE_URGENT_MINUTES, normal: e.CADENCE_NORMAL_MINUTES },
      firstUpdateMinutes: e.FIRST_UPDATE_MINUTES,
      graceMinutes: e.GRACE_MINUTES,
      reopenWindowDays: e.REOPEN_WINDOW_DAYS,
      triageChannelId: e.TRIAGE_CHANNEL,
      defaultOwnerIds: e.DEFAULT_OWNERS,
      teamLeadIds: e.TEAM_LEADS,
      onCallIds: e.ON_CALL,
      urgentAroundTheClock: false,
      autoAcknowledge: e.AUTO_ACKNOWLEDGE,
      pleasantryFilter: e.PLEASANTRY_FILTER,
      managed: false,
      continuationWindowMs: e.CONTINUATION_WINDOW_SECONDS * 1000,
      retentionDays: e.RETENTION_DAYS,
      holdingLine: e.HOLDING_LINE,
      clientNudgeDays: e.CLIENT_NUDGE_DAYS,
    },
    managedChannelIds: e.MANAGED_CHANNELS,
    trackReaction: e.TRACK_REACTION,
    cache: { userTtlSeconds: e.USER_CACHE_TTL_SECONDS, channelTtlSeconds: e.CHANNEL_CACHE_TTL_SECONDS },
    outbox: { concurrency: e.OUTBOX_CONCURRENCY },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    catchUp: { intervalMs: e.CATCH_UP_INTERVAL_MS, pageSize: e.CATCH_UP_PAGE_SIZE, maxPages: e.CATCH_UP_MAX_PAGES },
    /** Cron pattern of the weekly digest in DEFAULT_TIMEZONE; undefined when off. */
    digestSchedule: e.DIGEST_SCHEDULE === 'off' ? undefined : e.DIGEST_SCHEDULE,
  };
}
