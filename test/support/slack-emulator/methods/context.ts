/** What a method handler gets and returns. */
import type { Workspace } from '../workspace';
import type { Args, StoredMessage } from '../types';

export interface MethodContext {
  ws: Workspace;
  teamId: string;
  teamName: string;
  domain: string;
  /** Where the content of a file being uploaded is to be posted (the emulator's own URL). */
  uploadUrl(fileId: string): string;
}

/** The fields of a successful answer besides `ok: true`. Throw SlackError for `ok: false`. */
export type Handler = (args: Args, ctx: MethodContext) => Record<string, unknown>;

export const flag = (v: unknown): boolean => v === true || v === 'true' || v === '1' || v === 1;

/** A stored message as the Web API shows it (no channel; thread and reaction summaries). */
export function publicMessage(ctx: MethodContext, m: StoredMessage, withMetadata: boolean): Record<string, unknown> {
  const { channel, metadata, reactions, ...rest } = m;
  const out: Record<string, unknown> = { ...rest };
  if (withMetadata && metadata) out.metadata = metadata;
  if (reactions.length > 0) out.reactions = reactions.map((r) => ({ ...r, users: [...r.users] }));
  const replies = m.thread_ts === undefined || m.thread_ts === m.ts ? ctx.ws.replies(channel, m.ts) : [];
  if (replies.length > 0) {
    out.thread_ts = m.ts;
    out.reply_count = replies.length;
    out.reply_users = [...new Set(replies.map((r) => r.user).filter((u) => u !== undefined))];
    out.reply_users_count = (out.reply_users as string[]).length;
    out.latest_reply = replies[replies.length - 1]?.ts;
  }
  return out;
}

/** `oldest`/`latest`/`inclusive` of conversations.history and .replies. */
export function inRange(ts: string, args: Args): boolean {
  const inclusive = flag(args.inclusive);
  const n = Number(ts);
  if (args.oldest !== undefined && args.oldest !== '') {
    const o = Number(args.oldest);
    if (inclusive ? n < o : n <= o) return false;
  }
  if (args.latest !== undefined && args.latest !== '') {
    const l = Number(args.latest);
    if (inclusive ? n > l : n >= l) return false;
  }
  return true;
}

export function limitOf(args: Args, fallback: number, max: number): number {
  const n = Number(args.limit ?? fallback);
  return Number.isFinite(n) && n > 0 ? Math.min(n, max) : fallback;
}
