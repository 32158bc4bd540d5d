/**
 * [Claim] on the request card: the clicker owns it and the client is told who is on it. Claimed
 * within the first minutes (as here), the client reads it in the acknowledgement, edited in place.
 */
import { appMessages, keyCounts } from '../support/delivery-checks';
import { blockAction, eventEnvelope, messageEvent } from '../support/builders';
import { Channels, type Harness, Users, startHarness, tsNow } from './harness';
import { requestIdIn } from './support/lifecycle-driver';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ name: 'claim' });
});
afterAll(() => h.stop());
beforeEach(async () => {
  await h.idle();
  h.slack.reset();
});

/** A new request; returns its thread ts and request id (read from the card's buttons). */
async function newRequest(text: string) {
  const ts = tsNow();
  await h.send.event(eventEnvelope(messageEvent({ channel: Channels.shared, user: h.newClient(), user_team: 'T0CLIENT', text, ts }), { isExtSharedChannel: true }));
  const card = await h.slack.waitForCall('chat.postMessage', (c) => c.args.channel === Channels.triage && JSON.stringify(c.args.blocks).includes(text));
  await h.idle();
  const requestId = requestIdIn(card.args.blocks) as string;
  cards.set(requestId, (card.response as { ts: string }).ts);
  return { ts, requestId };
}

/** Where each request's card is: a click comes from the card's [Claim]. */
const cards = new Map<string, string>();

const claim = (user: string, requestId: string) =>
  h.send.interaction(blockAction({ user, actionId: 'request_claim', value: requestId, channel: Channels.triage, message: { ts: cards.get(requestId) as string } }));

/** Each time the client was told who owns the request: posted, or told in the acknowledgement (by delivery key). */
const announcements = (ts: string) => [...keyCounts(appMessages(h.slack, Channels.shared, ts))].filter(([key]) => key.startsWith('announce_owner_')).flatMap(([key, n]) => Array<string>(n).fill(key));

/** The acknowledgement in the thread of `ts`, edited to say that Aino is on it. */
const toldInAck = (ts: string) =>
  h.slack.waitForCall(
    'chat.update',
    (c) => c.args.ts === appMessages(h.slack, Channels.shared, ts)[0]?.ts && /^Thanks, .+ Aino from our team is on it\./.test(String(c.args.text)),
  );

describe('claiming a request', () => {
  it('when an internal user claims, then the client hears who is on it and the card shows the owner', async () => {
    const { ts, requestId } = await newRequest('Reports are slow since Monday');
    const res = await claim(Users.consultant, requestId);
    expect(res.status).toBe(200);

    const told = await toldInAck(ts);
    expect(told.args.text).toMatch(/^Thanks, Maria — we've received your request\. Aino from our team is on it\. You'll get the next update by .+\.$/);
    expect(appMessages(h.slack, Channels.shared, ts)).toHaveLength(1);
    const card = await h.slack.waitForCall('chat.update', (c) => c.args.channel === Channels.triage);
    const blocks = JSON.stringify(card.args.blocks);
    expect(blocks).toContain('<@U0AINO>');
    expect(blocks).toContain('In progress');
    expect(blocks).not.toContain('request_claim');
    await h.slack.waitForCall('chat.postEphemeral', (c) => c.args.user === Users.consultant && /You own this request/.test(String(c.args.text)));
  });

  it('when a second person claims, then they are told who owns it and the client hears nothing new', async () => {
    const { ts, requestId } = await newRequest('Backups are missing');
    await claim(Users.consultant, requestId);
    await h.idle();
    await claim(Users.lead, requestId);
    await h.slack.waitForCall('chat.postEphemeral', (c) => c.args.user === Users.lead && /already owned by <@U0AINO>/.test(String(c.args.text)));
    await h.idle();
    expect(announcements(ts)).toHaveLength(1);
  });

  it('when the same click arrives twice at once, then the client is told once', async () => {
    const { ts, requestId } = await newRequest('Mail bounces');
    await Promise.all([claim(Users.consultant, requestId), claim(Users.consultant, requestId)]);
    await toldInAck(ts);
    await h.idle();
    expect(announcements(ts)).toHaveLength(1);
  });

  it('when a client clicks Claim, then it is refused and nothing changes', async () => {
    const { ts, requestId } = await newRequest('Calendar sync broken');
    await claim(Users.client, requestId);
    await h.slack.waitForCall('chat.postEphemeral', (c) => c.args.user === Users.client && /Sorry/.test(String(c.args.text)));
    await h.idle();
    expect(announcements(ts)).toHaveLength(0);
    expect(h.slack.callsTo('chat.update')).toHaveLength(0);
  });

  it('when Claim is clicked on a card that is not the request’s card, then it is refused politely and nothing changes', async () => {
    const { ts, requestId } = await newRequest('Shared drive is read-only');
    const other = await newRequest('Scanner does not scan');
    const onOtherCard = { ts: cards.get(other.requestId) as string };
    await h.send.interaction(blockAction({ user: Users.consultant, actionId: 'request_claim', value: requestId, channel: Channels.triage, message: onOtherCard }));
    const refusal = await h.slack.waitForCall('chat.postEphemeral', (c) => c.args.user === Users.consultant);
    expect(refusal.args.text).toBe("This button is not on that request's current card, so I did nothing. Please use the buttons on its card.");
    await h.idle();
    expect(announcements(ts)).toHaveLength(0);
    expect(announcements(other.ts)).toHaveLength(0);

    // In the thread of its own card (where unowned reminders go) the button works.
    const inItsThread = { ts: tsNow(), thread_ts: cards.get(requestId) as string };
    await h.send.interaction(blockAction({ user: Users.consultant, actionId: 'request_claim', value: requestId, channel: Channels.triage, message: inItsThread }));
    await toldInAck(ts);
    await h.idle();
    expect(announcements(ts)).toHaveLength(1);
  });
});
