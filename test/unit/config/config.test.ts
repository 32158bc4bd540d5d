/** loadConfig(env): the documented defaults, both Slack modes, parsing of every list and every problem at once. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../../src/config';
import type { Config } from '../../../src/config';
import { envSchema } from '../../../src/config/env-schema';

type Env = Record<string, string | undefined>;

const MINIMAL: Env = {
  SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
  SLACK_SIGNING_SECRET: 'signing-secret',
  REDIS_URL: 'redis://localhost:6379',
};
const SOCKET: Env = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_APP_TOKEN: 'xapp-1-A1-abc', REDIS_URL: 'redis://localhost:6379' };

const load = (extra: Env = {}, base: Env = MINIMAL): Config => loadConfig({ ...base, ...extra });

/** The problems loadConfig reports, or [] when it accepts the environment. */
function problemsOf(env: Env): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}
const problemsWith = (extra: Env) => problemsOf({ ...MINIMAL, ...extra });

describe('loadConfig: the minimal environment', () => {
  it('gives the documented defaults (see .env.example and README)', () => {
    expect(load()).toEqual<Config>({
      slack: { botToken: 'xoxb-1-2-abc', signingSecret: 'signing-secret', appToken: undefined, apiUrl: undefined, mode: 'http' },
      redis: { url: 'redis://localhost:6379', clusterNodes: [], keyPrefix: 'kuittaus', allowNoPersistence: false, commandTimeoutMs: 1000 },
      http: { port: 3000 },
      logLevel: 'info',
      defaults: {
        language: 'en',
        businessHours: {
          timezone: 'Europe/Helsinki',
          workingDays: [1, 2, 3, 4, 5],
          startMinute: 9 * 60,
          endMinute: 17 * 60,
          holidays: [],
        },
        cadenceMinutes: { urgent: 60, normal: 240 },
        firstUpdateMinutes: 60,
        reopenWindowDays: 7,
      graceMinutes: 30,
        triageChannelId: undefined,
        defaultOwnerIds: [],
        teamLeadIds: [],
        onCallIds: [],
        urgentAroundTheClock: false,
        autoAcknowledge: true,
        pleasantryFilter: true,
        managed: false,
        continuationWindowMs: 120_000,
        retentionDays: 180,
        holdingLine: true,
        clientNudgeDays: 2,
      },
      managedChannelIds: [],
      trackReaction: 'ticket',
      cache: { userTtlSeconds: 3600, channelTtlSeconds: 3600 },
      outbox: { concurrency: 8 },
      shutdownTimeoutMs: 10_000,
      catchUp: { intervalMs: 300_000, pageSize: 100, maxPages: 5 },
      digestSchedule: '0 8 * * 1',
    });
  });

  it('ignores variables it does not know (the rest of process.env)', () => {
    expect(load({ HOME: '/root', PATH: '/usr/bin', NODE_ENV: 'production' })).toEqual(load());
  });
});

