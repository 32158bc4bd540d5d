/** The acknowledgement the client sees in the thread of their request. Pure. */
import type { TrackedRequest } from '../../domain/request';
import type { ChannelSettings } from '../../domain/settings';
import { messageTimes, t } from '../../i18n';
import { escapeMrkdwn, mention } from './mrkdwn';

export interface AcknowledgementInput {
  request: Pick<TrackedRequest, 'clientName' | 'nextUpdateDueAt' | 'clientTz'> & { clientUserId?: string };
  settings: Pick<ChannelSettings, 'language' | 'businessHours'>;
  /** Whether `now` is within business hours, and if not when the team is back. */
  backAt?: number;
  /** An urgent request out of hours whose on-call people were alerted. */
  onCall?: boolean;
  now: number;
}

export function acknowledgementMessage({ request, settings, backAt, onCall = false, now }: AcknowledgementInput) {
  const { language: lang, businessHours } = settings;
  // Slack would not tell us their name (user_not_visible): Slack shows the mention as their name.
  const name = request.clientName === '' && request.clientUserId ? mention(request.clientUserId) : escapeMrkdwn(request.clientName);
  // The zone is named once, with the first time the client reads: when the team is back, if said.
  const times = messageTimes({ now, timezone: businessHours.timezone, lang, readerZone: request.clientTz, instants: [request.nextUpdateDueAt, ...(backAt === undefined ? [] : [backAt])] });
  const backTime = onCall || backAt === undefined ? undefined : times.back(backAt);
  const time = times.due(request.nextUpdateDueAt);
  const text = onCall
    ? t(lang, 'ack.onCall', { name, time })
    : backTime === undefined
      ? t(lang, 'ack.withinHours', { name, time })
      : t(lang, 'ack.outsideHours', { name, time, backTime });
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
