/** What the use cases are given by the composition root (src/main.ts → src/app-factory.ts). */
import type { Logger } from 'pino';
import type { Language } from '../domain/settings';
import type { HostFacts, MessageFacts } from '../domain/spotting-types';
import type { IntakeQueue, OutboxQueue } from '../jobs/queues';
import type { MessagePoster } from '../slack/outbound/message-poster';
import type { AtOnce, ChannelStates, HomeViewers, ClickLedger, ClientDirectory, ClientLine, Clock, DeadLetters, HistoryReader, EventLedger, PassedThanks, RelayLedger, RequestStore, SettingsStore, SlackDirectory, Timers, Turns } from './ports';
import type { StatusIndex } from './status/status-types';
import type { RetentionStore } from './retention/ports';
import type { CardBatches } from './card-batch-port';

export interface Host extends HostFacts {
  /** Workspace URL, e.g. https://acme.slack.com/ */
  url: string;
  /** Workspace name, for texts such as the refusal to non-members. */
  teamName: string;
}

export interface Deps {
  host: Host;
  clock: Clock;
  log: Logger;
  requests: RequestStore;
  /** What recorded changes promised and is not handed on yet (see ./relay). */
  relay: RelayLedger;
  /** Deliveries that failed for good, for `/status replay`. */
  deadLetters: DeadLetters;
  /** Client messages of each request go out one at a time, in the order decided. */
  clientLine: ClientLine;
  /** Clicks handled, so that the same click changes things once. */
  clicks: ClickLedger;
  /** Thanks passed on to clients' channels (one per channel and week). */
  thanks: PassedThanks;
  /** Channels Kuittaus cannot post in for now. */
  channels: ChannelStates;
  settings: SettingsStore;
  /** New cards of a triage channel waiting to be posted as one (see domain/card-batch). */
  cardBatches: CardBatches;
  directory: SlackDirectory;
  events: EventLedger;
  intake: IntakeQueue;
  outbox: OutboxQueue;
  timers: Timers;
  turns: Turns;
  status: StatusIndex;
  homeViewers: HomeViewers;
  /** Team leads from TEAM_LEADS (see the team view on Home, get the digest). */
  teamLeads: readonly string[];
  /** The team's language (DEFAULT_LANGUAGE), for texts that belong to no channel (Home, digest). */
  language: Language;
  /** DEFAULT_TIMEZONE, for texts that belong to no channel. */
  settingsTimezone: string;
  history: HistoryReader;
  /** Closed requests past their retention, and one client's data (export, erasure). */
  retention: RetentionStore;
  /** RETENTION_DAYS: how long a closed request is kept where its channel sets nothing. */
  retentionDays: number;
  clients: ClientDirectory;
  poster: MessagePoster;
  /** Reads one message from Slack (for manual triggers whose payload does not carry it). */
  fetchMessage(channelId: string, ts: string): Promise<MessageFacts | undefined>;
  trackReaction: string;
  /** The acknowledgement posted right after the request's write (the composition root sets it). */
  atOnce?: AtOnce;
  /** A timer firing later than this after its time joins a backlog summary (see domain/backlog). */
  lateTimerMs: number;
}
