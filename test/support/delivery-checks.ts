/**
 * What the tests of "one write per change" read back: the messages the app posted (by the delivery
 * key each carries in its metadata), the timer a request has pending in BullMQ next to the one it
 * should have (the first of `timersInOrder` of its state), and what is left in the relay ledger.
 */
import type { Redis } from 'ioredis';
import type { TrackedRequest } from '../../src/domain/request';
import { type TimerSettings, timersInOrder } from '../../src/domain/timers';
import { type TimerJob, timerJobId } from '../../src/jobs/timer-job';
import type { TimerQueue } from '../../src/jobs/timer-queue';
import { MetadataEventType } from '../../src/slack/ids';
import { teamKeys } from '../../src/store/keys';
import type { SlackEmulator, StoredMessage } from './slack-emulator';
import { BOT_USER } from './slack-emulator/fixtures';

/** The delivery key an app message carries (see MessagePoster), or undefined. */
export function deliveryKey(message: StoredMessage): string | undefined {
  if (message.metadata?.event_type !== MetadataEventType) return undefined;
  const key = message.metadata.event_payload.delivery_key;
  return typeof key === 'string' ? key : undefined;
}

/**
 * Every delivery key a message stands for: its own and, for an acknowledgement edited in place,
 * those of the messages it tells instead of posting them (metadata `folded`, comma-separated).
 */
export function deliveryKeys(message: StoredMessage): string[] {
  const own = deliveryKey(message);
  if (own === undefined) return [];
  const folded = message.metadata?.event_payload.folded;
  return [own, ...(typeof folded === 'string' && folded !== '' ? folded.split(',') : [])];
}

/** The time a message promised its next update by (metadata `promised_at`, epoch ms), if it promised one. */
export function promisedAt(message: StoredMessage): number | undefined {
  if (message.metadata?.event_type !== MetadataEventType) return undefined;
  const at = message.metadata.event_payload.promised_at;
  return typeof at === 'number' ? at : undefined;
}

/** The app's own messages in a channel (or a thread of it), oldest first. */
export function appMessages(slack: SlackEmulator, channel: string, threadTs?: string): StoredMessage[] {
  return slack.messagesIn(channel, threadTs).filter((m) => m.user === BOT_USER);
}

/**
 * How many of `messages` carry each delivery key ('(none)' for those without one); a message
 * folded into the acknowledgement counts there (see deliveryKeys).
 */
export function keyCounts(messages: StoredMessage[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of messages) {
    const keys = deliveryKeys(m);
    for (const key of keys.length > 0 ? keys : ['(none)']) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Keys carried by more than one message. */
export function duplicates(messages: StoredMessage[]): string[] {
  return [...keyCounts(messages)].filter(([, n]) => n > 1).map(([key]) => key);
}

export interface TimerView {
  id: string;
  kind: string;
  fireAt: number | undefined;
}

/** The request's pending timer (scheduled, or due and queued), as TimerQueue shows it. */
export async function pendingTimers(timers: TimerQueue, requestId: string, teamId = 'T0HOST'): Promise<TimerView[]> {
  return (await timers.pending(teamId, requestId)).map((timer) => ({ id: timer.id, kind: timer.kind, fireAt: timer.fireAt }));
}

/**
 * The timer the request should have pending now, as TimerQueue.plan names it: the first of its
 * timers to fire (one pending timer per request). The fire times of the "On track?" prompt and of
 * the reminder depend on when they were planned (the reminder's lead is a share of the time since
 * the last client-visible message, which bookkeeping such as the acknowledgement may record a
 * moment after planning), so only their ids are compared.
 */
export function expectedTimers(request: TrackedRequest, settings: TimerSettings, now: number): TimerView[] {
  return timersInOrder(request, settings, now)
    .slice(0, 1)
    .map((timer) => ({
      id: timerJobId({ kind: timer.kind, teamId: request.teamId, requestId: request.id, dueAt: timer.dueAt }),
      kind: timer.kind,
      fireAt: PLANNED_WHEN.has(timer.kind) ? undefined : timer.fireAt,
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** Timers as compared: the on_track prompt and the reminder without their fire times. */
export function comparable(timers: TimerView[]): TimerView[] {
  return timers.map((t) => (PLANNED_WHEN.has(t.kind) ? { ...t, fireAt: undefined } : t));
}

const PLANNED_WHEN = new Set(['on_track', 'reminder']);

/** What the ledger still holds: requests marked for the relay and requests with intents not handed on. */
export async function relayLeftovers(redis: Redis, prefix: string, teamId: string): Promise<{ marked: string[]; withIntents: string[] }> {
  const k = teamKeys(prefix, teamId);
  const marked = await redis.zrange(k.relay, 0, -1);
  const withIntents: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${k.requestPrefix}*:intents`, 'COUNT', 1000);
    cursor = next;
    withIntents.push(...keys.map((key) => key.slice(k.requestPrefix.length, -':intents'.length)));
  } while (cursor !== '0');
  return { marked: marked.sort(), withIntents: withIntents.sort() };
}

/** The job id of the timer the request's hash names (what cancelAll would remove): none or one. */
export async function namedTimer(redis: Redis, prefix: string, request: Pick<TrackedRequest, 'teamId' | 'id'>): Promise<string[]> {
  const name = await redis.hget(teamKeys(prefix, request.teamId).request(request.id), 'timer');
  const match = /^([a-z_]+)_(\d+)$/.exec(name ?? '');
  return match ? [timerJobId({ kind: match[1] as TimerJob['kind'], teamId: request.teamId, requestId: request.id, dueAt: Number(match[2]) })] : [];
}
