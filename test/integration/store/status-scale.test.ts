/**
 * `/status` at scale: Redis filled with 1 000, 10 000 and then 100 000 open requests across
 * 1 000 channels (through the real store scripts, so the indexes are the real ones). The page is
 * read from the indexes: the number of Redis commands it issues is the same at every size and
 * grows only with the rows shown. STATUS_SCALE_REPORT=1 prints the timings.
 */
import { Redis } from 'ioredis';
import type { NewRequest } from '../../../src/app/ports';
import type { StatusFilter, StatusScope } from '../../../src/app/status/status-types';
import { RedisRequestStore } from '../../../src/store/redis-request-store';
import { RedisStatusIndex } from '../../../src/store/redis-status-index';
import { showStatus } from '../../../src/app/status/show-status';
import { loadConfig } from '../../../src/config';
import { statusMessage } from '../../../src/slack/blocks/status';
import { RedisSettingsStore } from '../../../src/store/redis-settings-store';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from '../../support/redis/key-prefix';

const DEFAULTS = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', REDIS_URL: 'redis://localhost:6379' }).defaults;

const TEAM = 'T0HOST';
const T0 = Date.UTC(2026, 10, 23, 8, 0, 0);
const CHANNELS = 1000;
const OWNERS = 50;
const redisUrl = process.env.REDIS_URL as string;
const prefix = uniqueKeyPrefix('status-scale');
let writer: Redis;
let reader: Redis;
let commands = 0;

beforeAll(() => {
  writer = new Redis(redisUrl, { maxRetriesPerRequest: null, enableAutoPipelining: true });
  reader = new Redis(redisUrl, { maxRetriesPerRequest: null });
  // Count every command the reader sends (pipelined ones included).
  const send = reader.sendCommand.bind(reader);
  reader.sendCommand = ((command: Parameters<typeof send>[0], stream?: Parameters<typeof send>[1]) => {
    commands += 1;
    return send(command, stream);
  }) as typeof reader.sendCommand;
});
afterAll(async () => {
  writer.disconnect();
  reader.disconnect();
  await deleteKeysWithPrefix(redisUrl, prefix);
}, 120_000);

async function fillTo(store: RedisRequestStore, from: number, to: number): Promise<void> {
  const batch = 2000;
  for (let start = from; start < to; start += batch) {
    const work: Array<Promise<unknown>> = [];
    for (let i = start; i < Math.min(to, start + batch); i++) work.push(createOne(store, i));
    await Promise.all(work);
  }
}

async function createOne(store: RedisRequestStore, i: number): Promise<void> {
  const input: NewRequest = {
    teamId: TEAM,
    channelId: `C${String(i % CHANNELS).padStart(6, '0')}`,
    ts: `${1_790_000_000 + i}.000100`,
    clientUserId: `UC${i}`,
    clientName: 'Maria',
    excerpt: 'Our export job fails with error 500 and the nightly report is missing again',
    priority: i % 7 === 0 ? 'urgent' : 'normal',
    trigger: 'auto',
    createdAt: T0 + i,
    nextUpdateDueAt: T0 + ((i * 7919) % 86_400_000),
  };
  const result = await store.createOrJoin(input, 0);
  if (result.outcome !== 'created') throw new Error(`request ${i} not created`);
  // Two in three are owned; a few wait on the client.
  if (i % 3 !== 0) {
    await store.update(TEAM, result.request.id, { state: i % 50 === 1 ? 'waiting_on_client' : 'in_progress', ownerId: `UO${i % OWNERS}` }, { type: 'claimed', at: T0 });
  }
}

const queries: Array<[string, StatusScope, StatusFilter]> = [
  ['everything', { kind: 'all' }, 'all'],
  ['overdue', { kind: 'all' }, 'overdue'],
  ['unowned', { kind: 'all' }, 'unowned'],
  ['one channel', { kind: 'channel', channelId: 'C000042' }, 'all'],
  ['one owner', { kind: 'owner', userId: 'UO7' }, 'all'],
];

