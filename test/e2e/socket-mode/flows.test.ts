/**
 * The real app over Socket Mode: a client's message, `/status` and a click on [Claim] arrive as
 * envelopes on the app's WebSocket, and each is acknowledged once its work is recorded.
 */
import { blockAction, eventEnvelope, messageEvent, slashCommand } from '../../support/builders';
import { requestIdIn } from '../support/lifecycle-driver';
import { Channels, PinnedClock, Users, tsNow } from '../harness';
import { type SocketHarness, startSocketHarness } from '../support/socket-harness';

const clock = new PinnedClock();
let h: SocketHarness;
let openedAtStart: Array<{ token: string | undefined; ok: boolean }>;
beforeAll(async () => {
  h = await startSocketHarness({ name: 'socket-flows', clock });
  openedAtStart = h.slack.callsTo('apps.connections.open').map(({ token, ok }) => ({ token, ok }));
});
afterAll(() => h.stop());
beforeEach(async () => {
  await h.idle();
  h.slack.reset();
});

const clientMessage = (text: string, user = h.newClient()) =>
  messageEvent({ channel: Channels.shared, user, user_team: 'T0CLIENT', text, ts: tsNow(clock.now()) });

const thanksIn = (ts: string) => h.slack.messagesIn(Channels.shared, ts).filter((m) => m.text.startsWith('Thanks'));

async function newRequest(text: string) {
  const event = clientMessage(text);
  await h.acked(h.send.event(eventEnvelope(event, { isExtSharedChannel: true })));
  const card = await h.slack.waitForCall('chat.postMessage', (c) => c.args.channel === Channels.triage && JSON.stringify(c.args.blocks).includes(text));
  await h.idle();
  const requestId = requestIdIn(card.args.blocks) as string;
  return { ts: event.ts as string, requestId, cardTs: (card.response as { ts: string }).ts };
}

describe('Socket Mode', () => {
  it('when the app starts, then it opens one connection through SLACK_API_URL with the app-level token and is ready', async () => {
    expect(openedAtStart).toEqual([{ token: 'xapp-test', ok: true }]);
    expect(h.slack.socket.openConnections).toBe(1);
    const ready = await fetch(`${h.baseUrl()}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ok: true, checks: { redis: true, slack: true, socket: true } });
  });

  it('when a client posts a request, then the envelope is acked and one acknowledgement and one card follow', async () => {
    const event = clientMessage('Our export job fails with error 500, can you take a look?');
    const delivery = h.send.event(eventEnvelope(event, { isExtSharedChannel: true }));
    const ack = await h.acked(delivery);
    expect(ack.payload).toEqual({}); // an event's ack carries nothing

    const reply = await h.slack.waitForCall('chat.postMessage', (c) => c.args.thread_ts === event.ts);
    expect(reply.args.channel).toBe(Channels.shared);
    expect(String(reply.args.text)).toMatch(/^Thanks, Maria — we've received your request and we're on it\. You'll get the next update by 16:00 today\.$/);
    await h.slack.waitForCall('reactions.add', (c) => c.args.timestamp === event.ts && c.args.name === 'eyes');
    const card = await h.slack.waitForCall('chat.postMessage', (c) => c.args.channel === Channels.triage);
    expect(JSON.stringify(card.args.blocks)).toContain('Our export job fails with error 500');

    await h.idle();
    expect(thanksIn(event.ts as string)).toHaveLength(1);
    expect(delivery.envelopes).toHaveLength(1); // acked in time: Slack never resent it
  });

  it('when Slack sends the same event again, then it is acked again and the client still hears once', async () => {
    const event = clientMessage('Deployment pipeline is red since this morning');
    const envelope = eventEnvelope(event, { isExtSharedChannel: true });
    await Promise.all([h.acked(h.send.event(envelope)), h.acked(h.send.event(envelope))]);
    await h.slack.waitForCall('chat.postMessage', (c) => c.args.thread_ts === event.ts);
    await h.idle();
    expect(thanksIn(event.ts as string)).toHaveLength(1);
  });

  it('when a team lead runs /status, then the page comes back as the payload of the ack', async () => {
    await newRequest('Printer queue is stuck on floor 3');
    const delivery = h.send.command(slashCommand({ user_id: Users.lead, channel_id: Channels.internal, text: '' }));
    await h.acked(delivery);
    const page = delivery.response as { response_type?: string; blocks?: unknown[] };
    expect(page.response_type).toBe('ephemeral');
    expect(JSON.stringify(page.blocks)).toContain('*Open client requests*');
    expect(JSON.stringify(page.blocks)).toContain('Printer queue is stuck on floor 3');
  });

  it('when a client runs /status, then the ack carries the polite refusal', async () => {
    const delivery = h.send.command(slashCommand({ user_id: Users.client, channel_id: Channels.shared }));
    await h.acked(delivery);
    expect(delivery.response).toMatchObject({ text: 'Sorry, this is only available to members of Kuittaus Test.' });
  });

  it('when a consultant clicks Claim, then the click is acked, the client hears who is on it and the card shows the owner', async () => {
    const { ts, requestId, cardTs } = await newRequest('Reports are slow since Monday');
    const click = h.send.interaction(blockAction({ user: Users.consultant, actionId: 'request_claim', value: requestId, channel: Channels.triage, message: { ts: cardTs, text: '' } }));
    await h.acked(click);

    // Claimed at once: the acknowledgement is edited to say so (one message in the thread, not two).
    const told = await h.slack.waitForCall('chat.update', (c) => c.args.channel === Channels.shared && /Aino from our team is on it\./.test(String(c.args.text)));
    expect(told.args.text).toMatch(/^Thanks, Maria — we've received your request\. Aino from our team is on it\. You'll get the next update by .+\.$/);
    const card = await h.slack.waitForCall('chat.update', (c) => c.args.channel === Channels.triage);
    expect(JSON.stringify(card.args.blocks)).toContain('<@U0AINO>');
    await h.idle();
    const thread = h.slack.messagesIn(Channels.shared, ts).filter((m) => m.ts !== ts);
    expect(thread.map((m) => m.ts)).toEqual([told.args.ts]);
  });
});
