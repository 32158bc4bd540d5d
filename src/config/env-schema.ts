/** The zod schema of the environment. Every variable is documented in .env.example. */
import { z } from 'zod';
import { cronProblem } from './cron-pattern';

const list = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(/[\s,]+/)
      .map((x) => x.trim())
      .filter(Boolean),
  );

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], {
      error: 'must be true or false',
    })
    .optional()
    .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes', 'on'].includes(v)));

const int = (fallback: number, min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .default(fallback);

const timezone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be an IANA time zone such as Europe/Helsinki' },
);

const HOURS = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/;
const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

const businessHours = z
  .string()
  .regex(HOURS, 'must look like 09:00-17:00')
  .transform((s) => {
    const [, sh, sm, eh, em] = HOURS.exec(s) as RegExpExecArray;
    return { startMinute: Number(sh) * 60 + Number(sm), endMinute: Number(eh) * 60 + Number(em) };
  })
  .refine((h) => h.endMinute > h.startMinute && h.endMinute <= 24 * 60, {
    message: 'must end after it starts (at most 24:00)',
  });

const DAY_FULL_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** One day: 1-7, or a short or full English day name. */
function dayNumber(part: string): number | undefined {
  const p = part.trim().toLowerCase();
  if (/^[1-7]$/.test(p)) return Number(p);
  const i = Math.max(DAY_NAMES.indexOf(p), DAY_FULL_NAMES.indexOf(p));
  return i >= 0 ? i + 1 : undefined;
}

/** "mon-fri", "1-5", "mon,wed,fri", "mon fri" → ISO weekdays. */
const workingDays = z.string().transform((s, ctx) => {
  const days = new Set<number>();
  const parts = s.trim().replace(/\s*-\s*/g, '-').split(/\s*,\s*|\s+/);
  for (const part of parts) {
    const ends = part.split('-');
    const a = dayNumber(ends[0] ?? '');
    const b = ends.length === 1 ? a : dayNumber(ends[1] ?? '');
    if (ends.length > 2 || a === undefined || b === undefined || b < a) {
      ctx.addIssue({ code: 'custom', message: `"${part}" is not a day or range like mon-fri or 1-5` });
      return z.NEVER;
    }
    for (let d = a; d <= b; d++) days.add(d);
  }
  return [...days].sort((x, y) => x - y);
});

const isRealDate = (d: string) => {
  const parsed = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(d);
};

const holidays = list.pipe(
  z.array(
    z
      .string()
      .refine((d) => /^\d{4}-\d{2}-\d{2}$/.test(d) && isRealDate(d), {
        message: 'must be real dates like 2026-12-24',
      }),
  ),
);

/** A redis:// or rediss:// URL; "localhost:6379" is told to start with the scheme, not that it is missing. */
const redisUrl = z.string({ error: 'is required: a redis:// or rediss:// URL, e.g. redis://localhost:6379' }).superRefine((value, ctx) => {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    ctx.addIssue({ code: 'custom', message: 'must start with redis:// or rediss://, e.g. redis://localhost:6379' });
    return;
  }
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || !/^rediss?:$/.test(url.protocol) || !url.hostname) {
    ctx.addIssue({ code: 'custom', message: 'must be a redis:// or rediss:// URL with a host, e.g. redis://localhost:6379' });
  }
});

/** A five-field cron pattern that BullMQ's scheduler can run, or "off". */
const cronOrOff = z.string().superRefine((value, ctx) => {
  if (value === 'off') return;
  const fields = value.trim().split(/\s+/);
  const why = fields.length === 5 ? cronProblem(value) : `${fields.length} field${fields.length === 1 ? '' : 's'}`;
  if (why) ctx.addIssue({ code: 'custom', message: `must be a cron pattern with five fields (e.g. "0 8 * * 1" for Mondays at 08:00) or "off": ${why}` });
});

/** host:port pairs of a Redis Cluster's nodes (seeds: the client learns the rest from them). */
const clusterNodes = list.pipe(
  z.array(
    z.string().superRefine((node, ctx) => {
      const port = /^[^\s:/@]+:(\d{1,5})$/.exec(node)?.[1];
      if (port === undefined) ctx.addIssue({ code: 'custom', message: 'must be host:port pairs such as 10.0.0.5:7000' });
      else if (Number(port) < 1 || Number(port) > 65535) ctx.addIssue({ code: 'custom', message: 'must have ports 1-65535' });
    }),
  ),
);

