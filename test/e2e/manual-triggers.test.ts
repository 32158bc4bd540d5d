/** :ticket: by an internal user, an @mention, the "Track as request" shortcut; and "Not a request". */
import { appMentionEvent, blockAction, eventEnvelope, messageEvent, messageShortcut, reactionAddedEvent } from '../support/builders';
import { Channels, type Harness, Users, startHarness, tsNow } from './harness';
import { requestIdIn } from './support/lifecycle-driver';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ name: 'manual', env: { MANAGED_CHANNELS: Channels.guests } });
});
afterAll(() => h.stop());
beforeEach(async () => {
  // Let the previous test's jobs finish so that their calls do not land in this test's record.
  await h.idle();
  h.slack.reset();
});

const ackFor = (ts: string) => h.slack.waitForCall('chat.postMessage', (c) => c.args.thread_ts === ts);

describe('manual triggers', () => {
  it('when an internal user adds :ticket: to a pleasantry the rules skipped, then it is tracked', async () => {
    const ts = tsNow();
    h.slack.seedMessage(Channels.shared, { ts, user: Users.client, text: 'ok thanks' });
    await h.send.event(eventEnvelope(messageEvent({ channel: Channels.shared, user: Users.client, user_team: 'T0CLIENT', text: 'ok thanks', ts }), { isExtSharedChannel: true }));
    await h.idle();
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(0);

    await h.send.event(eventEnvelope(reactionAddedEvent({ user: Users.consultant, reaction: 'ticket', channel: Channels.shared, ts, item_user: Users.client })));
    await ackFor(ts);
  });

  it('when a client adds :ticket:, then nothing happens', async () => {
    const ts = tsNow();
    h.slack.seedMessage(Channels.shared, { ts, user: Users.client, text: 'ok thanks' });
    await h.send.event(eventEnvelope(reactionAddedEvent({ user: Users.client, reaction: 'ticket', channel: Channels.shared, ts, item_user: Users.client })));
    await h.idle();
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it("when a client added :ticket: first, then an internal user's :ticket: still tracks the message", async () => {
    const ts = tsNow();
    h.slack.seedMessage(Channels.shared, { ts, user: Users.client, text: 'one more thing' });
    await h.send.event(eventEnvelope(reactionAddedEvent({ user: Users.client, reaction: 'ticket', channel: Channels.shared, ts, item_user: Users.client })));
    await h.idle();
    await h.send.event(eventEnvelope(reactionAddedEvent({ user: Users.consultant, reaction: 'ticket', channel: Channels.shared, ts, item_user: Users.client })));
    await ackFor(ts);
  });

  it('when anyone @mentions the app, then the message is tracked', async () => {
    const ts = tsNow();
    await h.send.event(eventEnvelope(appMentionEvent({ channel: Channels.internal, user: Users.consultant, text: '<@U0BOT> please track the VPN issue', ts })));
    await ackFor(ts);
  });

  it('when an internal user uses "Track as request", then it is tracked and they are told', async () => {
    const ts = tsNow();
    const res = await h.send.interaction(
      messageShortcut({ callbackId: 'track_as_request', user: Users.consultant, channel: Channels.internal, message: { ts, user: Users.client, text: 'hi, one more thing', type: 'message' } }),
    );
    expect(res.status).toBe(200);
    await ackFor(ts);
    await h.slack.waitForCall('chat.postEphemeral', (c) => c.args.user === Users.consultant && /Tracking/.test(String(c.args.text)));
  });

  it('when a client uses "Track as request", then they get a refusal and nothing is tracked', async () => {
    const ts = tsNow();
    await h.send.interaction(
      messageShortcut({ callbackId: 'track_as_request', user: Users.client, channel: Channels.shared, message: { ts, user: Users.client, text: 'track me', type: 'message' } }),
    );
    await h.slack.waitForCall('chat.postEphemeral', (c) => c.args.user === Users.client && /Sorry/.test(String(c.args.text)));
    await h.idle();
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('when a guest posts in a channel enabled in the settings, then it is acknowledged', async () => {
    const ts = tsNow();
    await h.send.event(eventEnvelope(messageEvent({ channel: Channels.guests, user: Users.guest, text: 'The build server is slow', ts })));
    await ackFor(ts);
  });
});

describe('"Not a request" on the card', () => {
  it('when an internal user dismisses, then the acknowledgement and :eyes: go and the card says so', async () => {
    const ts = tsNow();
    await h.send.event(eventEnvelope(messageEvent({ channel: Channels.shared, user: Users.client, user_team: 'T0CLIENT', text: 'FYI we moved offices', ts }), { isExtSharedChannel: true }));
    const ack = await ackFor(ts);
    const card = await h.slack.waitForCall('chat.postMessage', (c) => c.args.channel === Channels.triage);
    await h.idle();
    const requestId = requestIdIn(card.args.blocks);
    expect(requestId).toBeDefined();

    const res = await h.send.interaction(
      blockAction({ user: Users.consultant, actionId: 'request_dismiss', value: requestId as string, channel: Channels.triage, message: { ts: (card.response as { ts: string }).ts } }),
    );
    expect(res.status).toBe(200);
    await h.slack.waitForCall('chat.delete', (c) => c.args.ts === (ack.response as { ts: string }).ts);
    await h.slack.waitForCall('reactions.remove', (c) => c.args.timestamp === ts && c.args.name === 'eyes');
    const updated = await h.slack.waitForCall('chat.update', (c) => c.args.channel === Channels.triage);
    expect(JSON.stringify(updated.args.blocks)).toContain('Dismissed by');
    expect(JSON.stringify(updated.args.blocks)).not.toContain('request_claim');
  });

  it('when a client clicks "Not a request", then it is refused and nothing changes', async () => {
    const ts = tsNow();
    await h.send.event(eventEnvelope(messageEvent({ channel: Channels.shared, user: Users.client, user_team: 'T0CLIENT', text: 'Backup job failed', ts }), { isExtSharedChannel: true }));
    const card = await h.slack.waitForCall('chat.postMessage', (c) => c.args.channel === Channels.triage);
    await h.idle();
    const requestId = requestIdIn(card.args.blocks) as string;
    await h.send.interaction(
      blockAction({ user: Users.client, actionId: 'request_dismiss', value: requestId, channel: Channels.triage, message: { ts: (card.response as { ts: string }).ts } }),
    );
    const refusal = await h.slack.waitForCall('chat.postEphemeral', (c) => c.args.user === Users.client);
    expect(refusal.args.text).toMatch(/only available to members of/);
    await h.idle();
    expect(h.slack.callsTo('chat.delete')).toHaveLength(0);
  });
});
