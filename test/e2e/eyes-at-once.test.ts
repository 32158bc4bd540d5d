/**
 * The process that receives a client's message posts the acknowledgement and adds :eyes: at once,
 * and records both in one write: the acknowledgement is then whole, and no outbox job is queued
 * for it. Whatever it leaves undone (Slack refusing the reaction, a dismissal on the way) is the
 * `ack` intent's job, as before: :eyes: once, and a dismissed request left without either.
 */
import { Queue } from 'bullmq';
import { QueueName } from '../../src/jobs/queues';
import { outboxJobId } from '../../src/jobs/job-schemas';
import { bullPrefix } from '../../src/store/keys';
import { RedisClientLine } from '../../src/store/redis-client-line';
import { eventEnvelope, messageEvent } from '../support/builders';
import { Channels, type Harness, Users, startHarness, tsNow } from './harness';
import { lifecycleDriver } from './support/lifecycle-driver';

let h: Harness;
let outbox: Queue;
beforeAll(async () => {
  h = await startHarness({ name: 'eyes-at-once' });
  outbox = new Queue(QueueName.Outbox, { connection: h.redis.duplicate(), prefix: bullPrefix(h.prefix) });
});
afterAll(async () => {
  await outbox.close();
  await h.stop();
});
beforeEach(async () => {
  await h.idle();
  h.slack.reset();
});

const acksIn = (ts: string) => h.slack.messagesIn(Channels.shared, ts).filter((m) => (m.text ?? '').startsWith('Thanks'));
const eyesCalls = (ts: string) => h.slack.callsTo('reactions.add', (c) => c.args.timestamp === ts);

/** A client's new request, sent; its id once the receiving process has recorded it. */
async function clientRequest(text: string): Promise<{ ts: string; requestId: () => Promise<string> }> {
  const ts = tsNow();
  await h.send.event(eventEnvelope(messageEvent({ channel: Channels.shared, user: h.newClient(), user_team: 'T0CLIENT', text, ts }), { isExtSharedChannel: true }));
  const requestId = async () => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const id = await h.store.findByMessage('T0HOST', Channels.shared, ts);
      if (id) return id;
      if (Date.now() > deadline) throw new Error(`no request for ${ts}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return { ts, requestId };
}

describe('the acknowledgement and :eyes: at once', () => {
  it('when both are posted at once, then they are recorded together, no job is queued for them, and the client line moves on', async () => {
    const { ts, requestId } = await clientRequest('Our nightly export stopped');
    await h.idle();
    const id = await requestId();
    expect(acksIn(ts)).toHaveLength(1);
    expect(eyesCalls(ts)).toHaveLength(1);
    expect(h.slack.reactionsOn(Channels.shared, ts)).toEqual(['eyes']);
    const request = await h.request(id);
    expect(request.ackTs).toBeDefined();
    expect(request.eyesAt).toBeDefined();
    expect(await outbox.getJob(outboxJobId({ kind: 'ack', teamId: 'T0HOST', requestId: id }))).toBeUndefined();
    // The acknowledgement's place in the client's line is done: the next message need not wait.
    expect(await new RedisClientLine(h.redis, h.prefix).done('T0HOST', id, 1)).toBe(true);
  });

  it('when Slack refuses :eyes: at once, then the acknowledgement job adds it, and the acknowledgement stays one', async () => {
    h.slack.failNext('reactions.add', { kind: 'server_error', status: 503 }, 1);
    const { ts, requestId } = await clientRequest('The invoice run failed');
    await h.slack.waitForCall('reactions.add', (c) => c.args.timestamp === ts && c.ok === true, { timeoutMs: 15_000 });
    await h.idle();
    expect(acksIn(ts)).toHaveLength(1);
    expect(eyesCalls(ts).map((c) => c.ok)).toEqual([false, true]);
    expect(h.slack.reactionsOn(Channels.shared, ts)).toEqual(['eyes']);
    expect((await h.request(await requestId())).eyesAt).toBeUndefined();
  });

  it.each([
    ['', false],
    [', and Slack fails the first deletion', true],
  ])('when the request is dismissed while :eyes: is on its way%s, then neither the acknowledgement nor :eyes: is left', async (_, deletionFails) => {
    const drive = lifecycleDriver(h);
    // Slack takes its time with the reaction: the acknowledgement is posted and not yet recorded.
    h.slack.failNext('reactions.add', { kind: 'slow', delayMs: 1_500 }, 1);
    // The retraction is a job of its own, retried like any other.
    if (deletionFails) h.slack.failNext('chat.delete', { kind: 'server_error', status: 503 }, 1);
    const { ts, requestId } = await clientRequest('FYI: the office is closed on Friday');
    await h.slack.waitForCall('chat.postMessage', (c) => c.args.thread_ts === ts);
    await drive.click(Users.lead, 'request_dismiss', await requestId());
    await h.slack.waitForCall('reactions.add', (c) => c.args.timestamp === ts, { timeoutMs: 10_000 });
    await h.slack.waitForCall('chat.delete', (c) => c.ok === true, { timeoutMs: 15_000 });
    await h.idle();
    await h.idle();
    expect((await h.request(await requestId())).state).toBe('dismissed');
    expect(acksIn(ts)).toHaveLength(0);
    expect(h.slack.reactionsOn(Channels.shared, ts)).toEqual([]);
  });
});
