/**
 * A client's data-protection request, end to end: `/status export` sends a team lead a JSON file
 * of the requests by DM; `/status erase` asks once more and, when [Erase] is pressed, deletes them
 * (live ones too) with every key that names them, the report's figures unchanged.
 */
import { Redis } from 'ioredis';
import { reportUntil } from '../../src/app/status/report';
import { RedisHistoryReader } from '../../src/store/redis-history-reader';
import { blockAction, slashCommand, viewInput } from '../support/builders';
import { keysNaming } from '../support/redis/traces';
import { Channels, type Harness, PinnedClock, Users, startHarness } from './harness';
import { dm, lifecycleDriver } from './support/lifecycle-driver';

const clock = new PinnedClock();
let h: Harness;
let redis: Redis;
let drive: ReturnType<typeof lifecycleDriver>;
let maria: { client: string; ids: string[]; ts: string[] };
let other: { client: string; id: string };

beforeAll(async () => {
  h = await startHarness({ name: 'client-data', clock, env: { TEAM_LEADS: Users.lead } });
  redis = new Redis(process.env.REDIS_URL as string);
  drive = lifecycleDriver(h);
  const client = h.newClient('Maria Virtanen');
  const first = await drive.newRequest('Data: payroll export for Acme fails', client);
  await drive.click(Users.consultant, 'request_claim', first.requestId);
  await drive.submit(Users.consultant, 'resolve_modal', first.requestId, { resolve_summary_block: { resolve_summary: viewInput.text('Fixed.') } });
  await h.advance(5 * 60_000); // past the continuation window: her next message is a request of its own
  const second = await drive.newRequest('Data: the VPN certificate expired', client);
  maria = { client, ids: [first.requestId, second.requestId], ts: [first.ts, second.ts] };
  const someoneElse = await drive.newRequest('Data: another client asks about invoices');
  other = { client: someoneElse.client, id: someoneElse.requestId };
  await h.advance(60_000);
});
afterAll(async () => {
  redis.disconnect();
  await h.stop();
});

/** Runs `/status <text>` as `user`; returns the command's own answer and the one sent later through its response_url. */
async function status(user: string, text: string) {
  const url = h.slack.responseUrl();
  const res = await h.send.command(slashCommand({ user_id: user, channel_id: Channels.internal, text, response_url: url }));
  const first = JSON.parse(res.body) as { text: string };
  const later = await h.slack.waitForCall('response_url', (c) => c.args.url === new URL(url).pathname);
  await h.idle();
  return { first: first.text, later: later.args as { text: string; blocks?: Array<Record<string, unknown>> } };
}

type Exported = { subject: unknown; requests: Array<{ id: string; excerpt: string; clientUserId: string; events: Array<{ type: string; at: string }> }> };
const exported = (i: number) => JSON.parse(h.slack.files[i]?.content ?? '{}') as Exported;

it("when a team lead exports a channel, then every request of it, with its events, comes to the lead's DM as a JSON file", async () => {
  const { first, later } = await status(Users.lead, 'export <#C0SHARED|acme-support>');
  expect(first).toBe('Collecting what Kuittaus keeps about <#C0SHARED>…');
  expect(later.text).toBe('Sent to you by DM: 3 requests about <#C0SHARED>.');
  expect(h.slack.files).toHaveLength(1);
  expect(h.slack.files[0]).toMatchObject({ channel: dm(Users.lead), completed: true, filename: expect.stringMatching(/^kuittaus-export-C0SHARED-\d{4}-\d{2}-\d{2}\.json$/) });
  const data = exported(0);
  expect(data.subject).toEqual({ channelId: Channels.shared });
  expect(data.requests.map((r) => r.excerpt).sort()).toEqual(['Data: another client asks about invoices', 'Data: payroll export for Acme fails', 'Data: the VPN certificate expired']);
  const resolved = data.requests.find((r) => r.id === maria.ids[0]);
  expect(resolved?.events.map((e) => e.type)).toEqual(expect.arrayContaining(['created', 'acknowledged', 'claimed', 'resolved']));
  expect(resolved?.events[0]?.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
});

it("when a team lead exports one client user, then only that person's requests are in the file", async () => {
  const { later } = await status(Users.lead, `export <@${maria.client}|maria>`);
  expect(later.text).toBe(`Sent to you by DM: 2 requests about <@${maria.client}>.`);
  const data = exported(1);
  expect(data.requests.map((r) => r.id).sort()).toEqual([...maria.ids].sort());
  expect(data.requests.every((r) => r.clientUserId === maria.client)).toBe(true);
});

it('when someone who is no team lead asks for an export or an erasure, then they are refused and nothing is sent or deleted', async () => {
  const files = h.slack.files.length;
  expect((await status(Users.consultant, 'export <#C0SHARED>')).later.text).toBe("Only team leads can export or erase a client's data.");
  expect((await status(Users.consultant, `erase <@${maria.client}>`)).later.text).toBe("Only team leads can export or erase a client's data.");
  expect(h.slack.files).toHaveLength(files);
  expect(await h.store.get('T0HOST', maria.ids[0] as string)).toBeDefined();
});

it('when the export or erasure names no channel or person, then the usage is the answer', async () => {
  const res = await h.send.command(slashCommand({ user_id: Users.lead, channel_id: Channels.internal, text: 'erase Acme' }));
  expect(JSON.parse(res.body)).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/^Name the client: `\/status export #channel`/) });
});

it('when a team lead erases one client user and confirms, then their requests are gone, the others stay, and the report is unchanged', async () => {
  const reportNow = () => reportUntil({ history: new RedisHistoryReader(redis, h.prefix) }, 'T0HOST', clock.now());
  const before = await reportNow();
  expect(before.metrics).toMatchObject({ requests: 3, resolved: 1 });

  const { first, later } = await status(Users.lead, `erase <@${maria.client}>`);
  expect(first).toBe(`Counting what Kuittaus keeps about <@${maria.client}>…`);
  expect(later.text).toMatch(/^:warning: Erasing deletes all 2 requests about <@U0C\d+> \(excerpts, event logs, timers\), open ones included\./);
  const button = (later.blocks?.[1]?.elements as Array<Record<string, unknown>>)[0] as { action_id: string; value: string; style: string; confirm: unknown };
  expect(button).toMatchObject({ action_id: 'status_erase', style: 'danger', confirm: expect.objectContaining({ style: 'danger' }) });
  // Asking is not erasing.
  for (const id of maria.ids) expect(await h.store.get('T0HOST', id)).toBeDefined();

  const url = h.slack.responseUrl('actions');
  await h.send.interaction(blockAction({ user: Users.lead, actionId: button.action_id, value: button.value, channel: Channels.internal, responseUrl: url }));
  const done = await h.slack.waitForCall('response_url', (c) => c.args.url === new URL(url).pathname);
  await h.idle();
  expect(done.args.text).toBe(`Erased 2 requests about <@${maria.client}>.`);

  expect(await keysNaming(redis, h.prefix, [...maria.ids, ...maria.ts, 'payroll export', 'VPN certificate'])).toEqual([]);
  expect(await h.store.get('T0HOST', other.id)).toMatchObject({ excerpt: 'Data: another client asks about invoices' });
  expect((await reportNow()).metrics).toEqual(before.metrics);
  // Erasing again finds nothing.
  expect((await status(Users.lead, `erase <@${maria.client}>`)).later.text).toBe(`Kuittaus keeps no requests about <@${maria.client}>.`);
});
