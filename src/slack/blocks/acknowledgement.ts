/** The acknowledgement the client sees in the thread of their request, as posted and as it lives on. Pure. */
import type { TrackedRequest } from '../../domain/request';
import type { ChannelSettings } from '../../domain/settings';
import { messageTimes, t } from '../../i18n';
import { escapedWithin } from './client-updates';
import { section } from './elements';
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
  const name = greetingOf(request);
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

/** Slack would not tell us their name (user_not_visible): Slack shows the mention as their name. */
function greetingOf(request: AcknowledgementInput['request']): string {
  return request.clientName === '' && request.clientUserId ? mention(request.clientUserId) : escapeMrkdwn(request.clientName);
}

export interface LivingAcknowledgementInput {
  request: AcknowledgementInput['request'];
  settings: AcknowledgementInput['settings'];
  /** The owner's greeting name ("Aino"), once the owner is folded in. */
  owner?: string;
  /** The first estimate folded in, and the owner's note with it. */
  eta?: { etaAt: number; note?: string };
  /** The next update it promises now (the estimate's, or the acknowledgement's own). */
  promisedAt: number;
  now: number;
}

/**
 * The acknowledgement edited in place as the owner and the first ETA come (see
 * ../../domain/living-ack): "Thanks, Maria — we've received your request. Aino from our team is
 * on it; estimated resolution 16:00 today. You'll get the next update by 13:07 today." The
 * owner's note, their own words, follows in a section of its own.
 */
export function livingAcknowledgementMessage({ request, settings, owner, eta, promisedAt, now }: LivingAcknowledgementInput) {
  const { language: lang, businessHours } = settings;
  // The zone is named once, with the first time the client reads (the estimate's, if told).
  const instants = [...(eta ? [eta.etaAt] : []), promisedAt];
  const times = messageTimes({ now, timezone: businessHours.timezone, lang, readerZone: request.clientTz, instants });
  const time = (at: number) => times.due(at);
  const ownerName = owner === undefined ? undefined : escapeMrkdwn(owner);
  const status =
    ownerName !== undefined && eta
      ? t(lang, 'ack.living.ownerEta', { owner: ownerName, eta: time(eta.etaAt) })
      : ownerName !== undefined
        ? t(lang, 'ack.living.owner', { owner: ownerName })
        : eta
          ? t(lang, 'ack.living.eta', { eta: time(eta.etaAt) })
          : '';
  const line = t(lang, 'ack.living', { name: greetingOf(request), status, time: time(promisedAt) }).replace(/ {2}/g, ' ');
  const note = eta?.note?.trim();
  if (!note) return { text: line, blocks: [section(line)] };
  const label = t(lang, 'client.note', { note: '' });
  return {
    text: `${line}\n${t(lang, 'client.note', { note: escapeMrkdwn(note) })}`,
    blocks: [section(line), section(label + escapedWithin(note, 3000 - label.length))],
  };
}
