/** A direct message to Kuittaus gets a short, helpful answer, never a failed job (issue 14). */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { QueueName } from '../../src/jobs/queues';
import { RedisDeadLetters } from '../../src/store/redis-dead-letters';
import { eventEnvelope, messageEvent } from '../support/builders';
import { dmChannelId } from '../support/slack-emulator/fixtures';
import { type Harness, Users, startHarness, tsNow } from './harness';
import { bullPrefix } from '../../src/store/keys';

describe.each([
  ['en', /^Hi! I'm Kuittaus\. .*`\/status` shows what is open/s],
  ['fi', /^Hei! Olen Kuittaus\. .*`\/status` näyttää avoimet pyynnöt/s],
] as const)('direct messages, team language %s', (language, answer) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ name: `dm-${language}`, env: { DEFAULT_LANGUAGE: language, TEAM_LEADS: Users.lead } });
    redis = new Redis(process.env.REDIS_URL as string);
  });
  afterAll(async () => {
    redis.disconnect();
    await h.stop();
  });
  let redis: Redis;
  /** Jobs that failed in a queue of the app. */
  const failedIn = async (name: string) => {
    const queue = new Queue(name, { connection: redis, prefix: bullPrefix(h.prefix) });
    try {
      return (await queue.getFailed()).map((job) => `${job.name}: ${job.failedReason}`);
    } finally {
      await queue.close();
    }
  };
  beforeEach(async () => {
    await h.idle();
    h.slack.reset();
  });

  const dm = dmChannelId(Users.consultant);
  const send = (over: Partial<Parameters<typeof messageEvent>[0]> = {}) => {
    const ts = tsNow();
    return h.send.event(eventEnvelope(messageEvent({ channel: dm, channel_type: 'im', user: Users.consultant, text: 'hi, what can you do?', ts, ...over }))).then(() => ts);
  };

  it('when someone writes to Kuittaus, then they get a short answer in the DM and nothing fails', async () => {
    const ts = await send();
    const reply = await h.slack.waitForCall('chat.postMessage', (c) => c.args.channel === dm);
    expect(String(reply.args.text)).toMatch(answer);
    expect(reply.args.thread_ts).toBeUndefined();
    await h.idle();
    // No channel lookup on a DM (it would need im:read), no failure notice to anyone, no intake.
    expect(h.slack.callsTo('conversations.info')).toHaveLength(0);
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(await h.store.findByMessage('T0HOST', dm, ts)).toBeUndefined();
    expect(await failedIn(QueueName.Intake)).toEqual([]);
    expect(await failedIn(QueueName.Outbox)).toEqual([]);
    expect(await new RedisDeadLetters(redis, h.prefix).list('T0HOST')).toEqual([]);
  });

  it('when they write in a thread of a DM (a reminder, say), then the answer comes in that thread', async () => {
    const parent = tsNow();
    await send({ thread_ts: parent });
    const reply = await h.slack.waitForCall('chat.postMessage', (c) => c.args.channel === dm);
    expect(reply.args.thread_ts).toBe(parent);
  });

  it('when Slack delivers the same DM event twice, then it is answered once', async () => {
    const ts = tsNow();
    const envelope = eventEnvelope(messageEvent({ channel: dm, channel_type: 'im', user: Users.consultant, text: 'hello', ts }));
    await h.send.event(envelope);
    await h.send.event(envelope, { retryNum: 1, retryReason: 'http_timeout' });
    await h.idle();
    expect(h.slack.callsTo('chat.postMessage', (c) => c.args.channel === dm)).toHaveLength(1);
  });

  it("when Kuittaus's own message or an edit shows up in the DM, then it is not answered", async () => {
    await send({ user: 'U0BOT', bot_id: 'B0BOT', text: 'Update due at 14:30' });
    await send({ subtype: 'message_changed' });
    await h.idle();
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(0);
  });
});
