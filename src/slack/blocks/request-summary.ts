/** How a request is named in consultant-facing texts: client label and a short, escaped excerpt. */
import type { TrackedRequest } from '../../domain/request';
import type { Language } from '../../domain/settings';
import { escapeMrkdwn, link, mention, messageUrl, truncate } from './mrkdwn';

export interface RequestRef {
  request: Pick<TrackedRequest, 'channelId' | 'ts' | 'clientUserId' | 'excerpt'> & { threadTs?: string | undefined };
  workspaceUrl: string;
  clientLabel?: string | undefined;
  /** Finnish quotes the excerpt ”…”, English “…”. */
  language?: Language;
}

/** "Acme (<@U1>)" or "<@U1>": who asked. */
export function clientOf({ request, clientLabel }: RequestRef): string {
  return clientLabel ? `${escapeMrkdwn(clientLabel)} (${mention(request.clientUserId)})` : mention(request.clientUserId);
}

/** The excerpt, escaped and shortened, linked to the client's message. */
export function excerptLink({ request, workspaceUrl, language }: RequestRef, max = 120): string {
  const message = messageUrl(workspaceUrl, request.channelId, request.ts);
  // A reply (a client's @mention in someone else's thread) opens in its thread.
  const url = request.threadTs ? `${message}?thread_ts=${request.threadTs}&cid=${request.channelId}` : message;
  const [open, close] = language === 'fi' ? ['”', '”'] : ['“', '”'];
  return link(url, `${open}${truncate(request.excerpt, max)}${close}`);
}
