/**
 * How a failed Slack call is treated. Every error code Slack may answer falls in one class, and
 * an unknown code is permanent: it reaches a person at once instead of being retried for hours.
 *
 * | class          | codes (Web API `error`, or the transport)                              | treatment |
 * |----------------|------------------------------------------------------------------------|-----------|
 * | rate limited   | HTTP 429 (Retry-After), `ratelimited`                                  | delayed by Retry-After, no attempt used |
 * | unknown outcome| timeouts, resets, HTTP 5xx, `internal_error`, `fatal_error`,            | backoff (~3 h of attempts); a post may have landed: the next attempt searches first |
 * |                | `request_timeout`, `service_unavailable`                               | |
 * | auth           | `invalid_auth`, `not_authed`, `token_revoked`, `token_expired`,          | parked: the app is not ready, work waits until auth.test passes again |
 * |                | `account_inactive`                                                     | |
 * | permanent      | everything else: `channel_not_found`, `not_in_channel`, `is_archived`,   | the job fails; the request records it, the owner and team leads are told, a dead letter waits for `/status replay` |
 * |                | `restricted_action`, `msg_too_long`, `missing_scope`, `ekm_access_denied`,| |
 * |                | `team_access_not_granted`, `access_denied`, unknown codes …            | |
 */
import { ErrorCode, type WebAPICallError } from '@slack/web-api';

/** Not sent; try again after `delayMs` (a 429's Retry-After, our own pacing, parked work). */
export class RetryLaterError extends Error {
  constructor(
    readonly delayMs: number,
    reason: string,
    /** Another attempt at the same message is in flight (it may record what this one would). */
    readonly inFlight = false,
  ) {
    super(`retry in ${delayMs} ms: ${reason}`);
    this.name = 'RetryLaterError';
  }
}

/** Slack said no in a way that retrying cannot change (channel_not_found, msg_too_long, …). */
export class PermanentDeliveryError extends Error {
  constructor(readonly slackError: string) {
    super(`Slack refused permanently: ${slackError}`);
    this.name = 'PermanentDeliveryError';
  }
}

/** Not tried: the channel is lost (the bot removed, archived, unshared, deleted); the team was told once. */
export class ChannelLostError extends PermanentDeliveryError {
  constructor(reason: string) {
    super(reason);
    this.name = 'ChannelLostError';
  }
}

/** Slack refuses our token: nothing can be sent until it works again. */
export class SlackAuthError extends Error {
  constructor(readonly slackError: string) {
    super(`Slack refuses the bot token: ${slackError}`);
    this.name = 'SlackAuthError';
  }
}

/** The token no longer works: park the work, do not fail it. */
export const AUTH_ERRORS = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive']);

/** Slack's own trouble: the call may or may not have taken effect. */
export const UNKNOWN_OUTCOME_ERRORS = new Set(['internal_error', 'fatal_error', 'request_timeout', 'service_unavailable']);

/** Errors that mean the wanted end state already holds. */
export const ALREADY_DONE = new Set(['already_reacted', 'no_reaction', 'message_not_found']);

export function slackErrorCode(error: unknown): string | undefined {
  const e = error as Partial<WebAPICallError> & { data?: { error?: string } };
  return e?.code === ErrorCode.PlatformError ? e.data?.error : undefined;
}

/** Maps a Web API failure onto our retry classes (see the table above); anything else is transient. */
export function classifyDeliveryError(error: unknown): Error {
  if (error instanceof RetryLaterError || error instanceof PermanentDeliveryError || error instanceof SlackAuthError) return error;
  const e = error as Partial<WebAPICallError> & { retryAfter?: number };
  if (e?.code === ErrorCode.RateLimitedError) {
    return new RetryLaterError(Math.max(1, e.retryAfter ?? 1) * 1000, 'rate limited by Slack');
  }
  const platform = slackErrorCode(error);
  if (platform === undefined) return error instanceof Error ? error : new Error(String(error));
  if (platform === 'ratelimited') return new RetryLaterError(1000, 'rate limited by Slack');
  if (AUTH_ERRORS.has(platform)) return new SlackAuthError(platform);
  if (UNKNOWN_OUTCOME_ERRORS.has(platform)) return error instanceof Error ? error : new Error(platform);
  return new PermanentDeliveryError(platform);
}

/** The Slack error code a failure is about, for people and logs ("not_in_channel", "timeout"). */
export function failureCode(error: unknown): string {
  if (error instanceof PermanentDeliveryError || error instanceof SlackAuthError) return error.slackError;
  const platform = slackErrorCode(error);
  if (platform) return platform;
  const code = (error as { code?: string })?.code;
  return code ?? (error instanceof Error ? error.name : 'unknown');
}
