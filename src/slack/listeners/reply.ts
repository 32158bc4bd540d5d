/** Ephemeral replies to the person who clicked or typed. Best effort: they are not client messages. */
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';

export async function replyEphemeral(
  client: WebClient,
  log: Logger,
  where: { channel?: string; user: string },
  text: string,
): Promise<void> {
  try {
    if (where.channel) {
      await client.chat.postEphemeral({ channel: where.channel, user: where.user, text });
    } else {
      // No channel (e.g. App Home): a DM from the app's Messages tab.
      await client.chat.postMessage({ channel: where.user, text });
    }
  } catch (error) {
    log.warn({ err: error, user: where.user }, 'ephemeral reply failed');
  }
}
