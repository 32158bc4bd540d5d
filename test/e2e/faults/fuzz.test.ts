/**
 * Malformed input, generated: random and truncated events, commands, block actions and view
 * submissions, correctly signed. The app answers or ignores each cleanly (never a 5xx that makes
 * Slack retry forever), stays healthy, keeps every stored request readable, and still
 * acknowledges a real request afterwards.
 */
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { isRequestId } from '../../../src/domain/request';
import { decodeRequest } from '../../../src/store/request-codec';
import { blockAction, eventEnvelope, messageEvent, slashCommand, viewSubmission } from '../../support/builders';
import { Channels, type Harness, Users, startHarness, tsNow } from '../harness';
import { lifecycleDriver } from '../support/lifecycle-driver';
import { teamKeys } from '../../../src/store/keys';

let h: Harness;
let redis: Redis;
let targetId: string;
const statuses = new Map<number, number>();
beforeAll(async () => {
  h = await startHarness({ name: 'fuzz' });
  redis = new Redis(process.env.REDIS_URL as string);
  // Something to corrupt: a tracked, claimed request.
  const drive = lifecycleDriver(h);
  const { requestId } = await drive.newRequest('Fuzz target request');
  targetId = requestId;
  await drive.click(Users.consultant, 'request_claim', requestId);
});
afterAll(async () => {
  redis.disconnect();
  await h.stop();
});

const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
const anyJson = fc.jsonValue({ maxDepth: 3 });
const ids = fc.constantFrom('R00000001', 'R99999999', '', 'R1', 'x', '<!channel>', '../../etc');
const slackish = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(Channels.shared, Channels.triage, Users.client, Users.consultant, 'C', ''));

/** Valid shapes with random values in them, and plain random JSON. */
const eventBodies = fc.oneof(
  fc.record({ channel: slackish, user: slackish, text: fc.string(), ts: fc.oneof(fc.string(), fc.constant(tsNow())), thread_ts: fc.option(fc.string(), { nil: undefined }), subtype: fc.option(fc.string(), { nil: undefined }) }).map((e) =>
    eventEnvelope({ ...messageEvent({ channel: Channels.shared, user: Users.client, text: 'x' }), ...e } as never, { isExtSharedChannel: true }),
  ),
  fc.record({ type: fc.constantFrom('reaction_added', 'app_mention', 'app_home_opened', 'message', 'channel_id_changed'), user: slackish, reaction: fc.string(), item: anyJson, tab: fc.string(), channel: anyJson }).map((e) =>
    eventEnvelope(e as never),
  ),
  fc.record({ type: fc.constant('event_callback'), event: anyJson, team_id: fc.string(), event_id: fc.string() }),
);
const actionBodies = fc.oneof(
  fc.record({ actionId: fc.constantFrom('request_claim', 'request_assign', 'request_dismiss', 'request_set_eta', 'request_still_on_it', 'request_resolve', 'request_reopen', 'status_show_more', 'nope'), value: fc.oneof(ids, fc.string()), user: slackish }).map((a) =>
    blockAction({ user: a.user || Users.client, actionId: a.actionId, value: a.value, channel: Channels.triage }),
  ),
  fc.record({ callbackId: fc.constantFrom('eta_modal', 'update_modal', 'resolve_modal', 'assign_modal', 'settings_modal', 'other'), meta: fc.oneof(fc.string(), anyJson.map((v) => JSON.stringify(v))), values: fc.dictionary(fc.string(), fc.dictionary(fc.string(), anyJson)), user: slackish }).map((v) =>
    viewSubmission({ user: v.user || Users.client, callbackId: v.callbackId, privateMetadata: v.meta, values: v.values as never }),
  ),
  anyJson,
);

it('when random events arrive, then each is answered without a server error', async () => {
  await fc.assert(
    fc.asyncProperty(eventBodies, async (body) => {
      const res = await h.send.event(body as never);
      count(res.status);
      expect(res.status).toBeLessThan(500);
    }),
    { numRuns: 150 },
  );
});

it('when random interactions arrive, then each is answered without a server error', async () => {
  await fc.assert(
    fc.asyncProperty(actionBodies, async (payload) => {
      const res = await h.send.interaction(payload as object);
      count(res.status);
      expect(res.status).toBeLessThan(500);
    }),
    { numRuns: 150 },
  );
}, 120_000);

it('when random commands and truncated bodies arrive, then each is answered without a server error', async () => {
  const valid = JSON.stringify(eventEnvelope(messageEvent({ channel: Channels.shared, user: Users.client, text: 'truncated', ts: tsNow() }), { isExtSharedChannel: true }));
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        fc.record({ text: fc.string(), user: slackish, channel: slackish }).map((c) => ({ kind: 'command' as const, fields: slashCommand({ user_id: c.user || Users.client, channel_id: c.channel || Channels.internal, text: c.text }) })),
        fc.nat(valid.length - 1).map((n) => ({ kind: 'raw' as const, body: valid.slice(0, n), type: 'application/json' })),
        fc.string().map((s) => ({ kind: 'raw' as const, body: `payload=${encodeURIComponent(s)}`, type: 'application/x-www-form-urlencoded' })),
      ),
      async (input) => {
        const res = input.kind === 'command' ? await h.send.command(input.fields) : await h.send.raw(input.body, input.type);
        count(res.status);
        expect(res.status).toBeLessThan(500);
      },
    ),
    { numRuns: 150 },
  );
});

it('when the fuzzing is over, then the app is healthy, stored requests are intact and a real request is still acknowledged', async () => {
  await h.idle(); // nothing left retrying: what cannot succeed failed at once
  expect((await fetch(`${h.baseUrl()}/healthz`)).status).toBe(200);
  expect((await fetch(`${h.baseUrl()}/readyz`)).status).toBe(200);

  const k = teamKeys(h.prefix, 'T0HOST');
  const keys = (await redis.keys(`${k.requestPrefix}R*`)).filter((key) => isRequestId(key.slice(k.requestPrefix.length)));
  expect(keys.length).toBeGreaterThan(0);
  for (const key of keys) {
    const request = decodeRequest(await redis.hgetall(key));
    expect(request).toBeDefined();
    expect(['open', 'in_progress', 'waiting_on_client', 'resolved', 'dismissed']).toContain(request?.state);
  }
  const target = decodeRequest(await redis.hgetall(k.request(targetId)));
  expect(target).toMatchObject({ excerpt: 'Fuzz target request', ownerId: Users.consultant });

  const ts = tsNow();
  await h.send.event(eventEnvelope(messageEvent({ channel: Channels.shared, user: h.newClient(), user_team: 'T0CLIENT', text: 'After the storm', ts }), { isExtSharedChannel: true }));
  await h.slack.waitForCall('chat.postMessage', (c) => c.args.thread_ts === ts && /^Thanks/.test(String(c.args.text)));
  if (process.env.FUZZ_REPORT) process.stdout.write(`statuses: ${JSON.stringify(Object.fromEntries(statuses))}\n`);
});
