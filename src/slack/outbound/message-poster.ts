/**
 * Posts messages that matter exactly once. Slack has no idempotency key, so every message we post
 * carries metadata naming its delivery key; if an attempt may have reached Slack (a crash, a
 * timeout, a 5xx) the next attempt first looks for a message with that key and reuses it.
 * Posts to one channel are paced to about one a second across all instances (Slack's limit).
 */
import { ErrorCode, type WebClient } from '@slack/web-api';
import type { RedisClient } from '../../store/redis-client';
import type { Result } from 'ioredis';
import type { Logger } from 'pino';
import { globalKeys, teamKeys } from '../../store/keys';
import { HOLD, PACE } from '../../store/pace-scripts';
import type { SlotClaim } from '../../app/ports';
import { MetadataEventType } from '../ids';
import { ALREADY_DONE, RetryLaterError, UNKNOWN_OUTCOME_ERRORS, classifyDeliveryError, slackErrorCode } from './delivery-errors';
import { defineScript } from '../../store/script-command';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    kuittausPace(...args: Array<string | number>): Result<number, Context>;
    kuittausHold(key: string, ms: number, spacingMs: number, refusedKey: string): Result<number, Context>;
    kuittausClaimAttempt(...args: Array<string | number>): Result<number, Context>;
  }
}

interface OutgoingBase {
  /** Unique per logical message, e.g. `ack_T1_R00000001`. */
  deliveryKey: string;
  channel: string;
  threadTs?: string;
  /**
   * The time this message promises the next update by (epoch ms), when it promises one: kept in
   * its metadata, so that what a thread promised can be audited without reading its words.
   */
  promisedAt?: number;
  /**
   * Nothing can have attempted this message before (its request was created by the caller just
   * now): the attempt is claimed together with the channel's slot, without reading it first. Should
   * another attempt have started meanwhile after all, the claim fails and this one retries later.
   */
  fresh?: boolean;
  /**
   * Its attempt was claimed at this time, and its channel's slot taken, by the write that created
   * its request (see SlotClaim): it is posted at once.
   */
  claimedAt?: number;
}

/** One of our messages edited in place (see MessagePoster.edit). */
export interface EditedMessage {
  /** The message's own delivery key, as posted. */
  deliveryKey: string;
  /** Delivery keys of the messages this edit tells instead of posting them. */
  folded: string[];
  channel: string;
  ts: string;
  text: string;
  blocks?: unknown[];
  /** The time the message promises the next update by now (epoch ms). */
  promisedAt?: number;
}

export interface MessageBody {
  text: string;
  blocks?: unknown[];
}

/**
 * A message, or one whose body is composed only once its channel's slot has come (a batch card
 * lists the requests that joined it while it waited): `compose` runs right before the post.
 */
export type OutgoingMessage = OutgoingBase & (MessageBody | { compose: () => Promise<MessageBody> });

export interface MessagePosterOptions {
  /** Minimum gap between posts to one channel. */
  channelIntervalMs: number;
  /**
   * Searches for a post that may have landed, per workspace and minute (each page counts one):
   * beyond it the job waits for the next minute, so a tight Slack limit on conversations.history
   * and .replies slows reconciliation down instead of looping on 429s.
   */
  searchesPerMinute?: number;
  /** Pages of 200 messages searched before giving up (and posting again, with a warning). */
  searchPages?: number;
  log?: Pick<Logger, 'warn'>;
  /** Real time, for the search budget's minutes (tests pin it). */
  realNow?: () => number;
  /**
   * How long an attempt that got no answer (timeout, reset, crash) may still land in Slack. Until
   * then another attempt waits instead of searching, so a late post is not missed and doubled;
   * the same wait keeps a second copy of a job from posting while the first is in flight.
   */
  settleMs: number;
}

/**
 * How far apart the slots of one channel are: the interval and 5 % more. A slot is taken in Redis
 * a moment before the post leaves this process, and that moment varies (a busy event loop): the
 * margin keeps the posts at least the interval apart when they reach Slack.
 */
export function paceSpacing(intervalMs: number): number {
  return intervalMs + Math.round(intervalMs * 0.05);
}

