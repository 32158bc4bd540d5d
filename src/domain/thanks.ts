/**
 * The team's thanks to a client: the weekly digest offers each team lead, per client channel with
 * requests resolved in the week, to pass the consultants' thanks on with one click. Which channels
 * (most resolved first), how many requests and who worked on them are decided here. Pure.
 */
import type { RequestHistory } from './metrics';

export interface ThanksOffer {
  channelId: string;
  /** Requests of the channel resolved in the week. */
  resolved: number;
  /** Who resolved them (their owners, else who resolved them), most requests first. */
  people: string[];
}

/** A digest offers at most this many channels (Slack allows 50 blocks in a message). */
export const MAX_THANKS_OFFERS = 10;
/** A thank-you is signed by at most this many people (those with the most requests). */
export const MAX_THANKS_PEOPLE = 8;

/** Channels to thank for the window [from, to): those with requests resolved in it, most first. */
export function thanksOffers(histories: readonly RequestHistory[], from: number, to: number, max = MAX_THANKS_OFFERS): ThanksOffer[] {
  const byChannel = new Map<string, { resolved: number; people: Map<string, number> }>();
  for (const { request } of histories) {
    const { channelId, resolvedAt } = request;
    if (request.state !== 'resolved' || resolvedAt === undefined || resolvedAt < from || resolvedAt >= to || !channelId) continue;
    const entry = byChannel.get(channelId) ?? { resolved: 0, people: new Map<string, number>() };
    entry.resolved += 1;
    const person = request.ownerId ?? request.resolvedBy;
    if (person) entry.people.set(person, (entry.people.get(person) ?? 0) + 1);
    byChannel.set(channelId, entry);
  }
  const mostFirst = <K extends string>(a: [K, number], b: [K, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  return [...byChannel.entries()]
    .map(([channelId, { resolved, people }]) => ({ channelId, resolved, people: [...people.entries()].sort(mostFirst).slice(0, MAX_THANKS_PEOPLE).map(([id]) => id) }))
    .sort((a, b) => mostFirst([a.channelId, a.resolved], [b.channelId, b.resolved]))
    .slice(0, max);
}

/**
 * The week a digest covers, named by its first day in the team's zone (`YYYY-MM-DD`): one digest
 * per lead and week, one thank-you per channel and week, even when a digest runs late.
 */
export function digestWeek(from: number, timezone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(from);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** How long after its week a digest's offer may still be taken up (a thank-you is about that week). */
export const THANKS_VALID_MS = 14 * 24 * 3600_000;

/** Whether thanks for the week that began at `from` are too late at `now`. */
export function thanksTooLate(from: number, now: number): boolean {
  return now - from > THANKS_VALID_MS;
}
