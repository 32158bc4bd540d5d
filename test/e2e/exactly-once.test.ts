/** A post that reached Slack but whose answer was lost is found again, not posted twice. */
import { Redis } from 'ioredis';
import { NEW_REQUEST_ID } from '../../src/app/ports';
import { RedisRequestStore } from '../../src/store/redis-request-store';
import { blockAction, eventEnvelope, messageEvent } from '../support/builders';
import { Channels, type Harness, Users, startHarness, tsNow } from './harness';
import { dm, lifecycleDriver } from './support/lifecycle-driver';

let h: Harness;
beforeAll(async () => {
  // The Web API client gives up after 300 ms; the emulator will answer after 800 ms.
  h = await startHarness({ name: 'exactly-once', slackTimeoutMs: 300 });
});
afterAll(() => h.stop());

it('when chat.postMessage times out after Slack posted it, then the retry reuses that message', async () => {
  h.slack.failNext('chat.postMessage', { kind: 'slow', delayMs: 800 });
  const event = messageEvent({ channel: Channels.shared, user: h.newClient(), user_team: 'T0CLIENT', text: 'VPN drops every hour', ts: tsNow() });
  await h.send.event(eventEnvelope(event, { isExtSharedChannel: true }));

  // The reconciliation looks the thread up (with metadata) before posting again.
  await h.slack.waitForCall('conversations.replies', (c) => c.args.ts === event.ts && c.args.include_all_metadata === true, { timeoutMs: 10_000 });
  await h.slack.waitForCall('reactions.add', (c) => c.args.timestamp === event.ts, { timeoutMs: 10_000 });
  await h.idle();

  const posts = h.slack.callsTo('chat.postMessage', (c) => c.args.thread_ts === event.ts);
  expect(posts).toHaveLength(1);
  expect(h.slack.messagesIn(Channels.shared, event.ts as string)).toHaveLength(1);
});

it('when the intake crashed after creating the request, then the redelivered event still gets it acknowledged', async () => {
  const client = h.newClient();
  const event = messageEvent({ channel: Channels.shared, user: client, user_team: 'T0CLIENT', text: 'Payroll export is empty', ts: tsNow() });
  // What a crash leaves behind: the request and the acknowledgement it promises are recorded in
  // one write; nothing was relayed to the outbox.
  const redis = new Redis(process.env.REDIS_URL as string);
  const store = new RedisRequestStore(redis, h.prefix);
  const created = await store.createOrJoin(
    {
      teamId: 'T0HOST',
      channelId: Channels.shared,
      ts: event.ts as string,
      clientUserId: client,
      clientName: 'Maria',
      excerpt: 'Payroll export is empty',
      priority: 'normal',
      trigger: 'auto',
      createdAt: Date.now(),
      nextUpdateDueAt: Date.now() + 3_600_000,
    },
    0,
    [{ kind: 'ack', teamId: 'T0HOST', requestId: NEW_REQUEST_ID }],
  );
  redis.disconnect();
  expect(created.outcome).toBe('created');

  await h.send.event(eventEnvelope(event, { isExtSharedChannel: true }));
  await h.slack.waitForCall('chat.postMessage', (c) => c.args.thread_ts === event.ts);
  await h.slack.waitForCall('chat.postMessage', (c) => c.args.channel === Channels.triage);
  await h.idle();
  expect(h.slack.messagesIn(Channels.shared, event.ts as string)).toHaveLength(1);
});

it('when the owner presses [Still on it] twice on the same prompt at once, then the client gets one update', async () => {
  const drive = lifecycleDriver(h);
  const { ts, requestId } = await drive.newRequest('Printer queue is stuck');
  await drive.click(Users.consultant, 'request_claim', requestId);
  const prompt = { channel: dm(Users.consultant), ts: '1700000000.000300', text: 'Update due' };
  const press = () => h.send.interaction(blockAction({ user: Users.consultant, actionId: 'request_still_on_it', value: requestId, channel: prompt.channel, message: prompt }));
  const answers = await Promise.all([press(), press()]);
  expect(answers.map((a) => a.status)).toEqual([200, 200]);
  await h.idle();
  const updates = h.slack.messagesIn(Channels.shared, ts).filter((m) => m.text.startsWith('Still working on this'));
  expect(updates).toHaveLength(1);
  // Another prompt is another click.
  await press().then(() => h.idle());
  await h.send.interaction(blockAction({ user: Users.consultant, actionId: 'request_still_on_it', value: requestId, channel: prompt.channel, message: { ...prompt, ts: '1700000000.000400' } }));
  await h.idle();
  expect(h.slack.messagesIn(Channels.shared, ts).filter((m) => m.text.startsWith('Still working on this'))).toHaveLength(2);
});

