/**
 * A Web API client of the poster's tests, without HTTP: chat.postMessage records the post (text
 * and metadata, with a ts), and conversations.history answers what was posted, newest first.
 */
import type { WebClient } from '@slack/web-api';

export interface RecordedPost {
  ts: string;
  text: string;
  metadata: unknown;
}

export function recordingSlack(): { client: WebClient; posted: RecordedPost[]; texts: () => string[] } {
  const posted: RecordedPost[] = [];
  const client = {
    chat: {
      postMessage: async (args: { text: string; metadata?: unknown }) => {
        const ts = `${Math.floor(Date.now() / 1000)}.${String(posted.length + 1).padStart(6, '0')}`;
        posted.push({ ts, text: args.text, metadata: args.metadata });
        return { ok: true, ts };
      },
    },
    conversations: {
      history: async () => ({ ok: true, messages: [...posted].reverse().map((m) => ({ ...m, bot_id: 'B0BOT' })), has_more: false }),
    },
  };
  return { client: client as unknown as WebClient, posted, texts: () => posted.map((p) => p.text) };
}
