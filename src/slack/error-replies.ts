/** Known errors become a friendly ephemeral text; unknown ones an error id in the log. */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { isKuittausError } from '../app/errors/kuittaus-error';
import type { Language } from '../domain/settings';
import { t } from '../i18n';

export interface ReplyContext {
  lang: Language;
  log: Logger;
  /** Workspace name, for the refusal to people outside it. */
  teamName: string;
}

export function replyFor(error: unknown, { lang, log, teamName }: ReplyContext, context: Record<string, unknown>): string {
  if (isKuittausError(error)) {
    log.info({ ...context, code: error.code }, 'refused');
    switch (error.code) {
      case 'NOT_INTERNAL_USER':
        return t(lang, 'refusal.notInternal', { team: teamName });
      case 'REQUEST_ALREADY_DISMISSED':
        return t(lang, 'dismiss.alreadyDismissed');
      case 'REQUEST_ALREADY_OWNED':
        return t(lang, 'claim.alreadyOwned', { owner: error.details.owner ?? '' });
      case 'REQUEST_CLOSED':
        return t(lang, 'claim.closed');
      case 'REQUEST_ALREADY_RESOLVED':
        return t(lang, 'request.alreadyResolved');
      case 'REQUEST_NOT_RESOLVED':
        return t(lang, 'request.notResolved');
      case 'REQUEST_NOT_OWNED':
        return t(lang, 'request.notOwned');
      case 'REQUEST_ALREADY_WAITING':
        return t(lang, 'request.alreadyWaiting');
      case 'ASSIGNEE_NOT_INTERNAL':
        return t(lang, 'assign.notInternal', { user: error.details.user ?? '' });
      case 'NOT_TEAM_LEAD':
        return t(lang, 'settings.notLead');
      case 'REQUEST_NOT_FOUND':
        return t(lang, 'error.requestNotFound');
      case 'BUTTON_NOT_FOR_THIS_MESSAGE':
        return t(lang, 'error.buttonNotForThisMessage');
      case 'NOT_IN_MANAGED_CHANNEL':
        return t(lang, 'track.notInManagedChannel');
      case 'UNKNOWN_CLIENT':
        return t(lang, 'status.unknownClient', { client: error.details.client ?? '' });
      case 'MALFORMED_PAYLOAD':
        break;
    }
  }
  const errorId = randomUUID().slice(0, 8);
  log.error({ ...context, errorId, err: error }, 'unexpected error');
  return t(lang, 'error.generic', { errorId });
}
