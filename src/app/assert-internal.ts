/** The one check every action of our own people goes through: the user is internal. */
import { classifyAuthor } from '../domain/spotting';
import { slackErrorCode } from '../slack/outbound/delivery-errors';
import type { Deps } from './deps';
import { KuittausError } from './errors/kuittaus-error';

/** Checked in the listener too, so that the person gets a refusal at once. */
export async function assertInternal(deps: Pick<Deps, 'directory' | 'host'>, teamId: string, userId: string) {
  const user = await deps.directory.user(teamId, userId).catch((error: unknown) => {
    // Someone Slack does not know (a forged or garbled user id) is certainly not one of us.
    if (slackErrorCode(error) === 'user_not_found') return undefined;
    throw error;
  });
  if (!user || classifyAuthor(user, deps.host) !== 'internal') {
    throw new KuittausError('NOT_INTERNAL_USER', `${userId} is not an internal user`);
  }
}