it('when a post times out in a thread of 250 messages, then the retry pages through the thread and finds it', async () => {
  const client = h.newClient();
  const event = messageEvent({ channel: Channels.shared, user: client, user_team: 'T0CLIENT', text: 'Reports are slow', ts: tsNow() });
  // A long conversation in the thread (oldest first, the post we look for comes after all of it).
  h.slack.seedMessage(Channels.shared, { ts: event.ts as string, user: client, text: 'Reports are slow' });
  for (let i = 0; i < 250; i++) h.slack.seedMessage(Channels.shared, { ts: tsNow(), user: client, text: `log line ${i}`, thread_ts: event.ts as string });
  // The acknowledgement lands but its answer is lost.
  h.slack.failNext('chat.postMessage', { kind: 'slow', delayMs: 800 }, 1, (args) => args.thread_ts === event.ts);
  await h.send.event(eventEnvelope(event, { isExtSharedChannel: true }));
  await h.slack.waitForCall('conversations.replies', (c) => c.args.ts === event.ts && typeof c.args.cursor === 'string' && c.args.cursor !== '', { timeoutMs: 10_000 });
  await h.slack.waitForCall('reactions.add', (c) => c.args.timestamp === event.ts, { timeoutMs: 10_000 });
  await h.idle();
  expect(h.slack.messagesIn(Channels.shared, event.ts as string).filter((m) => m.bot_id)).toHaveLength(1);
});

it.each([
  ['HTTP 200 internal_error', { kind: 'applied_but_failed' as const, error: 'internal_error' }],
  ['HTTP 200 fatal_error', { kind: 'applied_but_failed' as const, error: 'fatal_error' }],
  ['HTTP 502', { kind: 'applied_but_failed' as const, status: 502 as const }],
])('when Slack posts the acknowledgement but answers %s, then it is looked up and not posted again', async (_name, fault) => {
  const event = messageEvent({ channel: Channels.shared, user: h.newClient(), user_team: 'T0CLIENT', text: 'Mail is bouncing', ts: tsNow() });
  h.slack.failNext('chat.postMessage', fault, 1, (args) => args.thread_ts === event.ts);
  await h.send.event(eventEnvelope(event, { isExtSharedChannel: true }));
  await h.slack.waitForCall('conversations.replies', (c) => c.args.ts === event.ts, { timeoutMs: 10_000 });
  await h.slack.waitForCall('reactions.add', (c) => c.args.timestamp === event.ts, { timeoutMs: 10_000 });
  await h.idle();
  expect(h.slack.messagesIn(Channels.shared, event.ts as string).filter((m) => m.bot_id)).toHaveLength(1);
});

it.each([
  ['HTTP 504', 504 as const],
  ['HTTP 502', 502 as const],
])('when Slack answers %s at once and the acknowledgement lands a second later, then the retry waits, finds it and does not post again', async (_name, status) => {
  const event = messageEvent({ channel: Channels.shared, user: h.newClient(), user_team: 'T0CLIENT', text: 'Shared drive is read-only', ts: tsNow() });
  h.slack.failNext('chat.postMessage', { kind: 'lands_later', delayMs: 1000, status }, 1, (args) => args.thread_ts === event.ts);
  await h.send.event(eventEnvelope(event, { isExtSharedChannel: true }));
  await h.slack.waitForCall('reactions.add', (c) => c.args.timestamp === event.ts, { timeoutMs: 10_000 });
  await h.idle();
  const posted = h.slack.messagesIn(Channels.shared, event.ts as string).filter((m) => m.bot_id);
  expect(posted).toHaveLength(1);
  // It was looked for only once it could have landed (not right after the 5xx).
  const answer = h.slack.callsTo('chat.postMessage', (c) => c.args.thread_ts === event.ts)[0];
  const search = h.slack.callsTo('conversations.replies', (c) => c.args.ts === event.ts)[0];
  expect(search && answer && search.at - answer.at).toBeGreaterThanOrEqual(1000);
});
