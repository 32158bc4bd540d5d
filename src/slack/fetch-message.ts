/** Reads one message (top level or in a thread) for manual triggers whose payload lacks it. */
import type { WebClient } from '@slack/web-api';
import type { MessageFacts } from '../domain/spotting-types';
import { messageFactsFrom } from './payloads';

export function messageFetcher(client: WebClient) {
  return async (channelId: string, ts: string): Promise<MessageFacts | undefined> => {
    const history = await client.conversations.history({ channel: channelId, latest: ts, oldest: ts, inclusive: true, limit: 1 });
    const top = history.messages?.find((m) => m.ts === ts);
    if (top) return messageFactsFrom(top, channelId);
    const replies = await client.conversations.replies({ channel: channelId, ts, limit: 1 });
    const reply = replies.messages?.find((m) => m.ts === ts);
    return reply ? messageFactsFrom(reply, channelId) : undefined;
  };
}
