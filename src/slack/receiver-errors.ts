/**
 * What Slack hears when handling a request fails. A payload the app cannot read (Bolt or a listener
 * trips over a missing or mistyped field) is logged and answered 200: Slack retrying it would not
 * help. Anything else (Redis down, a queue unreachable) answers 500 so that Slack retries the event.
 */
import { randomUUID } from 'node:crypto';
import type { ReceiverProcessEventErrorHandlerArgs } from '@slack/bolt';
import { AuthorizationError } from '@slack/bolt';
import type { Logger } from 'pino';

const MALFORMED = [TypeError, SyntaxError, RangeError];

export function isMalformedPayloadError(error: unknown): boolean {
  const original = (error as { original?: unknown }).original ?? error;
  return MALFORMED.some((kind) => original instanceof kind) || (original as { name?: string })?.name === 'ZodError';
}

export function processEventErrorHandler(log: Logger) {
  return async ({ error, response }: ReceiverProcessEventErrorHandlerArgs): Promise<boolean> => {
    if (response.headersSent) {
      log.error({ err: error }, 'a listener failed after its request was answered');
      return false;
    }
    if (error instanceof AuthorizationError) {
      response.writeHead(401);
      response.end();
      return true;
    }
    if (isMalformedPayloadError(error)) {
      log.warn({ errorId: randomUUID().slice(0, 8), err: { name: (error as Error).name, message: (error as Error).message } }, 'malformed payload ignored');
      response.writeHead(200);
      response.end();
      return true;
    }
    log.error({ err: error }, 'request failed; Slack will retry it');
    response.writeHead(500);
    response.end();
    return false;
  };
}
