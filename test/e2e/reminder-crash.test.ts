/**
 * A worker killed (SIGKILL) after Slack received its reminder but before the reminder was
 * recorded: the next instance takes the job over, finds the reminder it already posted and
 * records it. The owner sees it once.
 */
import Redis from 'ioredis';
import { RedisRequestStore } from '../../src/store/redis-request-store';
import { type AppProcess, spawnApp } from '../support/app-process/spawn-app';
import { eventEnvelope, messageEvent } from '../support/builders';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from '../support/redis/key-prefix';
import { createSignedSender } from '../support/signed-requests';
import { type SlackEmulator, startSlackEmulator } from '../support/slack-emulator';
import { dmChannelId } from '../support/slack-emulator/fixtures';
import { Channels, SIGNING_SECRET, Users, seedPostedMessage, seedWorkspace, testEnv, tsNow } from './harness';

const MINUTE = 60_000;
let slack: SlackEmulator;
let prefix: string;
const apps: AppProcess[] = [];

beforeAll(async () => {
  slack = await startSlackEmulator();
  seedWorkspace(slack);
  prefix = uniqueKeyPrefix('reminder-crash');
});
afterAll(async () => {
  for (const app of apps) app.kill();
  await Promise.all(apps.map((app) => app.exited));
  await slack.close();
  await deleteKeysWithPrefix(process.env.REDIS_URL as string, prefix);
});

it('when the worker dies between sending a reminder and recording it, then the owner still sees the reminder exactly once', async () => {
  const env = {
    ...testEnv(slack, prefix, { DEFAULT_OWNERS: Users.consultant }),
    // The first update is due 60 min after the request and reminded 15 min before: with the
    // clock 44 min 56 s ahead, the reminder comes about 4 s after the request.
    APP_CLOCK_OFFSET_MS: String(44 * MINUTE + 56_000),
    APP_WORKER_LOCK_MS: '1000',
    APP_SLACK_TIMEOUT_MS: '1000',
  };
  const first = await spawnApp(env);
  apps.push(first);
  const dm = dmChannelId(Users.consultant);
  const reminders = () => slack.messagesIn(dm).filter((m) => /^Update due at/.test(m.text ?? ''));

  const event = messageEvent({ channel: Channels.shared, user: Users.client, user_team: 'T0CLIENT', text: 'Reports time out', ts: tsNow() });
  seedPostedMessage(slack, event as unknown as Record<string, unknown>);
  const send = createSignedSender({ url: `http://127.0.0.1:${first.port}/slack/events`, signingSecret: SIGNING_SECRET });
  expect((await send.event(eventEnvelope(event, { isExtSharedChannel: true }))).status).toBe(200);

  // Auto-assigned to Aino, who is asked for an ETA; the next post to her DM is the reminder.
  await slack.waitForCall('chat.postMessage', (c) => c.args.channel === dm && /When do you expect/.test(String(c.args.text)), { timeoutMs: 10_000 });
  slack.failNext('chat.postMessage', { kind: 'slow', delayMs: 30_000 });
  const killed = new Promise<void>((resolve) => {
    const stop = slack.onCall((call) => {
      if (call.method === 'chat.postMessage' && /^Update due at/.test(String(call.args.text))) {
        first.kill(); // Slack has the reminder; the worker never hears back
        stop();
        resolve();
      }
    });
  });
  await killed;
  await first.exited;
  expect(reminders()).toHaveLength(1);

  const second = await spawnApp(env);
  apps.push(second);
  const redis = new Redis(process.env.REDIS_URL as string);
  try {
    const store = new RedisRequestStore(redis, prefix);
    const requestId = await store.findByMessage('T0HOST', Channels.shared, event.ts as string);
    const deadline = Date.now() + 20_000;
    let request = await store.get('T0HOST', requestId as string);
    while (request?.remindedFor === undefined && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      request = await store.get('T0HOST', requestId as string);
    }
    expect(request?.remindedFor).toBe(request?.nextUpdateDueAt);
    // The second instance looked for the reminder before posting again, and found it.
    expect(slack.callsTo('conversations.history', (c) => c.args.channel === dm).length).toBeGreaterThan(0);
  } finally {
    redis.disconnect();
  }
  expect(reminders()).toHaveLength(1);
}, 60_000);