/** KEYS: 1 attempt key; ARGV: 1 the attempt read ('' = none), 2 the new attempt, 3 ttl (s). 1 when recorded. */
const CLAIM_ATTEMPT_LUA = `
if (redis.call('GET', KEYS[1]) or '') ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'EX', tonumber(ARGV[3]))
return 1
`;

/** Longer than a job keeps retrying (~3 h), so a lost answer is always looked up before a repost. */
const ATTEMPT_TTL_SECONDS = 24 * 3600;

export class MessagePoster {
  private readonly keys;
  private readonly attempts;
  private readonly dms = new Map<string, string>();

  constructor(
    private readonly client: WebClient,
    private readonly redis: RedisClient,
    prefix: string,
    /** The workspace whose messages these are (its delivery attempts are kept with its keys). */
    teamId: string,
    private readonly options: MessagePosterOptions = { channelIntervalMs: 1000, settleMs: 12_000 },
  ) {
    this.keys = globalKeys(prefix);
    this.attempts = teamKeys(prefix, teamId);
    defineScript(redis, 'kuittausPace', { numberOfKeys: 1, lua: PACE });
    defineScript(redis, 'kuittausHold', { numberOfKeys: 1, lua: HOLD });
    defineScript(redis, 'kuittausClaimAttempt', { numberOfKeys: 1, lua: CLAIM_ATTEMPT_LUA });
  }

  /**
   * Returns the ts of the message, new or found. Throws RetryLaterError, PermanentDeliveryError.
   * A user id as channel means a DM from the app; it is posted to (and searched in) that DM.
   */
  async postOnce(outgoing: OutgoingMessage): Promise<string> {
    const message = { ...outgoing, channel: await this.conversationFor(outgoing.channel) };
    const attemptKey = this.attempts.sendAttempt(message.deliveryKey);
    if (message.claimedAt !== undefined && !('compose' in message)) return this.send(message, message, attemptKey, message.claimedAt);
    if (message.fresh && !('compose' in message)) return this.postFresh(message, attemptKey);
    const recorded = await this.redis.get(attemptKey);
    const previous = parseAttempt(recorded);
    if (previous) {
      // Maybe posted (no answer, a 5xx, internal_error …): a late post may still land; wait for
      // it to settle, then look for it before posting again.
      const unsettled = previous.since + this.options.settleMs - Date.now();
      if (unsettled > 0) throw new RetryLaterError(unsettled, `an earlier attempt of ${message.deliveryKey} may still land`, true);
      const found = await this.findPosted(message, previous.since);
      if (found) return found;
    }
    await this.paceChannel(message.channel, message.deliveryKey);
    const body = 'compose' in message ? await message.compose() : message;
    const since = Date.now();
    // Two jobs may post the same message at once (a claim's ETA question and the same question
    // asked again on a reopen): only the one that still finds the attempt it read posts.
    if ((await this.redis.kuittausClaimAttempt(attemptKey, recorded ?? '', String(since), ATTEMPT_TTL_SECONDS)) !== 1) {
      throw new RetryLaterError(this.options.settleMs, `another attempt of ${message.deliveryKey} is under way`, true);
    }
    return this.send(message, body, attemptKey, since);
  }

  /** A message no attempt can have gone before: its attempt claimed and its slot reserved in one wait. */
  private async postFresh(message: OutgoingBase & MessageBody, attemptKey: string): Promise<string> {
    const since = Date.now();
    const [claimed, paced] = await Promise.allSettled([
      this.redis.kuittausClaimAttempt(attemptKey, '', String(since), ATTEMPT_TTL_SECONDS),
      this.paceChannel(message.channel, message.deliveryKey),
    ]);
    if (claimed.status === 'rejected') throw claimed.reason;
    if (claimed.value !== 1) throw new RetryLaterError(this.options.settleMs, `another attempt of ${message.deliveryKey} is under way`, true);
    if (paced.status === 'rejected') {
      // Not posted: the next attempt need not look for it (if this fails, it looks, and finds nothing).
      await this.redis.del(attemptKey).catch(() => undefined);
      throw paced.reason;
    }
    return this.send(message, message, attemptKey, since);
  }

