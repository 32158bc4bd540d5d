/** Pieces shared by the payload builders. */
import { nextTriggerId } from '../slack-ids';
import { HOST_DOMAIN, HOST_TEAM } from '../slack-emulator/fixtures';

/** The verification token Slack still puts into payloads (deprecated; apps should ignore it). */
export const VERIFICATION_TOKEN = 'legacy-verification-token';

/** A response_url like Slack's (the app must not call it in tests unless a test serves it). */
export const responseUrl = (kind: 'commands' | 'actions' | 'app'): string =>
  `https://hooks.slack.com/${kind}/${HOST_TEAM}/${Date.now()}/${nextTriggerId().split('.')[2]?.slice(0, 24)}`;

export type ChannelType = 'channel' | 'group' | 'im' | 'mpim' | 'app_home';

/** C… public channel, G… private (legacy id), D… DM. Slack Connect channels are C… too. */
export function channelTypeOf(channelId: string): ChannelType {
  if (channelId.startsWith('D')) return 'im';
  if (channelId.startsWith('G')) return 'group';
  return 'channel';
}

export const teamObject = (teamId = HOST_TEAM) => ({ id: teamId, domain: teamId === HOST_TEAM ? HOST_DOMAIN : teamId.toLowerCase() });

/** The `user` of an interaction payload. */
export const userObject = (id: string, teamId = HOST_TEAM) => ({ id, username: id.toLowerCase(), name: id.toLowerCase(), team_id: teamId });

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

type RichTextElement =
  | { type: 'text'; text: string }
  | { type: 'user'; user_id: string }
  | { type: 'broadcast'; range: string }
  | { type: 'link'; url: string; text?: string };

/**
 * The rich_text block a Slack client sends along with what a person typed: mentions, broadcasts
 * and links of the (Slack-escaped) text become their own elements.
 */
export function richTextBlocks(text: string): Array<Record<string, unknown>> {
  const elements: RichTextElement[] = [];
  const pattern = /<(@[UW][A-Z0-9]+|![a-z]+(?:\^[^|>]*)?|https?:[^|>]+)(?:\|([^>]*))?>/g;
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > last) elements.push({ type: 'text', text: unescape(text.slice(last, m.index)) });
    const ref = m[1] as string;
    if (ref.startsWith('@')) elements.push({ type: 'user', user_id: ref.slice(1) });
    else if (/^!(channel|here|everyone)$/.test(ref)) elements.push({ type: 'broadcast', range: ref.slice(1) });
    else if (ref.startsWith('!')) elements.push({ type: 'text', text: m[0] });
    else elements.push({ type: 'link', url: ref, ...(m[2] ? { text: unescape(m[2]) } : {}) });
    last = m.index + m[0].length;
  }
  if (last < text.length) elements.push({ type: 'text', text: unescape(text.slice(last)) });
  if (elements.length === 0) return [];
  return [{ type: 'rich_text', block_id: blockIdFor(text), elements: [{ type: 'rich_text_section', elements }] }];
}

/** Slack's block ids of typed messages are short random-looking strings; ours are derived from the text. */
function blockIdFor(text: string): string {
  let h = 0;
  for (const ch of text) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return h.toString(36).slice(0, 5).padStart(5, '0');
}
