/**
 * One request's whole life, with the real app against the Slack emulator and a local Redis, on a
 * clock that jumps ahead instead of waiting: request, acknowledgement, claim, ETA, two reminders
 * answered, one missed and escalated, the ETA revised, resolved, feedback. Returns the transcript
 * of what the client, the consultant and the team lead saw.
 */
import pino from 'pino';
import { loadConfig } from '../../src/config';
import { addLocalDays, firstInstantAtOrAfter, isoWeekdayOf, localDateOf } from '../../src/domain/local-time';
import { startKuittaus } from '../../src/kuittaus';
import { RedisSettingsStore } from '../../src/store/redis-settings-store';
import { blockAction, eventEnvelope, messageEvent, reactionAddedEvent, viewInput, viewSubmission } from '../../test/support/builders';
import { Channels, SIGNING_SECRET, ShiftedClock, Users, seedPostedMessage, seedWorkspace, testEnv, tsNow } from '../../test/e2e/harness';
import { launchRedis } from '../../test/support/redis/launch';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from '../../test/support/redis/key-prefix';
import { createSignedSender } from '../../test/support/signed-requests';
import { startSlackEmulator } from '../../test/support/slack-emulator';
import { Redis } from 'ioredis';
import { type Line, audienceOf, buttonsOf, cardSummary, dayAndTime, format, readable } from './transcript';

const MINUTE = 60_000;
const ZONE = 'Europe/Helsinki';

export interface DemoOptions {
  /** Use this Redis; otherwise a throwaway redis-server is started and stopped. */
  redisUrl?: string;
  write(line: string): void;
}

