/**
 * The channel's zone in what the client reads: named only where the client's clock can read the
 * times differently (their zone unknown, or at another offset), and then once per message, with
 * its first time, never in parentheses within parentheses.
 */
import type { Language } from '../../../src/domain/settings';
import type { ClientUpdate } from '../../../src/jobs/job-schemas';
import { acknowledgementMessage } from '../../../src/slack/blocks/acknowledgement';
import { clientUpdateMessage } from '../../../src/slack/blocks/client-updates';
import { at } from '../domain/instants';

const HELSINKI = 'Europe/Helsinki';
const hours = { timezone: HELSINKI, workingDays: [1, 2, 3, 4, 5], startMinute: 540, endMinute: 1020, holidays: [] };
// Monday 30 Nov 2026 (Helsinki at UTC+2).
const NOW = at('2026-11-30T12:00:00+02:00');
const NEXT = at('2026-11-30T14:00:00+02:00');
const ETA = at('2026-12-01T12:00:00+02:00');
const OLD_ETA = at('2026-11-30T16:00:00+02:00');
const MISSED = at('2026-11-29T16:00:00+02:00');

const ZONE_LABEL: Record<Language, string> = { en: 'Helsinki time', fi: 'Suomen aikaa' };
const count = (text: string, part: string) => text.split(part).length - 1;

/** Readers: whether the zone is named for them in a Helsinki channel in late November. */
const READERS: Array<[string, string | undefined, boolean]> = [
  ['in Helsinki', HELSINKI, false],
  ['in Tallinn', 'Europe/Tallinn', false],
  ['in New York', 'America/New_York', true],
  ['in London', 'Europe/London', true],
  ['of unknown zone (a request recorded before zones were kept)', undefined, true],
];

describe('the acknowledgement', () => {
  const ack = (lang: Language, clientTz: string | undefined, kind: 'within' | 'outside' | 'onCall') => {
    const friday = at('2026-11-27T18:00:00+02:00');
    const within = kind === 'within';
    return acknowledgementMessage({
      request: { clientName: 'Maria', nextUpdateDueAt: within ? NEXT : at('2026-11-30T10:00:00+02:00'), clientTz },
      settings: { language: lang, businessHours: hours },
      now: within ? NOW : friday,
      ...(kind === 'outside' ? { backAt: at('2026-11-30T09:00:00+02:00') } : {}),
      onCall: kind === 'onCall',
    }).text;
  };

  it.each<[string, Language, string | undefined, 'within' | 'outside' | 'onCall', string]>([
    ['in hours, client in New York', 'en', 'America/New_York', 'within', "Thanks, Maria — we've received your request and we're on it. You'll get the next update by 14:00 Helsinki time today."],
    ['in hours, client in Helsinki', 'en', HELSINKI, 'within', "Thanks, Maria — we've received your request and we're on it. You'll get the next update by 14:00 today."],
    ['in hours, client in London', 'fi', 'Europe/London', 'within', 'Kiitos, Maria – pyyntösi on vastaanotettu ja asia on työn alla. Kerromme tilanteesta viimeistään tänään klo 14.00 Suomen aikaa.'],
    ['in hours, client in Helsinki', 'fi', HELSINKI, 'within', 'Kiitos, Maria – pyyntösi on vastaanotettu ja asia on työn alla. Kerromme tilanteesta viimeistään tänään klo 14.00.'],
    [
      'out of hours, client zone unknown', 'en', undefined, 'outside',
      "Thanks, Maria — we've received your request. Our team is back on Monday at 09:00 Helsinki time, and you'll get the first update by Mon 30 Nov at 10:00.",
    ],
    [
      'out of hours, client in New York', 'fi', 'America/New_York', 'outside',
      'Kiitos, Maria – pyyntösi on vastaanotettu. Tiimimme on taas paikalla maanantaina klo 9.00 Suomen aikaa ja kerromme tilanteesta viimeistään ma 30.11. klo 10.00.',
    ],
    [
      'out of hours, client in Tallinn', 'en', 'Europe/Tallinn', 'outside',
      "Thanks, Maria — we've received your request. Our team is back on Monday at 09:00, and you'll get the first update by Mon 30 Nov at 10:00.",
    ],
    [
      'urgent out of hours, client in London', 'en', 'Europe/London', 'onCall',
      "Thanks, Maria — we've received your urgent request and alerted our on-call person. You'll get the first update by Mon 30 Nov at 10:00 Helsinki time.",
    ],
  ])('when %s (%s), then it reads as expected', (_label, lang, clientTz, kind, expected) => {
    expect(ack(lang, clientTz, kind)).toBe(expected);
  });

  it.each(READERS.flatMap(([label, tz, named]) => (['en', 'fi'] as const).flatMap((lang) => (['within', 'outside', 'onCall'] as const).map((kind) => [label, lang, kind, tz, named] as const))))(
    'when the client is %s (%s, %s), then the zone is named as often as it must be: at most once',
    (_label, lang, kind, tz, named) => {
      const text = ack(lang, tz, kind);
      expect(count(text, ZONE_LABEL[lang])).toBe(named ? 1 : 0);
      expect(text).not.toContain('(');
    },
  );
});

