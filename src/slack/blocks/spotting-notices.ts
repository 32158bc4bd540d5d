/** What Kuittaus says outside request threads: its answer to a direct message, and the triage note about an author it could not place. Pure. */
import type { Language } from '../../domain/settings';
import { t } from '../../i18n';
import { section } from './elements';
import { channelLink, link, mention, messageUrl } from './mrkdwn';

type Message = { text: string; blocks: unknown[] };

/** The answer to a direct message: what Kuittaus does, and where the team finds it. */
export function directMessageHelp(lang: Language): Message {
  const text = t(lang, 'dm.help');
  return { text, blocks: [section(text)] };
}

export interface UnknownAuthorInput {
  userId: string;
  channelId: string;
  ts: string;
  code: string;
  trackReaction: string;
  workspaceUrl: string;
  language: Language;
}

/** To triage: a message whose author Slack would not describe and the event did not place. */
export function unknownAuthorMessage(input: UnknownAuthorInput): Message {
  const { language: lang } = input;
  const text = t(lang, 'author.unknown', {
    user: mention(input.userId),
    code: `\`${input.code.replace(/[`<>&]/g, '')}\``,
    channel: channelLink(input.channelId),
    reaction: input.trackReaction.replace(/[^a-z0-9_+-]/gi, ''),
    message: link(messageUrl(input.workspaceUrl, input.channelId, input.ts), t(lang, 'author.openMessage')),
  });
  return { text, blocks: [section(text)] };
}
