/** How a failed Slack call should be retried: later (delay known), with backoff, or never. */
import { ErrorCode, type WebAPICallError } from '@slack/web-api';

/** Not sent; try again after `delayMs` (a 429's Retry-After, or our own per-channel pacing). */
export class RetryLaterError extends Error {
  constructor(readonly delayMs: number, reason: string) {
    super(`retry in ${delayMs} ms: ${reason}`);
    this.name = 'RetryLaterError';
  }
}

/** Slack said no in a way that retrying cannot change (channel_not_found, invalid_auth, …). */
export class PermanentDeliveryError extends Error {
  constructor(readonly slackError: string) {
    super(`Slack refused permanently: ${slackError}`);
    this.name = 'PermanentDeliveryError';
  }
}

const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'missing_scope',
  'invalid_arguments',
  'invalid_blocks',
  'msg_too_long',
  'no_text',
  'restricted_action',
  'cant_update_message',
  'message_not_found',
  'user_not_found',
]);

/** Errors that mean the wanted end state already holds. */
export const ALREADY_DONE = new Set(['already_reacted', 'no_reaction', 'message_not_found']);

export function slackErrorCode(error: unknown): string | undefined {
  const e = error as Partial<WebAPICallError> & { data?: { error?: string } };
  return e?.code === ErrorCode.PlatformError ? e.data?.error : undefined;
}

/** Maps a Web API failure onto our retry classes; anything else is transient (backoff). */
export function classifyDeliveryError(error: unknown): Error {
  const e = error as Partial<WebAPICallError> & { retryAfter?: number };
  if (e?.code === ErrorCode.RateLimitedError) {
    return new RetryLaterError(Math.max(1, e.retryAfter ?? 1) * 1000, 'rate limited by Slack');
  }
  const platform = slackErrorCode(error);
  if (platform && PERMANENT.has(platform)) return new PermanentDeliveryError(platform);
  if (platform === 'ratelimited') return new RetryLaterError(1000, 'rate limited by Slack');
  return error instanceof Error ? error : new Error(String(error));
}