const slackId = (prefix: RegExp, what: string) =>
  list.pipe(z.array(z.string().regex(prefix, `must be ${what} ids`)));

export const envSchema = z
  .object({
    SLACK_BOT_TOKEN: z.string({ error: 'is required' }).startsWith('xoxb-', 'must be a bot token (xoxb-…)'),
    SLACK_SIGNING_SECRET: z.string().min(1).optional(),
    SLACK_APP_TOKEN: z.string().startsWith('xapp-', 'must be an app-level token (xapp-…)').optional(),
    SLACK_API_URL: z.url({ protocol: /^https?$/, error: 'must be a URL starting with http:// or https://, such as https://slack.com/api/' }).optional(),
    REDIS_URL: redisUrl,
    REDIS_CLUSTER_NODES: clusterNodes,
    REDIS_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only').default('kuittaus'),
    REDIS_ALLOW_NO_PERSISTENCE: bool(false),
    REDIS_COMMAND_TIMEOUT_MS: int(1000, 50, 2500),
    PORT: int(3000, 0, 65535),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DEFAULT_TIMEZONE: timezone.default('Europe/Helsinki'),
    DEFAULT_LANGUAGE: z.enum(['en', 'fi']).default('en'),
    BUSINESS_HOURS: businessHours.default({ startMinute: 9 * 60, endMinute: 17 * 60 }),
    WORKING_DAYS: workingDays.default([1, 2, 3, 4, 5]),
    HOLIDAYS: holidays,
    CADENCE_URGENT_MINUTES: int(60, 1, 7 * 24 * 60),
    CADENCE_NORMAL_MINUTES: int(240, 1, 30 * 24 * 60),
    FIRST_UPDATE_MINUTES: int(60, 1, 30 * 24 * 60),
    GRACE_MINUTES: int(30, 0, 7 * 24 * 60),
    REOPEN_WINDOW_DAYS: int(7, 0, 365),
    RETENTION_DAYS: int(180, 1, 3650),
    TRIAGE_CHANNEL: z.string().regex(/^[CG][A-Z0-9]+$/, 'must be a channel id like C0123ABCD').optional(),
    TEAM_LEADS: slackId(/^[UW][A-Z0-9]+$/, 'user'),
    DEFAULT_OWNERS: slackId(/^[UW][A-Z0-9]+$/, 'user'),
    ON_CALL: slackId(/^[UW][A-Z0-9]+$/, 'user'),
    MANAGED_CHANNELS: slackId(/^[CG][A-Z0-9]+$/, 'channel'),
    CONTINUATION_WINDOW_SECONDS: int(120, 0, 3600),
    TRACK_REACTION: z.string().regex(/^[a-z0-9_+'-]+$/, 'must be an emoji name without colons').default('ticket'),
    AUTO_ACKNOWLEDGE: bool(true),
    PLEASANTRY_FILTER: bool(true),
    HOLDING_LINE: bool(true),
    CLIENT_NUDGE_DAYS: int(2, 0, 30),
    USER_CACHE_TTL_SECONDS: int(3600, 1, 7 * 24 * 3600),
    CHANNEL_CACHE_TTL_SECONDS: int(3600, 1, 7 * 24 * 3600),
    OUTBOX_CONCURRENCY: int(8, 1, 200),
    SHUTDOWN_TIMEOUT_MS: int(10_000, 0, 120_000),
    CATCH_UP_INTERVAL_MS: int(300_000, 0, 24 * 3600_000),
    CATCH_UP_PAGE_SIZE: int(100, 1, 999),
    CATCH_UP_MAX_PAGES: int(5, 1, 100),
    DIGEST_SCHEDULE: cronOrOff.default('0 8 * * 1'),
  });

/** Rules that span several variables; checked even when single variables are wrong. */
export function crossFieldProblems(env: Record<string, string>): string[] {
  const problems: string[] = [];
  if (!env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
    problems.push('SLACK_SIGNING_SECRET is required in HTTP mode (set it, or set SLACK_APP_TOKEN for Socket Mode)');
  }
  return problems;
}

export type Env = z.output<typeof envSchema>;
