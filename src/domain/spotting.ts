/**
 * The rules that decide whether a Slack message can open a request: which messages are looked at
 * at all, who wrote them, and whether they continue the author's last request.
 * Pleasantries are ./classifier's business; whether the channel is managed is the caller's.
 */
import type { AuthorKind, HostFacts, MessageFacts, UserFacts } from './spotting-types';

/** Why a message is not looked at. */
export type IgnoreReason = 'thread_reply' | 'subtype' | 'bot' | 'self' | 'no_user' | 'empty';

export type ScreenResult = { track: true } | { track: false; reason: IgnoreReason };

/** Subtypes that are still a person's own new message; every other subtype is ignored. */
const TRACKED_SUBTYPES: ReadonlySet<string> = new Set(['file_share']);

/**
 * Whether a message event is a candidate request: top level, written by a person, not by us.
 * Rules are checked in this order, so the reason is the first that fails: self, subtype,
 * thread_reply, bot, no_user, empty.
 */
export function screenMessage(msg: MessageFacts, host: HostFacts): ScreenResult {
  const ignore = (reason: IgnoreReason): ScreenResult => ({ track: false, reason });
  if (msg.userId === host.botUserId || msg.botId === host.botId) return ignore('self');
  if (msg.subtype !== undefined && !TRACKED_SUBTYPES.has(msg.subtype)) return ignore('subtype');
  if (msg.threadTs !== undefined && msg.threadTs !== msg.ts) return ignore('thread_reply');
  if (msg.botId !== undefined) return ignore('bot');
  if (!msg.userId) return ignore('no_user');
  if (msg.text.trim() === '' && msg.subtype !== 'file_share') return ignore('empty');
  return { track: true };
}

/**
 * Who wrote it: a bot; a client (someone from another organisation, or a guest of ours); or one of
 * us. Another workspace of the same Enterprise Grid organisation counts as us. A user whose team
 * is unknown and who is neither a stranger nor a guest counts as internal.
 */
export function classifyAuthor(user: UserFacts, host: HostFacts): AuthorKind {
  if (user.isBot) return 'bot';
  if (user.isStranger || user.isRestricted || user.isUltraRestricted) return 'client';
  const otherTeam = user.teamId !== undefined && user.teamId !== host.teamId;
  const sameEnterprise = user.enterpriseId !== undefined && user.enterpriseId === host.enterpriseId;
  return otherTeam && !sameEnterprise ? 'client' : 'internal';
}

/**
 * When Slack will not describe the author (users.info answers `user_not_visible`), the team the
 * event names for them decides: another team is a client, ours is us. Undefined when the event
 * names no team: nobody can tell. (A member of another workspace of our Enterprise Grid
 * organisation has another team id too: users.info is the only way to tell them from a client.)
 */
export function classifyByTeam(authorTeamId: string | undefined, host: HostFacts): Exclude<AuthorKind, 'bot'> | undefined {
  if (!authorTeamId) return undefined;
  return authorTeamId === host.teamId || authorTeamId === host.enterpriseId ? 'internal' : 'client';
}

/**
 * A person's own message to Kuittaus in a direct message (not our own, not a bot's, not an edit):
 * it gets a short answer saying what Kuittaus does.
 */
export function isDirectMessageToUs(msg: MessageFacts, host: HostFacts): boolean {
  if (!msg.direct || !msg.userId || msg.botId !== undefined) return false;
  if (msg.userId === host.botUserId) return false;
  return msg.subtype === undefined || TRACKED_SUBTYPES.has(msg.subtype);
}

/** Whether a message at `at` joins the author's last request, made at `lastRequestAt`. */
export function isContinuation(lastRequestAt: number | undefined, at: number, windowMs: number): boolean {
  if (lastRequestAt === undefined) return false;
  const elapsed = at - lastRequestAt;
  return elapsed >= 0 && elapsed <= windowMs;
}
