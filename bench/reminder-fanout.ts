/**
 * Section 4: many reminders falling due at once. Open, owned requests whose next update is due at
 * the same minute are created with the real scripts and timer plan; their reminder jobs are then
 * promoted at once (TimerQueue.promoteDue, as the e2e harness does instead of waiting 45 min) and
 * the app's timers worker sends them. Each owner's DM is one Slack channel: posts to it must stay
 * about one a second apart, so N reminders per owner cannot all arrive sooner than (N − 1) s. The
 * emulator here keeps Slack's pace as section 7's does (429 beyond ~1 post/s per channel, burst of
 * 3): a 429 is a post Slack would have refused.
 */
import { internalUser, startSlackEmulator } from '../test/support/slack-emulator';
import { kuittausEnv, spawnApp } from './app-child';
import { BulkRequests } from './bulk-requests';
import { type Spread, mib, sleep, spread } from './stats';

export interface FanoutResult {
  reminders: number;
  owners: number;
  delivered: number;
  duplicates: number;
  /** Arrival after the moment they all fell due (ms). */
  lateness: Spread;
  /** The floor set by pacing: (reminders per owner − 1) × 1 s. */
  floorMs: number;
  promoteMs: number;
  minGapMs: number;
  /** Posts to one DM less than 900 ms after the previous one. */
  gapsUnder900ms: number;
  /** Posts Slack's pace would have refused (the app then holds the channel and posts again). */
  slack429: number;
  rssMiB: number;
  timedOut: boolean;
}

const HOUR = 3_600_000;

export async function runFanout(redisUrl: string, reminders: number, owners: number, timeoutMs: number): Promise<FanoutResult> {
  const slack = await startSlackEmulator({ channelPace: { perSecond: 1, burst: 3 } });
  for (let o = 0; o < owners; o++) slack.addUser(internalUser(`UOW${o}`, `Owner ${o}`));
  const prefix = 'fanout';
  const app = await spawnApp('kuittaus', kuittausEnv(slack.apiUrl, redisUrl, prefix));
  const bulk = new BulkRequests(redisUrl, prefix);
  const now = Date.now();
  const dueAt = Math.ceil((now + HOUR) / 60_000) * 60_000; // one and the same minute for all
  const arrivals = new Map<string, number>();
  const byChannel = new Map<string, number[]>();
  let duplicates = 0;
  let slack429 = 0;
  const unsubscribe = slack.onCall((c) => {
    const channel = String(c.args.channel);
    if (c.method === 'chat.postMessage' && c.status === 429 && channel.startsWith('D')) slack429++;
    if (c.method !== 'chat.postMessage' || !c.ok || !channel.startsWith('D') || !String(c.args.text).startsWith('Update due at')) return;
    const key = String((c.args.metadata as { event_payload?: { delivery_key?: string } } | undefined)?.event_payload?.delivery_key);
    if (arrivals.has(key)) duplicates++;
    else arrivals.set(key, c.at);
    byChannel.set(channel, [...(byChannel.get(channel) ?? []), c.at]);
  });
  try {
    await bulk.create(0, reminders, {
      channel: (i) => `CF${String(i % owners).padStart(5, '0')}`,
      owner: (i) => `UOW${i % owners}`,
      createdAt: () => now - HOUR,
      nextUpdateDueAt: () => dueAt,
    });
    const fireAt = dueAt - 15 * 60_000;
    const started = Date.now();
    const { promoted } = await bulk.timers.promoteDue(fireAt);
    const promoteMs = Date.now() - started;
    if (promoted !== reminders) throw new Error(`promoted ${promoted} reminders, expected ${reminders}`);
    const deadline = started + timeoutMs;
    let rss = 0;
    while (arrivals.size < reminders && Date.now() < deadline) {
      rss = Math.max(rss, await app.rss());
      await sleep(250);
    }
    await sleep(500);
    let minGap = Infinity;
    let tight = 0;
    for (const times of byChannel.values()) {
      times.sort((a, b) => a - b);
      for (let i = 1; i < times.length; i++) {
        const gap = (times[i] as number) - (times[i - 1] as number);
        minGap = Math.min(minGap, gap);
        if (gap < 900) tight++;
      }
    }
    return {
      reminders,
      owners,
      delivered: arrivals.size,
      duplicates,
      lateness: spread([...arrivals.values()].map((at) => at - started)),
      floorMs: (Math.ceil(reminders / owners) - 1) * 1000,
      promoteMs,
      minGapMs: minGap,
      gapsUnder900ms: tight,
      slack429,
      rssMiB: mib(rss),
      timedOut: arrivals.size < reminders,
    };
  } finally {
    unsubscribe();
    await bulk.close();
    await app.stop();
    await slack.close();
  }
}
