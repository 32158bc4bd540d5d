/** Slack payload → domain facts. Anything malformed comes back undefined (logged, ignored). */
import { z } from 'zod';
import type { MessageFacts } from '../domain/spotting-types';

/** Slack ids and message timestamps as Slack writes them; anything else is not a real event. */
const slackId = z.string().regex(/^[A-Z0-9]{2,}$/);
const slackTs = z.string().regex(/^\d{1,12}\.\d{1,9}$/);

const messageEvent = z.object({
  channel: slackId,
  ts: slackTs,
  thread_ts: slackTs.optional(),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
  user: slackId.optional(),
  user_team: z.string().optional(),
  team: z.string().optional(),
  text: z.string().optional(),
  channel_type: z.string().optional(),
  /** A forwarded ("shared") message arrives as an attachment with `is_share`. */
  attachments: z.array(z.object({ is_share: z.boolean().optional(), text: z.string().optional(), fallback: z.string().optional() }).passthrough()).optional(),
  files: z.array(z.object({ title: z.string().optional(), name: z.string().optional() }).passthrough()).optional(),
});

type ParsedMessage = z.infer<typeof messageEvent>;

/**
 * The words of a message: its own text, or, when it has none (forwarded without a comment, a file
 * posted alone), the forwarded messages' texts, else the files' titles.
 */
export function messageText(e: Pick<ParsedMessage, 'text' | 'attachments' | 'files'>): string {
  if (e.text && e.text.trim() !== '') return e.text;
  const shared = (e.attachments ?? []).filter((a) => a.is_share).map((a) => a.text || a.fallback || '').filter((t) => t.trim() !== '');
  if (shared.length > 0) return shared.join('\n');
  const files = (e.files ?? []).map((f) => f.title || f.name || '').filter((t) => t.trim() !== '');
  return files.join(', ');
}

export function messageFactsFrom(event: unknown, channelFallback?: string): MessageFacts | undefined {
  const withChannel =
    channelFallback && event && typeof event === 'object' && !('channel' in event)
      ? { ...event, channel: channelFallback }
      : event;
  const parsed = messageEvent.safeParse(withChannel);
  if (!parsed.success) return undefined;
  const e = parsed.data;
  return {
    channelId: e.channel,
    ts: e.ts,
    text: messageText(e),
    ...(e.thread_ts ? { threadTs: e.thread_ts } : {}),
    ...(e.subtype ? { subtype: e.subtype } : {}),
    ...(e.bot_id ? { botId: e.bot_id } : {}),
    ...(e.user ? { userId: e.user } : {}),
    ...(e.user_team || e.team ? { authorTeamId: e.user_team ?? e.team } : {}),
    ...(e.channel_type === 'im' ? { direct: true } : {}),
  };
}

/** Whether an Events API envelope says its channel is shared with another organisation. */
export const isExtSharedChannel = (body: unknown): boolean =>
  (body as { is_ext_shared_channel?: unknown } | undefined)?.is_ext_shared_channel === true;

/** The workspace a payload belongs to (events: team_id; interactions: team.id / user.team_id). */
export function teamIdOf(body: unknown): string | undefined {
  const b = body as { team_id?: string; team?: { id?: string } | string; user?: { team_id?: string } };
  if (typeof b?.team_id === 'string') return b.team_id;
  if (typeof b?.team === 'object' && b.team?.id) return b.team.id;
  if (typeof b?.team === 'string') return b.team;
  return b?.user?.team_id;
}
