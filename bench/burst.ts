/**
 * Section 7: bursts against Slack's pace. The emulator here answers 429 (Retry-After) to a
 * chat.postMessage beyond about one per second per channel, as Slack does, and the app has a
 * triage channel, so every request also asks for a card there.
 *
 *   one channel:  30 requests in one client channel within a second (30 clients)
 *   many:         300 requests in a minute across 50 client channels, one triage channel
 *
 * Measured from the first event sent: when the last acknowledgement was posted and when the last
 * request was on a card (cards of new requests are coalesced: one card may list several), how
 * many cards were posted, duplicates (a card posted twice, or a request on two cards), and the
 * 429s the app met (it paces itself, so any 429 is a pacing miss).
 */
import { eventEnvelope, messageEvent } from '../test/support/builders';
import { createSignedSender } from '../test/support/signed-requests';
import { type RecordedCall, type SlackEmulator, startSlackEmulator } from '../test/support/slack-emulator';
import { SIGNING_SECRET, kuittausEnv, spawnApp } from './app-child';
import { seedClients } from './ack-path';
import { sleep } from './stats';

const TRIAGE = 'CBTRIAGE';

export interface BurstCase {
  name: string;
  requests: number;
  channels: number;
  /** The events are sent evenly within this many seconds. */
  withinSeconds: number;
}

export const BURST_CASES: BurstCase[] = [
  { name: '30 in one channel within 1 s', requests: 30, channels: 1, withinSeconds: 1 },
  { name: '300 in a minute across 50 channels', requests: 300, channels: 50, withinSeconds: 60 },
];

export interface BurstResult extends BurstCase {
  sentInSeconds: number;
  acked: number;
  duplicateAcks: number;
  /** Card messages posted in the triage channel (a batch card lists several requests). */
  cardPosts: number;
  /** First event sent → last acknowledgement posted; NaN when not all were posted in time. */
  lastAckSeconds: number;
  /** Requests on a posted card. */
  cards: number;
  /** Cards posted twice, plus requests on more than one card. */
  duplicateCards: number;
  /** First event sent → the last request on a posted card. */
  lastCardSeconds: number;
  /** At Slack's pace the cards alone need about this long (one channel, one post a second). */
  cardPaceFloorSeconds: number;
  acks429: number;
  cards429: number;
}

export async function runBursts(redisUrl: string, timeoutMs: number, cases: BurstCase[] = BURST_CASES): Promise<BurstResult[]> {
  const slack = await startSlackEmulator({ channelPace: { perSecond: 1, burst: 3 } });
  const results: BurstResult[] = [];
  try {
    seedClients(slack);
    slack.addChannel({ id: TRIAGE, name: 'bench-triage', is_ext_shared: false, is_shared: false, is_private: true });
    let run = 0;
    for (const c of cases) {
      run += 1;
      results.push(await runCase(slack, redisUrl, c, run, timeoutMs));
      process.stderr.write(`  burst ${c.name}: last ack ${results.at(-1)?.lastAckSeconds} s, last card ${results.at(-1)?.lastCardSeconds} s\n`);
    }
  } finally {
    await slack.close();
  }
  return results;
}

async function runCase(slack: SlackEmulator, redisUrl: string, c: BurstCase, run: number, timeoutMs: number): Promise<BurstResult> {
  slack.reset();
  const channelOf = (i: number) => `CBU${run}X${i % c.channels}`;
  for (let i = 0; i < c.channels; i++) slack.addChannel({ id: channelOf(i), name: `burst${run}-${i}`, is_ext_shared: true, is_shared: true, is_private: false });
  const app = await spawnApp('kuittaus', kuittausEnv(slack.apiUrl, redisUrl, `burst${run}`, { TRIAGE_CHANNEL: TRIAGE }));
  const acks = new Map<string, number>();
  const cards = new Map<string, number>();
  const cardKeys = new Set<string>();
  let duplicateAcks = 0;
  let duplicateCards = 0;
  let acks429 = 0;
  let cards429 = 0;
  const unsubscribe = slack.onCall((call: RecordedCall) => {
    if (call.method !== 'chat.postMessage') return;
    const channel = String(call.args.channel);
    const toTriage = channel === TRIAGE;
    if (call.status === 429) {
      if (toTriage) cards429++;
      else acks429++;
      return;
    }
    if (!call.ok) return;
    if (toTriage && call.args.thread_ts === undefined && deliveryKey(call).startsWith('card_')) {
      if (cardKeys.has(deliveryKey(call))) duplicateCards++;
      cardKeys.add(deliveryKey(call));
      for (const id of requestIdsOn(call)) {
        if (cards.has(id)) duplicateCards++;
        else cards.set(id, call.at);
      }
    } else if (!toTriage && typeof call.args.thread_ts === 'string' && deliveryKey(call).startsWith('ack_')) {
      const key = `${channel}/${call.args.thread_ts}`;
      if (acks.has(key)) duplicateAcks++;
      else acks.set(key, call.at);
    }
  });
  try {
    const sender = createSignedSender({ url: app.url, signingSecret: SIGNING_SECRET });
    const started = Date.now();
    const sent: Promise<unknown>[] = [];
    for (let i = 0; i < c.requests; i++) {
      const due = started + (i * c.withinSeconds * 1000) / c.requests;
      const wait = due - Date.now();
      if (wait > 0) await sleep(wait);
      const channel = channelOf(i);
      const ts = `${Math.floor(due / 1000)}.${String(i).padStart(6, '0')}`;
      const user = `UCL${i}`;
      slack.seedMessage(channel, { ts, user, text: `Burst request ${i}` });
      const event = messageEvent({ channel, user, user_team: 'T0CLIENT', text: `Burst request ${i}: the export fails`, ts });
      sent.push(sender.event(eventEnvelope(event, { isExtSharedChannel: true })));
    }
    const sentInSeconds = Math.round((Date.now() - started) / 100) / 10;
    await Promise.allSettled(sent);
    const deadline = started + timeoutMs;
    while ((acks.size < c.requests || cards.size < c.requests) && Date.now() < deadline) await sleep(100);
    // Anything posted twice shows up a little later, if at all.
    await sleep(1_000);
    const last = (m: Map<string, number>) => (m.size === c.requests ? Math.round((Math.max(...m.values()) - started) / 100) / 10 : NaN);
    return {
      ...c,
      sentInSeconds,
      acked: acks.size,
      duplicateAcks,
      lastAckSeconds: last(acks),
      cardPosts: cardKeys.size,
      cards: cards.size,
      duplicateCards,
      lastCardSeconds: last(cards),
      cardPaceFloorSeconds: Math.max(0, c.requests - 3),
      acks429,
      cards429,
    };
  } finally {
    unsubscribe();
    await app.stop();
  }
}

/** The requests a card lists: the ids its buttons carry. */
function requestIdsOn(call: RecordedCall): Set<string> {
  const blocks = typeof call.args.blocks === 'string' ? call.args.blocks : JSON.stringify(call.args.blocks ?? []);
  return new Set(Array.from(blocks.matchAll(/"value":"(R[0-9a-f-]+)"/g), (m) => m[1] as string));
}

function deliveryKey(call: RecordedCall): string {
  const raw = call.args.metadata;
  const metadata = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { event_payload?: { delivery_key?: string } } | undefined;
  return metadata?.event_payload?.delivery_key ?? '';
}
