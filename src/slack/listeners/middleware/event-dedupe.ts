/**
 * Slack retries an event it thinks we missed, and may deliver one twice. An event id that was
 * handled to the end is skipped; it is marked only after the listeners succeeded, so a failed
 * first delivery is still handled by its retry. (Concurrent duplicates that slip through meet the
 * deterministic job ids and the (channel, ts) key.)
 */
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { ListenerContext } from '../context';

export function eventDedupe({ deps }: ListenerContext): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId !== 'string') return next();
    if (await deps.events.seen(eventId)) {
      deps.log.debug({ eventId }, 'duplicate event skipped');
      return;
    }
    await next();
    await deps.events.markSeen(eventId);
  };
}
