/**
 * Ports: what the use cases need from the outside world, named by capability. Adapters live in
 * src/store (Redis), src/jobs (BullMQ) and src/slack (Web API); in-memory fakes in test/support.
 */
import type { Priority, RequestEvent, RequestState, RequestTrigger, TrackedRequest } from '../domain/request';
import type { ChannelSettings } from '../domain/settings';
import type { UserFacts } from '../domain/spotting-types';

export interface NewRequest {
  teamId: string;
  channelId: string;
  ts: string;
  clientUserId: string;
  clientName: string;
  excerpt: string;
  priority: Priority;
  trigger: RequestTrigger;
  /** Epoch ms the request counts from (the client message's ts). */
  createdAt: number;
  nextUpdateDueAt: number;
  actorId?: string;
}

export type CreateOutcome =
  | { outcome: 'created'; request: TrackedRequest }
  /** The message was tracked before (a Slack retry, a second instance, a second trigger). */
  | { outcome: 'duplicate'; requestId: string }
  /** A continuation: the client wrote again within the window; the message joined their request. */
  | { outcome: 'joined'; request: TrackedRequest };

export interface RequestPatch {
  state?: RequestState;
  ownerId?: string;
  ackTs?: string;
  cardChannelId?: string;
  cardTs?: string;
  lastUpdateAt?: number;
  dismissedBy?: string;
}

export interface RequestStore {
  /**
   * Atomically: if (channel, ts) is tracked already → duplicate; else if `continuationWindowMs`
   * is given and the same client opened a request in the channel within it → joined; else created.
   */
  createOrJoin(input: NewRequest, continuationWindowMs: number): Promise<CreateOutcome>;
  get(teamId: string, requestId: string): Promise<TrackedRequest | undefined>;
  findByMessage(teamId: string, channelId: string, ts: string): Promise<string | undefined>;
  /**
   * Applies the patch and appends the event in one step. The revision is bumped when the patch
   * changes what a person sees (not for ackTs, cardTs, cardChannelId, lastUpdateAt). `expectState` guards a transition:
   * when given and the current state is not among them, nothing changes and undefined is returned.
   */
  update(
    teamId: string,
    requestId: string,
    patch: RequestPatch,
    event: RequestEvent,
    expectState?: RequestState[],
  ): Promise<TrackedRequest | undefined>;
  events(teamId: string, requestId: string): Promise<RequestEvent[]>;
}

/** Remembers Slack event ids so that retries and duplicate deliveries are handled once. */
export interface EventLedger {
  seen(eventId: string): Promise<boolean>;
  markSeen(eventId: string): Promise<void>;
}

export interface ChannelFacts {
  id: string;
  isExtShared: boolean;
  name?: string;
}

/** Facts about Slack users and channels, cached (Redis with a TTL) in front of the Web API. */
export interface SlackDirectory {
  user(teamId: string, userId: string): Promise<UserFacts>;
  channel(teamId: string, channelId: string): Promise<ChannelFacts>;
}

export interface SettingsStore {
  forChannel(teamId: string, channelId: string): Promise<ChannelSettings>;
}

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
