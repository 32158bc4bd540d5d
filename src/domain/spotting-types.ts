/** Facts the spotting rules look at, extracted from Slack payloads by the Slack layer. */
import type { Priority } from './request';

export interface MessageFacts {
  channelId: string;
  ts: string;
  threadTs?: string;
  subtype?: string;
  botId?: string;
  userId?: string;
  /** Team of the author as Slack reports it on the event (`user_team`, else `team`). */
  authorTeamId?: string;
  /** The message's words; for a message forwarded without a comment, the forwarded text. */
  text: string;
  /**
   * The urgency read from the whole text, when `text` is only its excerpt (a queued job keeps no
   * more of a client's words than the request will: see ./intake-facts).
   */
  priority?: Priority;
  /** Written to Kuittaus itself, in a direct message (channel_type im). */
  direct?: boolean;
  /**
   * The event's envelope said the channel is shared with another organisation
   * (`is_ext_shared_channel: true`): no need to ask conversations.info.
   */
  extSharedChannel?: boolean;
}

/** Who we are, learned from auth.test at start-up. */
export interface HostFacts {
  teamId: string;
  enterpriseId?: string;
  botUserId: string;
  botId: string;
}

/** What users.info told us about an author (cached). */
export interface UserFacts {
  id: string;
  teamId?: string;
  enterpriseId?: string;
  isBot: boolean;
  isStranger: boolean;
  isRestricted: boolean;
  isUltraRestricted: boolean;
  deleted?: boolean;
  /** First name or display name to greet with. */
  greetingName: string;
  /** Their zone as Slack gives it (users.info `tz`, an IANA id), when it gives one. */
  tz?: string;
}

export type AuthorKind = 'client' | 'internal' | 'bot';
