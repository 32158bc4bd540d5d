/**
 * A worker killed (SIGKILL) after Slack received its reminder but before the reminder was
 * recorded: the next instance takes the job over, finds the reminder it already posted and
 * records it. The owner sees it once.
 */
import Redis from 'ioredis';
import { RedisRequestStore } from '../../src/store/redis-request-store';
import { spawnApp } from '../support/app-process/spawn-app';
import { eventEnvelope, messageEvent } from '../support/builders';
import { createSignedSender } from '../support/signed-requests';

import { dmChannelId } from '../support/slack-emulator/fixtures';
import { Channels, SIGNING_SECRET, Users, seedPostedMessage, testEnv, tsNow } from './harness';
import { useCrashStage } from './support/crash-stage';

const MINUTE = 60_000;

const stage = useCrashStage('reminder-crash');

it('when the worker dies between sending a reminder and recording it, then the owner still sees the reminder exactly once', async () => {
  const { slack, prefix, apps } = stage;
  const env = {
    ...testEnv(slack, prefix, { DEFAULT_OWNERS: Users.consultant }),
    // The first update is due 60 min after the request; with the clock 59 min 52 s ahead it is
    // due 8 s after the acknowledgement, and reminded a quarter of those 8 s before: about 6 s
    // after the request.
    APP_CLOCK_OFFSET_MS: String(60 * MINUTE - 8_000),
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
