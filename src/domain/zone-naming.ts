/**
 * When a message names the zone its times are written in.
 *
 * Times are written on the channel's clock (`zone`: its business-hours zone). A reader reads them
 * on their own clock (`readerZone`): for a client, the zone Slack gives for them (users.info `tz`);
 * for our own people, the team's zone (DEFAULT_TIMEZONE). The zone is named when, and only when,
 * the two clocks can read differently:
 *
 * - the reader's zone is unknown (a request recorded before we kept it, Slack gave none, or one
 *   that is not a zone we know), or
 * - at one of `instants` the two zones are at different offsets from UTC.
 *
 * `instants` are every time the message names and `now` ("today" and "tomorrow" are read on the
 * calendar of `now`). Offsets are compared, not zone ids: a client in Tallinn reads "14:30 today"
 * in a Helsinki channel exactly as it is meant, while one in Istanbul does so in summer (both at
 * UTC+3) and not in winter. Pure: no clock, no Slack.
 */
import { zoneOffsetMs } from './local-time';

export function zoneMustBeNamed(zone: string, readerZone: string | undefined, instants: readonly number[]): boolean {
  if (!readerZone) return true;
  if (readerZone === zone) return false;
  try {
    return instants.some((at) => zoneOffsetMs(at, zone) !== zoneOffsetMs(at, readerZone));
  } catch (error) {
    // Intl does not know the zone: the reader's clock cannot be vouched for.
    if (error instanceof RangeError) return true;
    throw error;
  }
}
