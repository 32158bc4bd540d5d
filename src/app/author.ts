/**
 * Who wrote a message: users.info (cached) decides; when Slack will not describe the author
 * (`user_not_visible` …), the team the event names for them decides instead; when the event names
 * none, nobody can tell (the caller tells a person, never silence).
 */
import { classifyAuthor, classifyByTeam } from '../domain/spotting';
import type { AuthorKind, UserFacts } from '../domain/spotting-types';
import type { Deps } from './deps';
import { UserLookupError } from './errors/user-lookup-error';

export type Author = { kind: AuthorKind; facts: UserFacts } | { kind: 'unknown'; code: string };

export async function authorOf(
  deps: Pick<Deps, 'directory' | 'host' | 'log'>,
  teamId: string,
  userId: string,
  authorTeamId: string | undefined,
): Promise<Author> {
  try {
    const facts = await deps.directory.user(teamId, userId);
    return { kind: classifyAuthor(facts, deps.host), facts };
  } catch (error) {
    if (!(error instanceof UserLookupError)) throw error;
    const kind = classifyByTeam(authorTeamId, deps.host);
    deps.log.warn({ user: userId, code: error.code, decidedBy: kind ? 'event_team' : 'nobody' }, 'users.info could not describe the author');
    if (!kind) return { kind: 'unknown', code: error.code };
    // No name to greet with: the acknowledgement names them by mention.
    const facts: UserFacts = { id: userId, isBot: false, isStranger: kind === 'client', isRestricted: false, isUltraRestricted: false, greetingName: '' };
    return { kind, facts: authorTeamId ? { ...facts, teamId: authorTeamId } : facts };
  }
}