describe('client updates', () => {
  const render = (update: ClientUpdate, lang: Language, clientTz: string | undefined) =>
    clientUpdateMessage(update, { language: lang, timezone: HELSINKI, now: NOW, clientTz }).text;
  const REVISION: ClientUpdate = { type: 'eta', etaAt: ETA, previousEtaAt: OLD_ETA, nextUpdateDueAt: NEXT };
  const SLIP: ClientUpdate = { type: 'eta', etaAt: ETA, previousEtaAt: MISSED, missedEta: MISSED, reason: 'the vendor needs another day', nextUpdateDueAt: NEXT };

  it.each<[string, ClientUpdate, Language, string | undefined, string]>([
    ['a revision, client in New York', REVISION, 'en', 'America/New_York', 'New estimated resolution: 12:00 Helsinki time tomorrow (was 16:00 today).\nNext update by 14:00 today.'],
    ['a revision, client in Helsinki', REVISION, 'en', HELSINKI, 'New estimated resolution: 12:00 tomorrow (was 16:00 today).\nNext update by 14:00 today.'],
    ['a revision, client zone unknown', REVISION, 'fi', undefined, 'Uusi arvioitu valmistuminen: huomenna klo 12.00 Suomen aikaa (aiemmin tänään klo 16.00).\nSeuraava päivitys viimeistään tänään klo 14.00.'],
    ['a revision, client in Helsinki', REVISION, 'fi', HELSINKI, 'Uusi arvioitu valmistuminen: huomenna klo 12.00 (aiemmin tänään klo 16.00).\nSeuraava päivitys viimeistään tänään klo 14.00.'],
    [
      'a missed estimate owned, client in London', SLIP, 'en', 'Europe/London',
      'We missed our estimate of 16:00 Helsinki time yesterday; we now expect it by 12:00 tomorrow, because the vendor needs another day.\nNext update by 14:00 today.',
    ],
    [
      'a missed estimate owned, client in London', { ...SLIP, reason: 'toimittaja tarvitsee vielä päivän' }, 'fi', 'Europe/London',
      'Arviomme eilen klo 16.00 Suomen aikaa ei pitänyt. Arvioimme nyt asian ratkeavan huomenna klo 12.00 mennessä, koska toimittaja tarvitsee vielä päivän.\nSeuraava päivitys viimeistään tänään klo 14.00.',
    ],
    ['"still on it", client in New York', { type: 'still_on_it', nextUpdateDueAt: NEXT }, 'en', 'America/New_York', 'Still working on this — nothing new yet.\nNext update by 14:00 Helsinki time today.'],
    ['the owner\'s words, client in Tallinn', { type: 'text', text: 'Deploying.', nextUpdateDueAt: NEXT }, 'en', 'Europe/Tallinn', 'Deploying.\nNext update by 14:00 today.'],
  ])('when %s (%s), then the client reads it as expected', (_label, update, lang, clientTz, expected) => {
    expect(render(update, lang, clientTz)).toBe(expected);
  });

  const UPDATES: Array<[string, ClientUpdate]> = [
    ['a first ETA', { type: 'eta', etaAt: ETA, nextUpdateDueAt: NEXT }],
    ['a revision', REVISION],
    ['a slip owned', SLIP],
    ['a slip with no new estimate yet', { type: 'still_on_it', missedEta: MISSED, nextUpdateDueAt: NEXT }],
    ['the owner\'s words with a revision', { type: 'text', text: 'Vendor fix.', etaAt: ETA, previousEtaAt: OLD_ETA, nextUpdateDueAt: NEXT }],
    ['a reopening', { type: 'reopened', nextUpdateDueAt: NEXT }],
  ];

  it.each(READERS.flatMap(([label, tz, named]) => UPDATES.flatMap(([kind, update]) => (['en', 'fi'] as const).map((lang) => [kind, label, lang, update, tz, named] as const))))(
    'when %s goes to a client %s (%s), then the zone is named as often as it must be, at most once and before any other time',
    (_kind, _label, lang, update, tz, named) => {
      const text = render(update, lang, tz);
      expect(count(text, ZONE_LABEL[lang])).toBe(named ? 1 : 0);
      expect(text).not.toMatch(/\([^)]*\(/);
      if (named) {
        // With the first time: the first clock time in the message is followed by the zone's name.
        const first = /\d{1,2}[.:]\d{2}/.exec(text);
        expect(first && text.slice(first.index + first[0].length)).toMatch(new RegExp(`^ ${ZONE_LABEL[lang]}`));
      }
    },
  );
});
