/**
 * Client text is never trusted. Escaping &, < and > turns every Slack control sequence
 * (<!channel>, <!here>, <!everyone>, <!subteam^…>, <@U…>, <http…|…>) into visible text; a word
 * joiner after "@" keeps plain "@channel"/"@here"/"@everyone" from being linked into a ping.
 */
const BROADCAST = /@(channel|here|everyone)\b/gi;

export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(BROADCAST, '@\u2060$1');
}

/** Quote client text as a mrkdwn block quote, escaped, each line prefixed. */
export function quote(text: string): string {
  return escapeMrkdwn(text)
    .split('\n')
    .map((line) => `&gt; ${line}`)
    .join('\n');
}

/** Cut text to `max` characters (by code point) for Block Kit limits. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…';
}

export const mention = (userId: string) => `<@${userId}>`;
export const channelLink = (channelId: string) => `<#${channelId}>`;
export const link = (url: string, label: string) => `<${url}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>`;

/** A message permalink built from the workspace URL auth.test gave us (no API call needed). */
export function messageUrl(workspaceUrl: string, channelId: string, ts: string): string {
  const base = workspaceUrl.endsWith('/') ? workspaceUrl : `${workspaceUrl}/`;
  return `${base}archives/${channelId}/p${ts.replace('.', '')}`;
}
