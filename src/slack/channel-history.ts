/**
 * ChannelHistory on the Web API: users.conversations (the channels the bot is in) and
 * conversations.history. The client must not retry or sleep by itself (retries: 0,
 * rejectRateLimitedCalls): a 429 becomes HistoryRateLimitedError and ends the round.
 */
import { ErrorCode, type WebClient } from '@slack/web-api';
import { ChannelUnreadableError, HistoryRateLimitedError } from '../app/catch-up/errors';
import type { ChannelHistory, HistoryPage } from '../app/catch-up/ports';
import type { ChannelFacts } from '../app/ports';
import type { MessageFacts } from '../domain/spotting-types';
import { slackErrorCode } from './outbound/delivery-errors';
import { messageFactsFrom } from './payloads';

/** Errors about one channel: the others can still be read. */
const UNREADABLE = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'missing_scope', 'access_denied']);

export class SlackChannelHistory implements ChannelHistory {
  constructor(
    private readonly client: WebClient,
    /** users.conversations pages of 200 channels at most. */
    private readonly maxChannelPages = 25,
  ) {}

  async memberChannels(): Promise<ChannelFacts[]> {
    const channels: ChannelFacts[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < this.maxChannelPages; page++) {
      const res = await slackCall(() =>
        this.client.users.conversations({ types: 'public_channel,private_channel', exclude_archived: true, limit: 200, ...(cursor ? { cursor } : {}) }),
      );
      for (const c of res.channels ?? []) {
        if (c.id) channels.push({ id: c.id, isExtShared: c.is_ext_shared === true, ...(c.name ? { name: c.name } : {}) });
      }
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!cursor) break;
    }
    return channels;
  }

  async page(channelId: string, range: { oldest: string; latest?: string; cursor?: string; limit: number }): Promise<HistoryPage> {
    const res = await slackCall(
      () =>
        this.client.conversations.history({
          channel: channelId,
          oldest: range.oldest,
          ...(range.latest ? { latest: range.latest } : {}),
          ...(range.cursor ? { cursor: range.cursor } : {}),
          limit: range.limit,
          inclusive: false,
        }),
      channelId,
    );
    const messages = (res.messages ?? []).map((m) => messageFactsFrom(m, channelId)).filter((m): m is MessageFacts => m !== undefined);
    const nextCursor = res.response_metadata?.next_cursor || undefined;
    return { messages, hasMore: res.has_more === true, ...(nextCursor ? { nextCursor } : {}) };
  }
}

async function slackCall<T>(call: () => Promise<T>, channelId?: string): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const e = error as { code?: string; retryAfter?: number };
    if (e?.code === ErrorCode.RateLimitedError) throw new HistoryRateLimitedError(Math.max(1, e.retryAfter ?? 1) * 1000);
    const code = slackErrorCode(error);
    if (code === 'ratelimited') throw new HistoryRateLimitedError(1000);
    if (channelId && code && UNREADABLE.has(code)) throw new ChannelUnreadableError(channelId, code);
    throw error;
  }
}
