/** One error base with stable codes; the Slack layer turns known codes into friendly replies. */
export type ErrorCode =
  | 'NOT_INTERNAL_USER'
  | 'REQUEST_NOT_FOUND'
  | 'REQUEST_ALREADY_DISMISSED'
  | 'REQUEST_ALREADY_OWNED'
  | 'REQUEST_CLOSED'
  | 'REQUEST_ALREADY_RESOLVED'
  | 'REQUEST_NOT_RESOLVED'
  | 'REQUEST_NOT_OWNED'
  | 'REQUEST_ALREADY_WAITING'
  /** A person who cannot own requests (a guest, someone from another organisation, a bot). */
  | 'ASSIGNEE_NOT_INTERNAL'
  /** `/status <name>` where no channel's settings name that client. */
  | 'UNKNOWN_CLIENT'
  /** Settings are for team leads. */
  | 'NOT_TEAM_LEAD'
  | 'NOT_IN_MANAGED_CHANNEL'
  /** A request's button clicked on a card that is not that request's card. */
  | 'BUTTON_NOT_FOR_THIS_MESSAGE'
  | 'MALFORMED_PAYLOAD';

export class KuittausError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = code,
    /** Values for the friendly text (e.g. who owns the request already). */
    readonly details: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'KuittausError';
  }
}

export function isKuittausError(error: unknown, code?: ErrorCode): error is KuittausError {
  return error instanceof KuittausError && (code === undefined || error.code === code);
}
