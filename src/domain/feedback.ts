/**
 * Feedback by reaction on the closing message, read from a request's event log: each person's
 * reactions that still stand (added and not removed), the latest being their rating. A reaction
 * added while another stands changes the rating; removing the latest falls back to the one before.
 */
import type { RequestEvent } from './request';

export type Rating = 'positive' | 'neutral' | 'negative';

const isRating = (value: unknown): value is Rating => value === 'positive' || value === 'neutral' || value === 'negative';

export interface StandingRating {
  userId: string;
  rating: Rating;
  /** When the reaction was added. */
  at: number;
  fromClient: boolean;
}

/** Every person's current rating of one request, in the order they were given. */
export function standingRatings(events: readonly RequestEvent[]): StandingRating[] {
  const byUser = new Map<string, StandingRating[]>();
  for (const e of events) {
    const rating = e.data?.rating;
    if (!e.actorId || !isRating(rating)) continue;
    const standing = (byUser.get(e.actorId) ?? []).filter((s) => s.rating !== rating);
    if (e.type === 'feedback') standing.push({ userId: e.actorId, rating, at: e.at, fromClient: e.data?.fromClient === true });
    if (e.type === 'feedback' || e.type === 'feedback_removed') byUser.set(e.actorId, standing);
  }
  return [...byUser.values()].flatMap((standing) => standing.slice(-1)).sort((a, b) => a.at - b.at);
}

/** One person's current rating, if any. */
export function ratingOf(events: readonly RequestEvent[], userId: string): Rating | undefined {
  return standingRatings(events).find((s) => s.userId === userId)?.rating;
}

/** Feedback that people on our side should hear of at once. */
export const isCritical = (rating: Rating): boolean => rating !== 'positive';
