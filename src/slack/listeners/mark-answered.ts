/** A prompt (a DM with buttons) once answered: its text stays, its buttons give way to what was done. */
import type { WebClient } from '@slack/web-api';
import { answeredPrompt } from '../blocks/owner-prompts';
import type { ListenerContext } from './context';

export async function markAnswered(client: WebClient, log: ListenerContext['deps']['log'], channel: string, message: { ts: string; text: string }, done: string) {
  try {
    const answered = answeredPrompt(message.text, done);
    await client.chat.update({ channel, ts: message.ts, text: answered.text, blocks: answered.blocks as never });
  } catch (error) {
    log.warn({ err: error, channel }, 'could not mark the prompt answered');
  }
}