  /** The post itself, its attempt claimed at `since`; on failure, what the next attempt must know. */
  private async send(message: OutgoingBase, body: MessageBody, attemptKey: string, since: number): Promise<string> {
    try {
      const res = await this.client.chat.postMessage({
        channel: message.channel,
        text: body.text,
        ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
        ...(body.blocks ? { blocks: body.blocks as never } : {}),
        unfurl_links: false,
        unfurl_media: false,
        metadata: {
          event_type: MetadataEventType,
          event_payload: { delivery_key: message.deliveryKey, ...(message.promisedAt === undefined ? {} : { promised_at: message.promisedAt }) },
        },
      });
      if (!res.ts) throw new Error('chat.postMessage answered without a ts');
      return res.ts;
    } catch (error) {
      const classified = classifyDeliveryError(error);
      const code = slackErrorCode(error);
      // A 429 or a refusal means nothing was posted: the next attempt need not look. A 429 holds
      // the channel for its Retry-After, for every post there.
      if (classified instanceof RetryLaterError) await this.hold(message.channel, classified.delayMs, message.deliveryKey);
      if (classified instanceof RetryLaterError || (code && !UNKNOWN_OUTCOME_ERRORS.has(code))) await this.redis.del(attemptKey);
      // Slack answered (5xx, internal_error, fatal_error …): the post may have gone through; the
      // next attempt looks for it before posting again.
      else if (code || (error as { code?: string }).code === ErrorCode.HTTPError) {
        await this.redis.set(attemptKey, `${since}:answered`, 'EX', ATTEMPT_TTL_SECONDS);
      }
      throw classified;
    }
  }

  /**
   * Holds the channel after a 429 (see HOLD). Failing (Redis), the channel is not held: the refused
   * post still waits its Retry-After, and the others meet the 429 themselves.
   */
  private async hold(channel: string, ms: number, refusedKey: string): Promise<void> {
    await this.redis.kuittausHold(this.attempts.channelPace(channel), ms, paceSpacing(this.options.channelIntervalMs), refusedKey).catch((error: unknown) => {
      this.options.log?.warn({ channel, err: error }, 'holding the channel after a 429 failed');
    });
  }

  /**
   * A post's slot and attempt for the write that creates its request to take (see SlotClaim): the
   * post must then be made with `claimedAt: since`, or be left to a later attempt, which finds
   * the attempt (and looks for the post after it settled) or its reserved slot.
   */
  claimFor(deliveryKey: string): SlotClaim {
    return { deliveryKey, spacingMs: paceSpacing(this.options.channelIntervalMs), since: Date.now(), ttlSeconds: ATTEMPT_TTL_SECONDS };
  }

  /** The DM channel with a user (conversations.open, remembered), or the channel itself. */
  private async conversationFor(channel: string): Promise<string> {
    if (!/^[UW][A-Z0-9]+$/.test(channel)) return channel;
    const known = this.dms.get(channel);
    if (known) return known;
    try {
      const res = await this.client.conversations.open({ users: channel });
      const id = res.channel?.id;
      if (!id) throw new Error('conversations.open answered without a channel id');
      this.dms.set(channel, id);
      return id;
    } catch (error) {
      throw classifyDeliveryError(error);
    }
  }

  /**
   * Edits one of our messages that carries a delivery key, keeping the key in its metadata and
   * adding the keys of the messages told by the edit (`folded`), so that whoever looks for those by
   * their keys finds them there. The same edit made twice is harmless. Unlike `update`, a message
   * that is gone is an error (PermanentDeliveryError `message_not_found`): what the edit was to
   * say must then be posted.
   */
  async edit(edited: EditedMessage): Promise<void> {
    try {
      await this.client.chat.update({
        channel: edited.channel,
        ts: edited.ts,
        text: edited.text,
        ...(edited.blocks ? { blocks: edited.blocks as never } : {}),
        metadata: {
          event_type: MetadataEventType,
          event_payload: {
            delivery_key: edited.deliveryKey,
            ...(edited.folded.length > 0 ? { folded: edited.folded.join(',') } : {}),
            ...(edited.promisedAt === undefined ? {} : { promised_at: edited.promisedAt }),
          },
        },
      });
    } catch (error) {
      throw classifyDeliveryError(error);
    }
  }

  async update(channel: string, ts: string, text: string, blocks?: unknown[]): Promise<void> {
    await this.call(() =>
      this.client.chat.update({ channel, ts, text, ...(blocks ? { blocks: blocks as never } : {}) }),
    );
  }

