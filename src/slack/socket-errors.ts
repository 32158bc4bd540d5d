/**
 * Slack refusing the app-level token when we open a Socket Mode connection. Retrying will not help
 * (@slack/socket-mode would retry not_allowed_token_type forever), so start-up stops with an error
 * that names SLACK_APP_TOKEN.
 */

/** apps.connections.open answers that mean "this token will never open a connection". */
const REFUSALS = new Set([
  'not_authed',
  'invalid_auth',
  'not_allowed_token_type',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'team_disabled',
  'user_removed_from_team',
  'missing_scope',
  'no_permission',
]);

export class AppTokenRefusedError extends Error {
  constructor(
    /** Slack's error code, e.g. invalid_auth. */
    readonly slackError: string,
    options?: ErrorOptions,
  ) {
    super(
      `Slack refused SLACK_APP_TOKEN (${slackError}) when opening the Socket Mode connection: set it to an app-level ` +
        'token (xapp-…) of this app with the connections:write scope (Basic Information → App-Level Tokens), ' +
        'or leave it unset to run in HTTP mode; check SLACK_API_URL too',
      options,
    );
    this.name = 'AppTokenRefusedError';
  }
}

/** The refusal in an error from apps.connections.open, or undefined when it may be worth retrying. */
export function appTokenRefusal(error: unknown): AppTokenRefusedError | undefined {
  const { code, data } = (error ?? {}) as { code?: unknown; data?: { error?: unknown } };
  if (code !== 'slack_webapi_platform_error' || typeof data?.error !== 'string') return undefined;
  return REFUSALS.has(data.error) ? new AppTokenRefusedError(data.error, { cause: error }) : undefined;
}
