/** Two instances on one Redis; the HTTP surface (signatures, health, readiness). */
import { eventEnvelope, messageEvent } from '../support/builders';
import { clientUser } from '../support/slack-emulator';
import { Channels, type Harness, Users, startHarness, tsNow } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ name: 'instances', instances: 2, channelIntervalMs: 20 });
});
afterAll(() => h.stop());
beforeEach(async () => {
  // Let the previous test's jobs finish so that their calls do not land in this test's record.
  await h.idle();
  h.slack.reset();
});

describe('two app instances sharing one Redis', () => {
  it('when both receive the same event, then the client gets one acknowledgement', async () => {
    const event = messageEvent({ channel: Channels.shared, user: Users.client, user_team: 'T0CLIENT', text: 'SSO login loops forever', ts: tsNow() });
    const envelope = eventEnvelope(event, { isExtSharedChannel: true });
    await Promise.all([h.sendTo(0).event(envelope), h.sendTo(1).event(envelope, { retryNum: 1, retryReason: 'http_timeout' })]);
    await h.slack.waitForCall('chat.postMessage', (c) => c.args.thread_ts === event.ts);
    await h.idle();
    expect(h.slack.callsTo('chat.postMessage', (c) => c.args.thread_ts === event.ts)).toHaveLength(1);
    expect(h.slack.callsTo('chat.postMessage', (c) => c.args.channel === Channels.triage)).toHaveLength(1);
  });

  it('when 20 requests arrive spread over both instances, then each gets exactly one acknowledgement', async () => {
    const events = Array.from({ length: 20 }, (_, i) =>
      messageEvent({ channel: Channels.shared, user: `U0CL${i}`, user_team: 'T0CLIENT', text: `Request number ${i} is broken`, ts: tsNow() }),
    );
    for (let i = 0; i < 20; i++) h.slack.addUser(clientUser(`U0CL${i}`, `Client ${i}`));
    await Promise.all(events.map((e, i) => h.sendTo(i % 2).event(eventEnvelope(e, { isExtSharedChannel: true }))));
    await h.idle();
    for (const e of events) {
      expect(h.slack.callsTo('chat.postMessage', (c) => c.args.thread_ts === e.ts && (c.response as { ok?: boolean }).ok === true)).toHaveLength(1);
    }
  });
});

describe('the HTTP surface', () => {
  it('when a request has a bad signature, then it is rejected and nothing happens', async () => {
    const event = messageEvent({ channel: Channels.shared, user: Users.client, user_team: 'T0CLIENT', text: 'Export fails', ts: tsNow() });
    const bad = await h.send.event(eventEnvelope(event, { isExtSharedChannel: true }), { signature: 'v0=deadbeef' });
    const missing = await h.send.event(eventEnvelope(event, { isExtSharedChannel: true }), { signature: null });
    const stale = await h.send.event(eventEnvelope(event, { isExtSharedChannel: true }), { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    for (const res of [bad, missing, stale]) expect(res.status).toBeGreaterThanOrEqual(400);
    await h.idle();
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('when /healthz and /readyz are asked, then both answer 200', async () => {
    const health = await fetch(`${h.baseUrl()}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${h.baseUrl()}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ok: true, checks: { redis: true, slack: true } });
  });
});