  /** App Home: the view replaces what the user had. */
  async publishHome(userId: string, view: unknown): Promise<void> {
    await this.call(() => this.client.views.publish({ user_id: userId, view: view as never }));
  }

  async delete(channel: string, ts: string): Promise<void> {
    await this.call(() => this.client.chat.delete({ channel, ts }));
  }

  async addReaction(channel: string, timestamp: string, name: string): Promise<void> {
    await this.call(() => this.client.reactions.add({ channel, timestamp, name }));
  }

  async removeReaction(channel: string, timestamp: string, name: string): Promise<void> {
    await this.call(() => this.client.reactions.remove({ channel, timestamp, name }));
  }

  private async call(fn: () => Promise<unknown>): Promise<void> {
    try {
      await fn();
    } catch (error) {
      const code = slackErrorCode(error);
      if (code && ALREADY_DONE.has(code)) return;
      throw classifyDeliveryError(error);
    }
  }

  /**
   * Pacing by reservation: a post that finds its channel's slot taken reserves the next free one
   * and waits exactly until then (one hop, first come first served), instead of all of them trying
   * again at once every interval. A post that comes back for its reservation takes it.
   */
  private async paceChannel(channel: string, deliveryKey: string): Promise<void> {
    const wait = Number(await this.redis.kuittausPace(this.attempts.channelPace(channel), paceSpacing(this.options.channelIntervalMs), deliveryKey));
    if (wait <= 0) return;
    throw new RetryLaterError(wait, `pacing posts to ${channel}: slot reserved in ${wait} ms`);
  }

  private async findPosted(message: OutgoingMessage, sinceMs: number): Promise<string | undefined> {
    try {
      return await this.searchPosted(message, sinceMs);
    } catch (error) {
      // The thread is gone (parent deleted): nothing of ours can be there.
      if (slackErrorCode(error) === 'thread_not_found') return undefined;
      throw classifyDeliveryError(error);
    }
  }

  /**
   * Looks for our message with this delivery key among those posted in the attempt's time window
   * (from a minute before it to a minute after it settled), page by page, within the budget.
   */
  private async searchPosted(message: OutgoingMessage, sinceMs: number): Promise<string | undefined> {
    const window = {
      oldest: ((sinceMs - 60_000) / 1000).toFixed(6),
      latest: ((sinceMs + this.options.settleMs + 60_000) / 1000).toFixed(6),
      inclusive: true,
      include_all_metadata: true,
      limit: 200,
    };
    const maxPages = this.options.searchPages ?? 10;
    let cursor: string | undefined;
    for (let page = 0; page < maxPages; page++) {
      await this.spendSearchBudget();
      const args = { channel: message.channel, ...window, ...(cursor ? { cursor } : {}) };
      const res = message.threadTs
        ? await this.client.conversations.replies({ ...args, ts: message.threadTs })
        : await this.client.conversations.history(args);
      const match = (res.messages ?? []).find((m) => {
        const meta = (m as { metadata?: { event_type?: string; event_payload?: { delivery_key?: string } } }).metadata;
        return meta?.event_type === MetadataEventType && meta.event_payload?.delivery_key === message.deliveryKey;
      });
      if (match?.ts) return match.ts;
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!res.has_more || !cursor) return undefined;
    }
    this.options.log?.warn(
      { deliveryKey: message.deliveryKey, channel: message.channel, pages: maxPages },
      'searched as far as allowed for a post that may have landed and did not find it: posting again (a duplicate is possible)',
    );
    return undefined;
  }

  private async spendSearchBudget(): Promise<void> {
    const perMinute = this.options.searchesPerMinute ?? 50;
    const now = (this.options.realNow ?? Date.now)();
    const minute = Math.floor(now / 60_000);
    const key = this.keys.searchBudget(minute);
    const [[, spent]] = (await this.redis.multi().incr(key).pexpire(key, 61_000).exec()) as [[unknown, number], unknown];
    if (spent > perMinute) {
      throw new RetryLaterError((minute + 1) * 60_000 - now + 10, 'search budget of this minute spent');
    }
  }
}

function parseAttempt(value: string | null): { since: number; answered: boolean } | undefined {
  if (!value) return undefined;
  const [since, answered] = value.split(':');
  return { since: Number(since), answered: answered === 'answered' };
}
