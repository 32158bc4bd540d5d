/**
 * The on-call person's DM about an urgent request out of hours: what it is, and the card's own
 * buttons ([Claim] [Assign…] [Not a request]), so that one click takes it. Pure.
 */
import type { TrackedRequest } from '../../domain/request';
import type { Language } from '../../domain/settings';
import { t } from '../../i18n';
import { section } from './elements';
import { requestCard } from './request-card';
import { type RequestRef, clientOf, excerptLink } from './request-summary';

export interface OnCallAlertInput extends RequestRef {
  request: TrackedRequest;
  language: Language;
}

export function onCallAlertMessage(input: OnCallAlertInput): { text: string; blocks: unknown[] } {
  const { request, language: lang, workspaceUrl, clientLabel } = input;
  const text = t(lang, 'onCall.alert', { client: clientOf(input), excerpt: excerptLink(input) });
  const card = requestCard({ request, language: lang, workspaceUrl, ...(clientLabel ? { clientLabel } : {}) });
  // The card's header would repeat what the first line says.
  const [, ...rest] = card.blocks;
  return { text, blocks: [section(text), ...rest] };
}
