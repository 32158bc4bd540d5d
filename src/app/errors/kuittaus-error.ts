/** One error base with stable codes; the Slack layer turns known codes into friendly replies. */
export type ErrorCode =
  | 'NOT_INTERNAL_USER'
  | 'REQUEST_NOT_FOUND'
  | 'REQUEST_ALREADY_DISMISSED'
  | 'NOT_IN_MANAGED_CHANNEL'
  | 'MALFORMED_PAYLOAD';

export class KuittausError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = code,
  ) {
    super(message);
    this.name = 'KuittausError';
  }
}

export function isKuittausError(error: unknown, code?: ErrorCode): error is KuittausError {
  return error instanceof KuittausError && (code === undefined || error.code === code);
}
