/** Why catch-up stopped reading: Slack's rate limit (the round ends) or one channel it cannot read (skipped). */

export class HistoryRateLimitedError extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`rate limited by Slack; retry in ${retryAfterMs} ms`);
    this.name = 'HistoryRateLimitedError';
  }
}

export class ChannelUnreadableError extends Error {
  constructor(
    readonly channelId: string,
    readonly slackError: string,
  ) {
    super(`cannot read ${channelId}: ${slackError}`);
    this.name = 'ChannelUnreadableError';
  }
}
