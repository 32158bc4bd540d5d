/**
 * Slack would not describe a user (users.info answered `user_not_visible`, `user_not_found`, …):
 * a refusal that retrying does not change. Transient trouble (timeouts, 5xx, 429) is not this.
 */
export class UserLookupError extends Error {
  constructor(
    readonly userId: string,
    /** Slack's error code. */
    readonly code: string,
  ) {
    super(`users.info could not describe ${userId}: ${code}`);
    this.name = 'UserLookupError';
  }
}