export async function runDemo({ redisUrl, write }: DemoOptions): Promise<{ transcript: string[] }> {
  const ownRedis = redisUrl ? undefined : await launchRedis();
  const url = redisUrl ?? (ownRedis?.url as string);
  const slack = await startSlackEmulator();
  seedWorkspace(slack);
  const prefix = uniqueKeyPrefix('demo');
  const config = loadConfig(
    testEnv(slack, prefix, {
      REDIS_URL: url,
      TEAM_LEADS: Users.lead,
      BUSINESS_HOURS: '08:00-18:00',
      WORKING_DAYS: 'mon-fri',
      LOG_LEVEL: process.env.DEMO_LOG_LEVEL ?? 'silent',
    }),
  );
  const redis = new Redis(url);
  await new RedisSettingsStore(redis, prefix, config.defaults).save('T0HOST', Channels.shared, { clientName: 'Acme' });

  // The demo's clock starts on the coming Monday at 09:00 in Helsinki and jumps ahead from there.
  const clock = new ShiftedClock();
  clock.offsetMs = nextMondayAtNine(Date.now()) - Date.now();
  const offsets: Array<{ from: number; offset: number }> = [{ from: 0, offset: clock.offsetMs }];
  const clockTimeOf = (realAt: number) => realAt + ([...offsets].reverse().find((o) => o.from <= realAt)?.offset ?? 0);
  const lines: Line[] = [];
  const said = (who: string, text: string) => lines.push({ at: clock.now(), who, text });

  const app = await startKuittaus(config, { log: pino({ level: config.logLevel }), clock, channelIntervalMs: 50 });
  const send = createSignedSender({ url: `http://127.0.0.1:${app.port}/slack/events`, signingSecret: SIGNING_SECRET });
  const settle = async () => {
    for (let quiet = 0; quiet < 2; ) {
      await app.idle(30_000);
      const { promoted, retrying } = await app.timers.promoteDue(clock.now());
      quiet = promoted === 0 && retrying === 0 ? quiet + 1 : 0;
      await new Promise((resolve) => setTimeout(resolve, quiet > 0 ? 30 : 25));
    }
  };
  const moveTo = async (at: number) => {
    clock.offsetMs += at - clock.now();
    offsets.push({ from: Date.now(), offset: clock.offsetMs });
    await settle();
  };
  /** Moves the clock ahead by `ms`, stopping at every timer on the way so that each fires on time. */
  const advance = async (ms: number) => {
    const target = clock.now() + ms;
    for (;;) {
      const due = (await app.timers.queue.getDelayed())
        .map((job) => job.data?.fireAt as number | undefined)
        .filter((at): at is number => typeof at === 'number' && at <= target);
      const next = due.length > 0 ? Math.min(...due) : undefined;
      if (next === undefined) return moveTo(target);
      await moveTo(Math.max(next, clock.now()));
    }
  };
  const lastDm = (user: string, pattern: RegExp) => {
    const call = slack.callsTo('chat.postMessage', (c) => c.args.channel === `D${user.slice(1)}` && pattern.test(String(c.args.text))).at(-1);
    if (!call) throw new Error(`the demo expected a DM to ${user} matching ${pattern}`);
    return call;
  };
  const click = async (user: string, actionId: string, requestId: string, on?: { channel: string; ts: string }) => {
    await send.interaction(blockAction({ user, actionId, value: requestId, channel: on?.channel ?? Channels.triage, ...(on ? { message: { ts: on.ts } } : {}) }));
    await settle();
  };
  const submit = async (user: string, callbackId: string, requestId: string, values: Record<string, Record<string, unknown>>) => {
    await send.interaction(viewSubmission({ user, callbackId, values, privateMetadata: JSON.stringify({ requestId }) }));
    await settle();
  };
  const onDm = (call: { response: unknown }) => ({ channel: String((call.response as { channel: string }).channel), ts: String((call.response as { ts: string }).ts) });

  try {
    // 1. Maria asks.
    const ts = tsNow(clock.now());
    const text = 'Our export job fails with error 500 since this morning. Can you have a look?';
    const event = messageEvent({ channel: Channels.shared, user: Users.client, user_team: 'T0CLIENT', text, ts });
    seedPostedMessage(slack, event as unknown as Record<string, unknown>);
    said('Maria (client) · #acme-support', `Maria: ${text}`);
    await send.event(eventEnvelope(event, { isExtSharedChannel: true }));
    await settle();
    const card = slack.callsTo('chat.postMessage', (c) => c.args.channel === Channels.triage).at(0);
    const requestId = /R\d{8}/.exec(JSON.stringify(card?.args.blocks))?.[0] as string;

    // 2. Aino claims it and gives an ETA: today 16:00.
    await advance(4 * MINUTE);
    said('Aino (consultant)', '→ clicks [Claim] on the card');
    await click(Users.consultant, 'request_claim', requestId);
    await advance(3 * MINUTE);
    said('Aino (consultant)', '→ clicks [Set ETA]: today 16:00, note "We are checking the export server."');
    await submit(Users.consultant, 'eta_modal', requestId, {
      eta_date_block: { eta_date: viewInput.date(dateIn(clock.now(), 0)) },
      eta_time_block: { eta_time: viewInput.time('16:00') },
      eta_note_block: { eta_note: viewInput.text('We are checking the export server.') },
    });

    // 3. The first reminder: "still on it".
    await advance(226 * MINUTE);
    said('Aino (consultant)', '→ clicks [Still on it, no news]');
    await click(Users.consultant, 'request_still_on_it', requestId, onDm(lastDm(Users.consultant, /^Update due at/)));

    // 4. The second reminder: a real update.
    await advance(226 * MINUTE);
    said('Aino (consultant)', '→ clicks [Post update]: "Found it: the disk filled up overnight. Cleaning it up now."');
    await submit(Users.consultant, 'update_modal', requestId, {
      update_text_block: { update_text: viewInput.text('Found it: the disk filled up overnight. Cleaning it up now.') },
    });

    // 5. The next update falls due the next morning (business hours), and nobody answers the
    //    reminder: Leena hears of it after the grace period.
    await advance(19 * 60 * MINUTE);

    // 6. Aino revises the ETA, with the reason.
    await advance(10 * MINUTE);
    said('Aino (consultant)', '→ clicks [Change ETA]: tomorrow 12:00, reason "The vendor has to replace the disk."');
    await submit(Users.consultant, 'eta_modal', requestId, {
      eta_date_block: { eta_date: viewInput.date(dateIn(clock.now(), 1)) },
      eta_time_block: { eta_time: viewInput.time('12:00') },
      eta_note_block: { eta_note: viewInput.text('The vendor has to replace the disk.') },
    });

    // 7. Resolved that afternoon, ahead of the new estimate, and Maria says thanks with a 👍.
    await advance(150 * MINUTE);
    said('Aino (consultant)', '→ clicks [Resolved]: "The disk was replaced and the exports run again."');
    await submit(Users.consultant, 'resolve_modal', requestId, {
      resolve_summary_block: { resolve_summary: viewInput.text('The disk was replaced and the exports run again.') },
    });
    const closing = slack.callsTo('chat.postMessage', (c) => c.args.thread_ts === ts && /^Resolved/.test(String(c.args.text))).at(-1);
    await advance(5 * MINUTE);
    said('Maria (client) · #acme-support', 'Maria reacts :+1: to the closing message');
    await send.event(eventEnvelope(reactionAddedEvent({ user: Users.client, reaction: '+1', channel: Channels.shared, ts: String((closing?.response as { ts: string }).ts) }), { isExtSharedChannel: true }));
    await settle();

    // The transcript: every message the app posted, and the card's changes, in time order.
    for (const call of slack.callsTo('chat.postMessage')) {
      const who = audienceOf(call);
      if (!who) continue;
      const isCard = call.args.channel === Channels.triage && call.args.thread_ts === undefined;
      const body = isCard ? `card: ${cardSummary(call.args.blocks)}` : `Kuittaus: ${readable(String(call.args.text))}`;
      const buttons = buttonsOf(call.args.blocks);
      lines.push({ at: clockTimeOf(call.at), who, text: buttons ? `${body}\n${buttons}` : body });
    }
    for (const call of slack.callsTo('chat.update', (c) => c.args.channel === Channels.triage)) {
      lines.push({ at: clockTimeOf(call.at), who: 'team · #triage', text: `card updated: ${cardSummary(call.args.blocks)}` });
    }
    const events = await redis.lrange(`${prefix}:T0HOST:req:${requestId}:log`, 0, -1);
    const feedback = events.map((e) => JSON.parse(e) as { type: string; data?: { rating?: string } }).filter((e) => e.type === 'feedback');

    const transcript = [
      'Kuittaus demo: one client request from start to finish, with the real app against a Slack',
      `emulator and Redis, on a clock that jumps ahead (times are ${ZONE}).`,
      '',
      ...format(lines, dayAndTime),
      '',
      `Client saw ${slack.callsTo('chat.postMessage', (c) => c.args.channel === Channels.shared).length} messages; ` +
        `Aino got ${slack.callsTo('chat.postMessage', (c) => c.args.channel === 'D0AINO').length} DMs; ` +
        `Leena got ${slack.callsTo('chat.postMessage', (c) => c.args.channel === 'D0LEAD').length}; ` +
        `feedback recorded: ${feedback.map((f) => f.data?.rating).join(', ') || 'none'}.`,
    ];
    for (const line of transcript) write(line);
    return { transcript };
  } finally {
    await app.stop();
    await slack.close();
    redis.disconnect();
    await deleteKeysWithPrefix(url, prefix);
    await ownRedis?.stop();
  }
}

function nextMondayAtNine(now: number): number {
  let date = addLocalDays(localDateOf(now, ZONE), 1);
  while (isoWeekdayOf(date) !== 1) date = addLocalDays(date, 1);
  return firstInstantAtOrAfter(date, 9 * 60, ZONE);
}

/** `YYYY-MM-DD` of the local date `days` after the one of `at`. */
function dateIn(at: number, days: number): string {
  const d = addLocalDays(localDateOf(at, ZONE), days);
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}
