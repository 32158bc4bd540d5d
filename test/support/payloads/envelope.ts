/** The Events API envelope (`event_callback`) around an event. */
import { nextEventId } from '../slack-ids';
import { APP_ID, BOT_USER, HOST_TEAM } from '../slack-emulator/fixtures';
import { VERIFICATION_TOKEN } from './common';

export type Authorization = {
  enterprise_id: string | null;
  team_id: string | null;
  user_id: string;
  is_bot: boolean;
  is_enterprise_install: boolean;
};

export type EventEnvelope<E> = {
  token: string;
  team_id: string;
  context_team_id: string;
  context_enterprise_id: string | null;
  api_app_id: string;
  event: E;
  type: 'event_callback';
  event_id: string;
  event_time: number;
  authorizations: Authorization[];
  is_ext_shared_channel: boolean;
  event_context: string;
};

export interface EnvelopeOptions {
  /** The installation's team (default T0HOST). */
  teamId?: string;
  /** Default: unique ("Ev…"). Reuse one to emulate Slack's retries of the same event. */
  eventId?: string;
  /** Unix seconds; default: the event's event_ts (or ts), else now. */
  eventTime?: number;
  /** True for events from Slack Connect channels. */
  isExtSharedChannel?: boolean;
  authorizations?: Authorization[];
}

const secondsOf = (event: object): number | undefined => {
  const e = event as { event_ts?: unknown; ts?: unknown };
  const ts = typeof e.event_ts === 'string' ? e.event_ts : typeof e.ts === 'string' ? e.ts : undefined;
  return ts === undefined ? undefined : Math.floor(Number(ts));
};

/** `event_callback` envelope around an event, as POSTed to the Request URL. */
export function eventEnvelope<E extends object>(event: E, o: EnvelopeOptions = {}): EventEnvelope<E> {
  const teamId = o.teamId ?? HOST_TEAM;
  const e = event as { type?: unknown; channel?: unknown; item?: { channel?: unknown } };
  const context = { et: e.type, tid: teamId, aid: APP_ID, cid: e.channel ?? e.item?.channel };
  return {
    token: VERIFICATION_TOKEN,
    team_id: teamId,
    context_team_id: teamId,
    context_enterprise_id: null,
    api_app_id: APP_ID,
    event,
    type: 'event_callback',
    event_id: o.eventId ?? nextEventId(),
    event_time: o.eventTime ?? secondsOf(event) ?? Math.floor(Date.now() / 1000),
    authorizations: o.authorizations ?? [{ enterprise_id: null, team_id: teamId, user_id: BOT_USER, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: o.isExtSharedChannel ?? false,
    event_context: `4-${Buffer.from(JSON.stringify(context)).toString('base64url')}`,
  };
}