describe('loadConfig: Slack modes', () => {
  it.each<[string, Env, Config['slack']['mode'], Partial<Config['slack']>]>([
    ['signing secret only: HTTP mode', MINIMAL, 'http', { signingSecret: 'signing-secret', appToken: undefined }],
    ['app token and no signing secret: Socket Mode', SOCKET, 'socket', { appToken: 'xapp-1-A1-abc', signingSecret: undefined }],
    ['app token and signing secret: Socket Mode', { ...MINIMAL, SLACK_APP_TOKEN: 'xapp-1-A1-abc' }, 'socket', { appToken: 'xapp-1-A1-abc', signingSecret: 'signing-secret' }],
    ['empty app token: HTTP mode', { ...MINIMAL, SLACK_APP_TOKEN: '' }, 'http', { appToken: undefined }],
  ])('%s', (_what, env, mode, slack) => {
    const config = loadConfig(env);
    expect(config.slack.mode).toBe(mode);
    expect(config.slack).toMatchObject(slack);
  });

  it.each<[string, Env]>([
    ['neither app token nor signing secret', { SLACK_BOT_TOKEN: 'xoxb-1', REDIS_URL: 'redis://localhost:6379' }],
    ['an empty signing secret and no app token', { ...MINIMAL, SLACK_SIGNING_SECRET: '' }],
  ])('HTTP mode needs the signing secret: %s', (_what, env) => {
    expect(problemsOf(env)).toEqual([expect.stringMatching(/^SLACK_SIGNING_SECRET is required in HTTP mode/)]);
  });

  it.each<[string, Env, RegExp]>([
    ['a user token as bot token', { SLACK_BOT_TOKEN: 'xoxp-1' }, /^SLACK_BOT_TOKEN must be a bot token/],
    ['a bot token as app token', { SLACK_APP_TOKEN: 'xoxb-1' }, /^SLACK_APP_TOKEN must be an app-level token/],
  ])('rejects %s', (_what, extra, expected) => {
    expect(problemsWith(extra)).toEqual([expect.stringMatching(expected)]);
  });
});

