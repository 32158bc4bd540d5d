/** Small Block Kit element builders shared by the messages and modals. Pure. */
import { truncate } from './mrkdwn';

export const plain = (text: string) => ({ type: 'plain_text' as const, text: truncate(text, 150), emoji: true });

export function button(actionId: string, text: string, value: string, style?: 'primary' | 'danger') {
  return {
    type: 'button',
    action_id: actionId,
    text: plain(truncate(text, 75)),
    value,
    ...(style ? { style } : {}),
  };
}

export const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text: truncate(text, 3000) } });

export const context = (text: string) => ({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, 3000) }] });
