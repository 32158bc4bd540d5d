/**
 * The app killed at random points (SIGKILL) and stopped (SIGTERM) while requests are being
 * acknowledged, announced, asked for an ETA and reminded, then started again, over and over.
 * Events that got no answer are sent again, as Slack does. In the end every request has exactly
 * one acknowledgement, one owner announcement (in the acknowledgement, edited in place, as the
 * owner comes at once), one ETA question and one reminder: nothing lost, nothing twice. CRASH_REPORT=1 prints what happened.
 */
import { spawnApp } from '../../support/app-process/spawn-app';
import { eventEnvelope, messageEvent } from '../../support/builders';
import { createSignedSender } from '../../support/signed-requests';
import { clientUser } from '../../support/slack-emulator';
import { dmChannelId } from '../../support/slack-emulator/fixtures';
import { appMessages, keyCounts } from '../../support/delivery-checks';
import { Channels, SIGNING_SECRET, Users, seedPostedMessage, testEnv, tsNow } from '../harness';
import { useCrashStage } from '../support/crash-stage';

const REQUESTS_PER_ROUND = 6;
const ROUNDS = 4;


const stage = useCrashStage('crash-restart');

/** A deterministic pseudo-random sequence, so a failure can be replayed (CRASH_SEED). */
function random(seed: number) {
  let s = seed;
  return () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

it('when the app dies at random points and comes back, then every message is delivered exactly once', async () => {
  const { slack, prefix, apps } = stage;
  const seed = Number(process.env.CRASH_SEED ?? Date.now() % 100_000);
  const next = random(seed);
  const env = {
    // The first update is due a minute after each request, and the clock runs 40 s ahead: an
    // acknowledgement at once promises it 20 s later, and the owner is reminded a quarter of that
    // before, about 15 s after the request (5 s when the acknowledgement waited for its channel's
    // pace: a reminder comes 15 s before a due time set a minute before).
    ...testEnv(slack, prefix, { DEFAULT_OWNERS: Users.consultant, FIRST_UPDATE_MINUTES: '1' }),
    APP_CLOCK_OFFSET_MS: '40000',
    APP_WORKER_LOCK_MS: '1000',
    APP_SLACK_TIMEOUT_MS: '1000',
  };
  const events: Array<{ envelope: object; ts: string; delivered: boolean }> = [];
  const log: string[] = [`seed ${seed}`];

  for (let round = 0; round < ROUNDS; round++) {
    const app = await spawnApp(env);
    apps.push(app);
    const send = createSignedSender({ url: `http://127.0.0.1:${app.port}/slack/events`, signingSecret: SIGNING_SECRET });
    // Slack retries what got no 200: resend the events the previous instance never answered.
    for (const e of events.filter((e) => !e.delivered)) e.delivered = (await send.event(e.envelope).catch(() => ({ status: 0 }))).status === 200;
    for (let i = 0; i < REQUESTS_PER_ROUND; i++) {
      const user = `U0CR${round}${i}`;
      slack.addUser(clientUser(user, `Client ${round}${i}`));
      const event = messageEvent({ channel: Channels.shared, user, user_team: 'T0CLIENT', text: `Crash test request ${round}-${i}`, ts: tsNow() });
      seedPostedMessage(slack, event as unknown as Record<string, unknown>);
      const envelope = eventEnvelope(event, { isExtSharedChannel: true });
      events.push({ envelope, ts: event.ts as string, delivered: false });
      void send.event(envelope).then(
        (res) => ((events.at(-1) as (typeof events)[number]).delivered ||= res.status === 200),
        () => undefined,
      );
    }
    // Let it work for a random while (acknowledging, posting, maybe reminding), then stop it.
    const after = 300 + Math.floor(next() * 4500);
    await new Promise((resolve) => setTimeout(resolve, after));
    const graceful = round === 1; // one round ends with SIGTERM, the others with SIGKILL
    if (graceful) app.child.kill('SIGTERM');
    else app.kill();
    const code = await app.exited;
    log.push(`round ${round}: ${graceful ? 'SIGTERM' : 'SIGKILL'} after ${after} ms (exit ${code}), ${slack.callsTo('chat.postMessage').length} posts so far`);
    if (graceful) expect(code).toBe(0);
  }

  // The last instance finishes everything.
  const last = await spawnApp(env);
  apps.push(last);
  const send = createSignedSender({ url: `http://127.0.0.1:${last.port}/slack/events`, signingSecret: SIGNING_SECRET });
  for (const e of events.filter((e) => !e.delivered)) e.delivered = (await send.event(e.envelope)).status === 200;
  expect(events.every((e) => e.delivered)).toBe(true);

  const dm = dmChannelId(Users.consultant);
  const posts = () => slack.messagesIn(Channels.shared).concat(slack.messagesIn(dm));
  const count = (pattern: RegExp, filter: (text: string) => boolean = () => true) => posts().filter((m) => pattern.test(m.text ?? '') && filter(m.text ?? '')).length;
  const total = events.length;
  const deadline = Date.now() + 40_000;
  while (Date.now() < deadline && count(/^Update due at/) < total) await new Promise((resolve) => setTimeout(resolve, 200));
  await new Promise((resolve) => setTimeout(resolve, 1500)); // anything doubled would show by now

  for (const { ts } of events) {
    const thread = slack.messagesIn(Channels.shared, ts).map((m) => m.text ?? '');
    expect([ts, thread.filter((t) => t.startsWith('Thanks')).length]).toEqual([ts, 1]);
    // The owner comes at once (auto-assigned): told once, in the acknowledgement edited in place, or
    // posted; never both, whatever was killed on the way (counted by delivery keys and by text).
    expect([ts, thread.filter((t) => /Aino from our team is (on it|working on this)/.test(t)).length]).toEqual([ts, 1]);
    const announced = [...keyCounts(appMessages(slack, Channels.shared, ts))].filter(([key]) => key.startsWith('announce_owner_'));
    expect([ts, announced.map(([, n]) => n)]).toEqual([ts, [1]]);
  }
  const perRequest = (pattern: RegExp) =>
    events.map(({ envelope }) => {
      const text = ((envelope as { event: { text: string } }).event.text);
      return count(pattern, (t) => t.includes(text));
    });
  expect(perRequest(/When do you expect to resolve it/)).toEqual(events.map(() => 1));
  expect(perRequest(/^Update due at/)).toEqual(events.map(() => 1));
  if (process.env.CRASH_REPORT) process.stdout.write(`${log.join('\n')}\n${total} requests; ${slack.callsTo('chat.postMessage').length} posts\n`);
}, 180_000);