describe('loadConfig: every problem in one ConfigError', () => {
  it('lists the missing required variables of an empty environment', () => {
    const problems = problemsOf({});
    expect(problems).toHaveLength(3);
    for (const v of ['SLACK_BOT_TOKEN', 'REDIS_URL', 'SLACK_SIGNING_SECRET']) {
      expect(problems).toContainEqual(expect.stringMatching(new RegExp(`^${v} .*required`)));
    }
  });

  it('lists each bad variable, once each, in .problems and in the message', () => {
    const bad: Env = {
      SLACK_BOT_TOKEN: 'not-a-token',
      SLACK_API_URL: 'not a url',
      REDIS_URL: 'not a url',
      REDIS_KEY_PREFIX: 'has:colons',
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      DEFAULT_TIMEZONE: 'Mars/Olympus_Mons',
      DEFAULT_LANGUAGE: 'sv',
      BUSINESS_HOURS: '9-5',
      WORKING_DAYS: 'weekdays',
      HOLIDAYS: 'christmas',
      CADENCE_URGENT_MINUTES: '0',
      CADENCE_NORMAL_MINUTES: '1.5',
      FIRST_UPDATE_MINUTES: '-1',
      GRACE_MINUTES: 'soon',
      TRIAGE_CHANNEL: '#triage',
      TEAM_LEADS: '@aino',
      DEFAULT_OWNERS: 'aino',
      MANAGED_CHANNELS: '#acme',
      CONTINUATION_WINDOW_SECONDS: '3601',
      TRACK_REACTION: ':ticket:',
      AUTO_ACKNOWLEDGE: 'maybe',
      PLEASANTRY_FILTER: 'sometimes',
      USER_CACHE_TTL_SECONDS: '0',
      CHANNEL_CACHE_TTL_SECONDS: 'x',
      OUTBOX_CONCURRENCY: '201',
      SHUTDOWN_TIMEOUT_MS: '120001',
    };
    let error: unknown;
    try {
      loadConfig(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const configError = error as ConfigError;
    expect(configError.code).toBe('CONFIG_INVALID');
    const expected = [...Object.keys(bad), 'SLACK_SIGNING_SECRET'];
    for (const name of expected) {
      const about = configError.problems.filter((p) => p.startsWith(`${name} `) || p.startsWith(`${name}.`));
      expect({ name, about }).toEqual({ name, about: [expect.any(String)] });
      expect(configError.message).toContain(about[0]);
    }
    expect(configError.problems).toHaveLength(expected.length);
    expect(configError.message).toMatch(/^Invalid configuration:\n {2}- /);
  });
});

describe('loadConfig: WORKING_DAYS', () => {
  it.each<[string, number[]]>([
    ['mon-fri', [1, 2, 3, 4, 5]],
    ['1-5', [1, 2, 3, 4, 5]],
    ['mon,wed,fri', [1, 3, 5]],
    ['Mon, Wed ,FRI', [1, 3, 5]],
    ['monday-friday', [1, 2, 3, 4, 5]],
    ['mon - fri', [1, 2, 3, 4, 5]],
    ['sun', [7]],
    ['7', [7]],
    ['sat-sun', [6, 7]],
    ['1-3,5', [1, 2, 3, 5]],
    ['fri,mon,fri', [1, 5]],
    ['1-7', [1, 2, 3, 4, 5, 6, 7]],
  ])('%s → %j', (value, days) => {
    expect(load({ WORKING_DAYS: value }).defaults.businessHours.workingDays).toEqual(days);
  });

  it.each(['fri-mon', '0', '8', 'mo-fr', 'weekdays', 'mon,', ',', ' ', 'mon-', '-fri', '5-1'])('rejects %j', (value) => {
    expect(problemsWith({ WORKING_DAYS: value })).toEqual([expect.stringMatching(/^WORKING_DAYS .*not a day or range/)]);
  });
});

describe('loadConfig: BUSINESS_HOURS', () => {
  it.each<[string, number, number]>([
    ['09:00-17:00', 540, 1020],
    ['08:30-16:15', 510, 975],
    ['00:00-24:00', 0, 1440],
    ['07:05-23:59', 425, 1439],
  ])('%s → minutes %i to %i', (value, start, end) => {
    const hours = load({ BUSINESS_HOURS: value }).defaults.businessHours;
    expect([hours.startMinute, hours.endMinute]).toEqual([start, end]);
  });

  it.each<[string, RegExp]>([
    ['9:00-17:00', /must look like 09:00-17:00/],
    ['09:00 - 17:00', /must look like/],
    ['09-17', /must look like/],
    ['25:00-26:00', /must look like/],
    ['09:60-17:00', /must look like/],
    ['24:00-24:00', /must look like/],
    ['17:00-09:00', /must end after it starts/],
    ['09:00-09:00', /must end after it starts/],
    ['09:00-24:30', /at most 24:00/],
  ])('rejects %j', (value, expected) => {
    expect(problemsWith({ BUSINESS_HOURS: value })).toEqual([expect.stringMatching(/^BUSINESS_HOURS /)]);
    expect(problemsWith({ BUSINESS_HOURS: value })[0]).toMatch(expected);
  });
});

describe('loadConfig: HOLIDAYS', () => {
  it.each<[string, string[]]>([
    ['2026-12-24', ['2026-12-24']],
    ['2026-12-24,2026-12-25', ['2026-12-24', '2026-12-25']],
    ['2026-12-24, 2026-12-25 2026-12-26', ['2026-12-24', '2026-12-25', '2026-12-26']],
    ['2026-12-24,', ['2026-12-24']],
  ])('%j → %j', (value, dates) => {
    expect(load({ HOLIDAYS: value }).defaults.businessHours.holidays).toEqual(dates);
  });

  it.each(['24.12.2026', '2026-1-6', 'christmas', '2026-12-24,tomorrow'])('rejects %j', (value) => {
    expect(problemsWith({ HOLIDAYS: value })).toEqual([expect.stringMatching(/^HOLIDAYS\b.*dates like 2026-12-24/)]);
  });
});

describe('loadConfig: id lists', () => {
  it.each<[string, string, string[]]>([
    ['TEAM_LEADS', 'U0123ABCD', ['U0123ABCD']],
    ['TEAM_LEADS', 'U0123ABCD,W0456EFGH', ['U0123ABCD', 'W0456EFGH']],
    ['TEAM_LEADS', ' U1 , U2  U3 ', ['U1', 'U2', 'U3']],
    ['TEAM_LEADS', 'U1,,U2,', ['U1', 'U2']],
    ['DEFAULT_OWNERS', 'U1,U2', ['U1', 'U2']],
    ['ON_CALL', 'U0123ABCD, W0456EFGH', ['U0123ABCD', 'W0456EFGH']],
    ['MANAGED_CHANNELS', 'C0123ABCD,G0456EFGH', ['C0123ABCD', 'G0456EFGH']],
  ])('%s=%j → %j', (name, value, ids) => {
    const config = load({ [name]: value });
    const got = { TEAM_LEADS: config.defaults.teamLeadIds, DEFAULT_OWNERS: config.defaults.defaultOwnerIds, ON_CALL: config.defaults.onCallIds, MANAGED_CHANNELS: config.managedChannelIds }[name];
    expect(got).toEqual(ids);
  });

  it.each<[string, string]>([
    ['TEAM_LEADS', 'aino'],
    ['TEAM_LEADS', 'u0123abcd'],
    ['TEAM_LEADS', '<@U0123ABCD>'],
    ['TEAM_LEADS', 'U1,C2'],
    ['DEFAULT_OWNERS', 'C0123ABCD'],
    ['ON_CALL', '@aino'],
    ['ON_CALL', 'U1,C2'],
    ['MANAGED_CHANNELS', 'U0123ABCD'],
    ['MANAGED_CHANNELS', '#acme'],
  ])('%s rejects %j', (name, value) => {
    expect(problemsWith({ [name]: value })).toEqual([expect.stringMatching(new RegExp(`^${name}\\b.*ids`))]);
  });

  it('TRIAGE_CHANNEL takes one channel id', () => {
    expect(load({ TRIAGE_CHANNEL: 'C0123ABCD' }).defaults.triageChannelId).toBe('C0123ABCD');
    expect(problemsWith({ TRIAGE_CHANNEL: '#triage' })).toEqual([expect.stringMatching(/^TRIAGE_CHANNEL must be a channel id/)]);
    expect(problemsWith({ TRIAGE_CHANNEL: 'C1,C2' })).toHaveLength(1);
  });
});

describe('loadConfig: numbers, booleans and names', () => {
  it.each<[string, string, (c: Config) => unknown, unknown]>([
    ['PORT', '8080', (c) => c.http.port, 8080],
    ['PORT', '0', (c) => c.http.port, 0],
    ['CADENCE_URGENT_MINUTES', '30', (c) => c.defaults.cadenceMinutes.urgent, 30],
    ['CADENCE_NORMAL_MINUTES', '480', (c) => c.defaults.cadenceMinutes.normal, 480],
    ['FIRST_UPDATE_MINUTES', '15', (c) => c.defaults.firstUpdateMinutes, 15],
    ['GRACE_MINUTES', '0', (c) => c.defaults.graceMinutes, 0],
    ['REOPEN_WINDOW_DAYS', '14', (c) => c.defaults.reopenWindowDays, 14],
    ['RETENTION_DAYS', '30', (c) => c.defaults.retentionDays, 30],
    ['RETENTION_DAYS', '1', (c) => c.defaults.retentionDays, 1],
    ['CONTINUATION_WINDOW_SECONDS', '0', (c) => c.defaults.continuationWindowMs, 0],
    ['CONTINUATION_WINDOW_SECONDS', '90', (c) => c.defaults.continuationWindowMs, 90_000],
    ['USER_CACHE_TTL_SECONDS', '60', (c) => c.cache.userTtlSeconds, 60],
    ['CHANNEL_CACHE_TTL_SECONDS', '60', (c) => c.cache.channelTtlSeconds, 60],
    ['OUTBOX_CONCURRENCY', '1', (c) => c.outbox.concurrency, 1],
    ['SHUTDOWN_TIMEOUT_MS', '0', (c) => c.shutdownTimeoutMs, 0],
    ['DIGEST_SCHEDULE', 'off', (c) => c.digestSchedule, undefined],
    ['DIGEST_SCHEDULE', '30 7 * * 5', (c) => c.digestSchedule, '30 7 * * 5'],
    ['AUTO_ACKNOWLEDGE', 'false', (c) => c.defaults.autoAcknowledge, false],
    ['AUTO_ACKNOWLEDGE', '0', (c) => c.defaults.autoAcknowledge, false],
    ['AUTO_ACKNOWLEDGE', 'off', (c) => c.defaults.autoAcknowledge, false],
    ['AUTO_ACKNOWLEDGE', 'yes', (c) => c.defaults.autoAcknowledge, true],
    ['PLEASANTRY_FILTER', 'no', (c) => c.defaults.pleasantryFilter, false],
    ['PLEASANTRY_FILTER', '1', (c) => c.defaults.pleasantryFilter, true],
    ['HOLDING_LINE', 'false', (c) => c.defaults.holdingLine, false],
    ['CLIENT_NUDGE_DAYS', '0', (c) => c.defaults.clientNudgeDays, 0],
    ['CLIENT_NUDGE_DAYS', '5', (c) => c.defaults.clientNudgeDays, 5],
    ['LOG_LEVEL', 'debug', (c) => c.logLevel, 'debug'],
    ['LOG_LEVEL', 'silent', (c) => c.logLevel, 'silent'],
    ['DEFAULT_LANGUAGE', 'fi', (c) => c.defaults.language, 'fi'],
    ['DEFAULT_TIMEZONE', 'America/New_York', (c) => c.defaults.businessHours.timezone, 'America/New_York'],
    ['DEFAULT_TIMEZONE', 'UTC', (c) => c.defaults.businessHours.timezone, 'UTC'],
    ['TRACK_REACTION', 'white_check_mark', (c) => c.trackReaction, 'white_check_mark'],
    ['TRACK_REACTION', '+1', (c) => c.trackReaction, '+1'],
    ['REDIS_KEY_PREFIX', 'kuittaus-staging.v2', (c) => c.redis.keyPrefix, 'kuittaus-staging.v2'],
    ['REDIS_ALLOW_NO_PERSISTENCE', 'true', (c) => c.redis.allowNoPersistence, true],
    ['REDIS_COMMAND_TIMEOUT_MS', '250', (c) => c.redis.commandTimeoutMs, 250],
    ['CATCH_UP_INTERVAL_MS', '0', (c) => c.catchUp.intervalMs, 0],
    ['CATCH_UP_INTERVAL_MS', '60000', (c) => c.catchUp.intervalMs, 60_000],
    ['CATCH_UP_PAGE_SIZE', '15', (c) => c.catchUp.pageSize, 15],
    ['CATCH_UP_MAX_PAGES', '1', (c) => c.catchUp.maxPages, 1],
    ['REDIS_URL', 'rediss://user:pass@redis.example.com:6380/2', (c) => c.redis.url, 'rediss://user:pass@redis.example.com:6380/2'],
    ['REDIS_CLUSTER_NODES', '10.0.0.5:7000, redis-2.internal:7001', (c) => c.redis.clusterNodes, [{ host: '10.0.0.5', port: 7000 }, { host: 'redis-2.internal', port: 7001 }]],
  ])('%s=%j', (name, value, pick, expected) => {
    expect(pick(load({ [name]: value }))).toEqual(expected);
  });

  it.each<[string, string, RegExp]>([
    ['PORT', '65536', /at most 65535/],
    ['PORT', '-1', /at least 0/],
    ['PORT', '80.5', /whole number/],
    ['PORT', 'http', /must be a number/],
    ['CADENCE_URGENT_MINUTES', '0', /at least 1/],
    ['GRACE_MINUTES', '-5', /at least 0/],
    ['RETENTION_DAYS', '0', /at least 1/],
    ['RETENTION_DAYS', '3651', /at most 3650/],
    ['RETENTION_DAYS', 'half a year', /must be a number/],
    ['OUTBOX_CONCURRENCY', '0', /at least 1/],
    ['SHUTDOWN_TIMEOUT_MS', '120001', /at most 120000/],
    ['DIGEST_SCHEDULE', 'weekly', /cron pattern with five fields/],
    ['AUTO_ACKNOWLEDGE', 'maybe', /true or false/],
    ['LOG_LEVEL', 'verbose', /fatal.*silent/],
    ['DEFAULT_LANGUAGE', 'sv', /en.*fi/],
    ['DEFAULT_TIMEZONE', 'Europe/Hesinki', /IANA time zone/],
    ['DEFAULT_TIMEZONE', '+02:00', /IANA time zone/],
    ['TRACK_REACTION', ':ticket:', /without colons/],
    ['REDIS_KEY_PREFIX', 'a b', /letters, digits/],
    ['REDIS_URL', 'not a url', /redis:\/\//],
    ['SLACK_API_URL', 'slack', /must be a URL/],
    ['REDIS_ALLOW_NO_PERSISTENCE', 'sure', /true or false/],
    ['REDIS_COMMAND_TIMEOUT_MS', '3000', /at most 2500/],
    ['CATCH_UP_PAGE_SIZE', '1000', /at most 999/],
    ['CATCH_UP_MAX_PAGES', '0', /at least 1/],
    ['REDIS_CLUSTER_NODES', 'redis://10.0.0.5:7000', /host:port pairs.*got "redis:\/\/10.0.0.5:7000"/],
    ['REDIS_CLUSTER_NODES', '10.0.0.5', /host:port pairs.*got "10.0.0.5"/],
    ['REDIS_CLUSTER_NODES', '10.0.0.5:7000,10.0.0.6:70000', /ports 1-65535.*got "10.0.0.6:70000"/],
  ])('%s rejects %j', (name, value, expected) => {
    const problems = problemsWith({ [name]: value });
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^${name} `))]);
    expect(problems[0]).toMatch(expected);
  });
});

describe('loadConfig: empty strings count as unset', () => {
  // docker compose passes `VAR=` through as ''.
  const optional = Object.keys(envSchema.shape).filter((k) => !(k in MINIMAL));

  it.each(optional)('%s= gives the default', (name) => {
    expect(load({ [name]: '' })).toEqual(load());
  });

  it('every optional variable empty at once gives the defaults', () => {
    expect(load(Object.fromEntries(optional.map((k) => [k, ''])))).toEqual(load());
  });

  it('undefined values count as unset too', () => {
    expect(load(Object.fromEntries(optional.map((k) => [k, undefined])))).toEqual(load());
  });

  it.each(['SLACK_BOT_TOKEN', 'REDIS_URL'])('an empty required %s is reported as missing', (name) => {
    expect(problemsWith({ [name]: '' })).toEqual([expect.stringMatching(new RegExp(`^${name} is required`))]);
  });
});

describe('loadConfig: SLACK_API_URL', () => {
  it.each<[string, string]>([
    ['http://localhost:3001/api', 'http://localhost:3001/api/'],
    ['http://localhost:3001/api/', 'http://localhost:3001/api/'],
    ['https://slack.com/api', 'https://slack.com/api/'],
    ['https://proxy.example.com', 'https://proxy.example.com/'],
  ])('%s → %s (a trailing slash is added once)', (value, expected) => {
    expect(load({ SLACK_API_URL: value }).slack.apiUrl).toBe(expected);
  });

  it('is undefined when unset (the Web API client uses Slack’s)', () => {
    expect(load().slack.apiUrl).toBeUndefined();
  });
});

describe('.env.example', () => {
  const text = readFileSync(path.resolve(__dirname, '../../../.env.example'), 'utf8');
  const lines = text.split('\n');
  const active = Object.fromEntries(
    lines
      .filter((l) => /^[A-Z][A-Z0-9_]*=/.test(l))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as const),
  );
  const documented = new Set(lines.map((l) => /^(?:# ?)?([A-Z][A-Z0-9_]*)=/.exec(l)?.[1]).filter(Boolean));

  it.each(Object.keys(envSchema.shape))('documents %s', (name) => {
    expect(documented.has(name)).toBe(true);
  });

  it('documents no variable the schema does not know', () => {
    expect([...documented].filter((k) => !(k! in envSchema.shape))).toEqual([]);
  });

  it('sets the required variables to placeholders that load (only Socket Mode is left to Slack)', () => {
    expect(Object.keys(active).sort()).toEqual(['REDIS_URL', 'SLACK_APP_TOKEN', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET']);
    expect(loadConfig(active).slack.mode).toBe('socket');
  });

  it('gives the defaults it documents in its commented-out lines', () => {
    const commented = Object.fromEntries(
      lines
        .map((l) => /^# ([A-Z][A-Z0-9_]*)=(\S+)$/.exec(l))
        .filter((m): m is RegExpExecArray => m !== null)
        // Lines whose value is an example rather than the default:
        .filter((m) => !['HOLIDAYS', 'TRIAGE_CHANNEL', 'TEAM_LEADS', 'DEFAULT_OWNERS', 'ON_CALL', 'MANAGED_CHANNELS'].includes(m[1]!))
        .map((m) => [m[1]!, m[2]!]),
    );
    expect(Object.keys(commented).length).toBeGreaterThan(15);
    const withDefaults = loadConfig({ ...active, ...commented });
    expect(withDefaults).toEqual({ ...loadConfig(active), slack: { ...loadConfig(active).slack, apiUrl: 'https://slack.com/api/' } });
  });
});

/**
 * Cases where src/config accepts a value it should reject (or misreads it). Written for the
 * correct behaviour: these fail until src/config/env-schema.ts is fixed.
 */
describe('loadConfig: values that must not be silently misread', () => {
  it('WORKING_DAYS "mon fri" is not read as Monday only (either both days or an error)', () => {
    const problems = problemsWith({ WORKING_DAYS: 'mon fri' });
    if (problems.length === 0) expect(load({ WORKING_DAYS: 'mon fri' }).defaults.businessHours.workingDays).toEqual([1, 5]);
    else expect(problems).toEqual([expect.stringMatching(/^WORKING_DAYS /)]);
  });

  it.each(['monkey', 'sunny', 'mon-wed-fri', 'friday-saturday-sunday'])('WORKING_DAYS rejects %j', (value) => {
    expect(problemsWith({ WORKING_DAYS: value })).toEqual([expect.stringMatching(/^WORKING_DAYS /)]);
  });

  it.each(['2026-02-30', '2026-13-01', '2026-12-32', '2026-00-10'])('HOLIDAYS rejects the impossible date %j', (value) => {
    expect(problemsWith({ HOLIDAYS: value })).toEqual([expect.stringMatching(/^HOLIDAYS\b/)]);
  });

  it.each(['localhost:3001', 'slack.com/api', 'ftp://slack.com/api'])('SLACK_API_URL rejects %j (no http(s) scheme)', (value) => {
    expect(problemsWith({ SLACK_API_URL: value })).toEqual([expect.stringMatching(/^SLACK_API_URL /)]);
  });
});

describe('loadConfig: problems name the variable and the value given', () => {
  it.each<[string, Env, string]>([
    ['a URL without its scheme', { REDIS_URL: 'localhost:6379' }, 'REDIS_URL must start with redis:// or rediss://, e.g. redis://localhost:6379 (got "localhost:6379")'],
    ['another scheme', { REDIS_URL: 'http://localhost:6379' }, 'REDIS_URL must be a redis:// or rediss:// URL with a host, e.g. redis://localhost:6379 (got "http://localhost:6379")'],
    ['a password (hidden)', { REDIS_URL: 'redis//:hunter2@localhost' }, 'REDIS_URL must start with redis:// or rediss://, e.g. redis://localhost:6379 (got "redis//:***@localhost")'],
    ['a user and password (hidden)', { REDIS_URL: 'http://app:hunter2@localhost' }, 'REDIS_URL must be a redis:// or rediss:// URL with a host, e.g. redis://localhost:6379 (got "http://app:***@localhost")'],
    ['a number', { PORT: 'eighty' }, 'PORT must be a number (got "eighty")'],
    ['a list item', { HOLIDAYS: '2026-12-24,christmas' }, 'HOLIDAYS must be real dates like 2026-12-24 (got "christmas")'],
    ['every bad list item at once', { HOLIDAYS: 'christmas, 2026-12-25 ,24.12.2026' }, 'HOLIDAYS must be real dates like 2026-12-24 (got "christmas", "24.12.2026")'],
    ['ids of the wrong kind', { TEAM_LEADS: 'U0123ABCD,C0456EFGH,@aino' }, 'TEAM_LEADS must be user ids (got "C0456EFGH", "@aino")'],
    ['a token: only its kind', { SLACK_BOT_TOKEN: 'xoxp-1234-5678-secret' }, 'SLACK_BOT_TOKEN must be a bot token (xoxb-…) (got "xoxp-…")'],
    ['a token of no known kind: nothing of it', { SLACK_APP_TOKEN: 'secretvalue' }, 'SLACK_APP_TOKEN must be an app-level token (xapp-…) (got "…")'],
    ['a long value: cut', { TRACK_REACTION: 'x'.repeat(61) + ':' }, `TRACK_REACTION must be an emoji name without colons (got "${'x'.repeat(60)}…")`],
  ])('%s', (_what, extra, problem) => {
    expect(problemsWith(extra)).toEqual([problem]);
  });

  it.each(['SLACK_BOT_TOKEN', 'REDIS_URL'])('a missing %s is "required", with no value', (name) => {
    expect(problemsWith({ [name]: undefined })).toEqual([expect.stringMatching(new RegExp(`^${name} is required[^(]*$`))]);
  });

  it('every bad value is listed at once, each with its value', () => {
    expect(problemsWith({ REDIS_URL: 'localhost:6379', DIGEST_SCHEDULE: 'x x x x x', HOLIDAYS: 'christmas', PORT: '-1' })).toEqual([
      expect.stringMatching(/^REDIS_URL .*\(got "localhost:6379"\)$/),
      expect.stringMatching(/^PORT must be at least 0 \(got "-1"\)$/),
      expect.stringMatching(/^HOLIDAYS .*\(got "christmas"\)$/),
      expect.stringMatching(/^DIGEST_SCHEDULE .*\(got "x x x x x"\)$/),
    ]);
  });
});

describe('loadConfig: DIGEST_SCHEDULE is checked by the parser that runs it (BullMQ)', () => {
  it.each(['0 8 * * 1', '30 7 * * 1-5', '*/15 9-17 * * mon-fri', '0 8 1 * *', '0 0 29 2 *', ' 0 8 * * 1 '])('accepts %j', (pattern) => {
    expect(problemsWith({ DIGEST_SCHEDULE: pattern })).toEqual([]);
  });

  it.each<[string, RegExp]>([
    ['x x x x x', /Invalid characters, got value: x/],
    ['61 8 * * 1', /got value 61 expected range 0-59/],
    ['0 25 * * 1', /expected range 0-23/],
    ['0 8 * * 8', /expected range 0-7/],
    ['0 8 30 2 *', /Invalid explicit day of month/],
    ['0 8 * *', /: 4 fields$/],
    ['0 0 8 * * 1', /: 6 fields$/],
    ['weekly', /: 1 field$/],
  ])('refuses %j, naming the variable, the value and why', (pattern, why) => {
    const problems = problemsWith({ DIGEST_SCHEDULE: pattern });
    expect(problems).toEqual([expect.stringMatching(/^DIGEST_SCHEDULE must be a cron pattern with five fields \(e\.g\. "0 8 \* \* 1" for Mondays at 08:00\) or "off": /)]);
    expect(problems[0]).toContain(`(got ${JSON.stringify(pattern)})`);
    expect(problems[0]!.replace(/ \(got .*\)$/, '')).toMatch(why);
  });
});
