/**
 * Slack retries an event it thinks we missed, and may deliver one twice. The first delivery of an
 * event id claims it (one `SET NX`); later ones are skipped, except a client's message: a process
 * that died between the claim and its answer leaves the claim behind, and the message must still
 * be handled when Slack sends it again. Its handling is one write-ahead (held under the intake job
 * id, which is the message's), so handling it twice queues it once: it claims nothing. A delivery
 * whose listeners fail releases its claim, so that Slack's retry is handled.
 */
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { ListenerContext } from '../context';

export function eventDedupe({ deps }: ListenerContext): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    // A client's message is handled again whatever a claim would say (see above): no claim.
    if (typeof eventId !== 'string' || isPlainMessage(body)) return next();
    if (!(await deps.events.claim(eventId))) {
      deps.log.debug({ eventId }, 'duplicate event skipped');
      return;
    }
    try {
      await next();
    } catch (error) {
      await deps.events.release(eventId).catch((err: unknown) => deps.log.warn({ eventId, err }, 'releasing a failed event failed'));
      throw error;
    }
  };
}

/** A message event without a subtype (or a file share, a thread broadcast): see receiveMessage. */
function isPlainMessage(body: unknown): boolean {
  const event = (body as { event?: { type?: unknown; subtype?: unknown } }).event;
  return event?.type === 'message' && (event.subtype === undefined || event.subtype === 'file_share' || event.subtype === 'thread_broadcast');
}
