/** A client posts in a shared channel → one threaded acknowledgement, :eyes:, a triage card. */
import { eventEnvelope, messageEvent } from '../support/builders';
import { Channels, type Harness, startHarness, tsNow } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ name: 'ack' });
});
afterAll(() => h.stop());
beforeEach(async () => {
  // Let the previous test's jobs finish so that their calls do not land in this test's record.
  await h.idle();
  h.slack.reset();
});

/** Each request comes from a new client unless one is given (a client's follow-ups join). */
const clientMessage = (text: string, user = h.newClient()) =>
  messageEvent({ channel: Channels.shared, user, user_team: 'T0CLIENT', text, ts: tsNow() });

const acksIn = (threadTs: string) =>
  h.slack.callsTo('chat.postMessage', (c) => c.args.thread_ts === threadTs && c.args.channel === Channels.shared);

describe('acknowledging a client request', () => {
  it('when a client posts a request, then one acknowledgement arrives in its thread within a second', async () => {
    const event = clientMessage('Our export job fails with error 500, can you take a look?');
    const sentAt = Date.now();
    const res = await h.send.event(eventEnvelope(event, { isExtSharedChannel: true }));
    expect(res.status).toBe(200);

    const ack = await h.slack.waitForCall('chat.postMessage', (c) => c.args.thread_ts === event.ts);
    expect(ack.at - sentAt).toBeLessThan(1000);
    expect(ack.args.channel).toBe(Channels.shared);
    expect(String(ack.args.text)).toMatch(/^Thanks, Maria — we've received your request and we're on it\. You'll get the next update by [^()]+\.$/);

    await h.slack.waitForCall('reactions.add', (c) => c.args.timestamp === event.ts && c.args.name === 'eyes');
    const card = await h.slack.waitForCall('chat.postMessage', (c) => c.args.channel === Channels.triage);
    const cardJson = JSON.stringify(card.args.blocks);
    expect(cardJson).toContain('request_claim');
    expect(cardJson).toContain('request_assign');
    expect(cardJson).toContain('request_dismiss');
    expect(cardJson).toContain('Our export job fails with error 500');

    await h.idle();
    expect(acksIn(event.ts as string)).toHaveLength(1);
  });

  it('when the same event is delivered three times (Slack retries), then there is one acknowledgement', async () => {
    const event = clientMessage('Deployment pipeline is red since this morning');
    const envelope = eventEnvelope(event, { isExtSharedChannel: true });
    const responses = await Promise.all([
      h.send.event(envelope),
      h.send.event(envelope, { retryNum: 1, retryReason: 'http_timeout' }),
      h.send.event(envelope, { retryNum: 2, retryReason: 'http_timeout' }),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    await h.slack.waitForCall('chat.postMessage', (c) => c.args.thread_ts === event.ts);
    await h.idle();
    expect(acksIn(event.ts as string)).toHaveLength(1);
    expect(h.slack.callsTo('reactions.add', (c) => c.args.timestamp === event.ts)).toHaveLength(1);
  });

  it('when the same message arrives under different event ids, then there is one acknowledgement', async () => {
    const event = clientMessage('The invoice PDF is empty');
    await h.send.event(eventEnvelope(event, { isExtSharedChannel: true }));
    await h.send.event(eventEnvelope(event, { isExtSharedChannel: true }));
    await h.slack.waitForCall('chat.postMessage', (c) => c.args.thread_ts === event.ts);
    await h.idle();
    expect(acksIn(event.ts as string)).toHaveLength(1);
  });

  it('when Slack answers 429 to the acknowledgement, then it arrives after Retry-After, once', async () => {
    const event = clientMessage('Login page shows a blank screen');
    // The acknowledgement meets the 429 (not the card, which may be posted first).
    h.slack.failNext('chat.postMessage', { kind: 'rate_limited', retryAfterSeconds: 1 }, 1, (args) => args.thread_ts === event.ts);
    await h.send.event(eventEnvelope(event, { isExtSharedChannel: true }));
    const limited = await h.slack.waitForCall('chat.postMessage', (c) => c.args.thread_ts === event.ts);
    const ack = await h.slack.waitForCall(
      'chat.postMessage',
      (c) => c.args.thread_ts === event.ts && c.at > limited.at && (c.response as { ok?: boolean }).ok === true,
    );
    expect(ack.at - limited.at).toBeGreaterThanOrEqual(1000);
    await h.idle();
    // A 429 means nothing was posted: the retry does not look for a post that may have landed.
    expect(h.slack.callsTo('conversations.replies', (c) => c.args.ts === event.ts)).toHaveLength(0);
    const delivered = acksIn(event.ts as string).filter((c) => (c.response as { ok?: boolean }).ok === true);
    expect(delivered).toHaveLength(1);
    expect(h.slack.messagesIn(Channels.shared, event.ts as string)).toHaveLength(1);
  });

  it('when Slack fails with 5xx, then the acknowledgement is retried and posted once', async () => {
    h.slack.failNext('chat.postMessage', { kind: 'server_error', status: 503 }, 2);
    const event = clientMessage('Cannot upload attachments larger than 1 MB');
    await h.send.event(eventEnvelope(event, { isExtSharedChannel: true }));
    await h.slack.waitForCall(
      'chat.postMessage',
      (c) => c.args.thread_ts === event.ts && (c.response as { ok?: boolean }).ok === true,
      { timeoutMs: 10_000 },
    );
    await h.idle();
    expect(h.slack.messagesIn(Channels.shared, event.ts as string)).toHaveLength(1);
  });

  it('when a client writes again within two minutes, then the message joins the request (no second acknowledgement)', async () => {
    const client = h.newClient();
    const first = clientMessage('The report export is broken', client);
    const second = clientMessage('Also the CSV has wrong dates', client);
    await h.send.event(eventEnvelope(first, { isExtSharedChannel: true }));
    await h.slack.waitForCall('chat.postMessage', (c) => c.args.thread_ts === first.ts);
    await h.send.event(eventEnvelope(second, { isExtSharedChannel: true }));
    await h.idle();
    expect(acksIn(first.ts as string)).toHaveLength(1);
    expect(acksIn(second.ts as string)).toHaveLength(0);
  });

  it('when the same client writes twice, then users.info is asked once (cached in Redis)', async () => {
    const client = h.newClient();
    for (const text of ['Export fails', 'And import too']) {
      const event = clientMessage(text, client);
      await h.send.event(eventEnvelope(event, { isExtSharedChannel: true }));
      await h.idle();
    }
    expect(h.slack.callsTo('users.info', (c) => c.args.user === client)).toHaveLength(1);
  });

  it('when the text is urgent, then the card says so', async () => {
    const event = clientMessage('Production is down, nobody can log in!');
    await h.send.event(eventEnvelope(event, { isExtSharedChannel: true }));
    const card = await h.slack.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === Channels.triage && JSON.stringify(c.args.blocks).includes('Production is down'),
    );
    expect(JSON.stringify(card.args.blocks)).toContain(':rotating_light:');
  });

  it('when client text tries to ping @channel or users, then the card shows it inert', async () => {
    const event = clientMessage('<!channel> <!here> <@U0AINO> <!subteam^S123> please fix & check <b>now</b>');
    await h.send.event(eventEnvelope(event, { isExtSharedChannel: true }));
    const card = await h.slack.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === Channels.triage && JSON.stringify(c.args.blocks).includes('please fix'),
    );
    const json = JSON.stringify(card.args.blocks) + String(card.args.text);
    for (const ping of ['<!channel>', '<!here>', '<@U0AINO>', '<!subteam^S123>', '<b>']) expect(json).not.toContain(ping);
    expect(json).toContain('&lt;!channel&gt;');
    expect(json).toContain('&amp; check');
  });
});
