/**
 * Slack's pace for posting in one channel, as an opt-in rule of the emulator: about one
 * chat.postMessage per second per channel, with a short burst allowed, and a 429 with
 * `Retry-After` beyond it (the post is not applied). A token bucket per channel.
 */
export interface ChannelPaceOptions {
  /** Posts per second a channel takes for ever (Slack: about 1). */
  perSecond: number;
  /** Posts a quiet channel takes at once before the pace applies. */
  burst: number;
}

export class ChannelPace {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly options: ChannelPaceOptions) {}

  /** Takes a post in `channel` at `now`; answers the seconds to wait when it is over the pace. */
  take(channel: string, now: number): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const { perSecond, burst } = this.options;
    const bucket = this.buckets.get(channel) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    this.buckets.set(channel, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond)) };
  }
}