/** The whole answer to `/status` as the listener builds it: the use case and the Block Kit page. */
async function measureAnswer(store: RedisStatusIndex) {
  const settings = new RedisSettingsStore(reader, prefix, DEFAULTS);
  const deps = {
    host: { teamId: TEAM, botUserId: 'U0BOT', botId: 'B0BOT' },
    directory: { user: async (_t: string, id: string) => ({ id, teamId: TEAM, isBot: false, isStranger: false, isRestricted: false, isUltraRestricted: false, greetingName: 'Leena' }) },
    settings,
    status: store,
    clock: { now: () => T0 + 43_200_000, msUntil: () => 0 },
    clients: settings,
  };
  const times: number[] = [];
  for (let run = 0; run < 15; run++) {
    const started = performance.now();
    const view = await showStatus(deps as never, TEAM, 'U0LEAD', { filter: 'all' }, { channelId: 'D0LEAD' });
    const message = statusMessage({ ...view, language: 'en', now: T0, workspaceUrl: 'https://acme.slack.com/', more: { text: '' } });
    times.push(performance.now() - started);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
  }
  times.sort((a, b) => a - b);
  return { p50: times[7] as number, max: times.at(-1) as number };
}

async function measure(index: RedisStatusIndex, scope: StatusScope, filter: StatusFilter) {
  const now = T0 + 43_200_000;
  const times: number[] = [];
  let perQuery = 0;
  let rows = 0;
  for (let run = 0; run < 15; run++) {
    const before = commands;
    const started = performance.now();
    const page = await index.page(TEAM, scope, filter, now, 0, 15);
    times.push(performance.now() - started);
    perQuery = commands - before;
    rows = page.rows.length;
  }
  times.sort((a, b) => a - b);
  return { p50: times[7] as number, max: times.at(-1) as number, commands: perQuery, rows };
}

it('when 1 000, 10 000 and 100 000 requests are open, then /status issues the same few commands and stays fast', async () => {
  const store = new RedisRequestStore(writer, prefix);
  const index = new RedisStatusIndex(reader, prefix);
  const report: string[] = [];
  const commandsBySize = new Map<number, number[]>();
  let filled = 0;
  for (const size of [1_000, 10_000, 100_000]) {
    await fillTo(store, filled, size);
    filled = size;
    const counts = (await index.page(TEAM, { kind: 'all' }, 'all', T0, 0, 1)).counts;
    expect(counts.open).toBe(size);
    const perQuery: number[] = [];
    for (const [label, scope, filter] of queries) {
      const m = await measure(index, scope, filter);
      // 5 counts + 1 range (one pipeline) + 1 HGETALL per row shown (a second pipeline).
      expect(m.commands).toBe(6 + m.rows);
      expect(m.max).toBeLessThan(3000);
      perQuery.push(m.commands);
      report.push(`${String(size).padStart(7)} open  ${label.padEnd(12)} p50 ${m.p50.toFixed(2)} ms  max ${m.max.toFixed(2)} ms  ${m.commands} commands, ${m.rows} rows`);
    }
    commandsBySize.set(size, perQuery);
    const whole = await measureAnswer(index);
    expect(whole.max).toBeLessThan(3000);
    report.push(`${String(size).padStart(7)} open  whole answer p50 ${whole.p50.toFixed(2)} ms  max ${whole.max.toFixed(2)} ms (use case + Block Kit page)`);
  }
  // The work does not grow with the requests stored: at most 6 + one page of rows at any size.
  for (const perQuery of commandsBySize.values()) expect(Math.max(...perQuery)).toBeLessThanOrEqual(6 + 15);
  if (process.env.STATUS_SCALE_REPORT) process.stdout.write(`\n${report.join('\n')}\n`);
}, 300_000);
