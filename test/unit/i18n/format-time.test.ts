import type { Language } from '../../../src/domain/settings';
import { t } from '../../../src/i18n/catalog';
import { formatBackTime, formatDueTime, formatDueTimeFor, messageTimes, zoneLabel } from '../../../src/i18n/format-time';

const at = (iso: string): number => Date.parse(iso);
const HELSINKI = 'Europe/Helsinki';

// Tue 2022-11-22 and Thu 2022-11-24; Helsinki at +02:00. DST in Helsinki on Sun 2025-03-30.
describe('formatDueTime', () => {
  // Without the zone (for a reader whose clock reads the channel's: see messageTimes).
  it.each<[string, string, string, string, Language, string]>([
    ['later today', '2022-11-22T10:00+02:00', '2022-11-22T14:30+02:00', HELSINKI, 'en', '14:30 today'],
    ['later today', '2022-11-22T10:00+02:00', '2022-11-22T14:30+02:00', HELSINKI, 'fi', 'tänään klo 14.30'],
    ['tomorrow morning', '2022-11-22T10:00+02:00', '2022-11-23T09:00+02:00', HELSINKI, 'en', '09:00 tomorrow'],
    ['tomorrow morning', '2022-11-22T10:00+02:00', '2022-11-23T09:00+02:00', HELSINKI, 'fi', 'huomenna klo 9.00'],
    ['in two days', '2022-11-22T10:00+02:00', '2022-11-24T16:00+02:00', HELSINKI, 'en', 'Thu 24 Nov at 16:00'],
    ['in two days', '2022-11-22T10:00+02:00', '2022-11-24T16:00+02:00', HELSINKI, 'fi', 'to 24.11. klo 16.00'],
    ['after local midnight, same UTC day', '2022-11-22T23:30+02:00', '2022-11-23T00:30+02:00', HELSINKI, 'en', '00:30 tomorrow'],
    ['before UTC midnight in UTC', '2022-11-22T21:30Z', '2022-11-22T22:30Z', 'UTC', 'en', '22:30 today'],
    ['the next UTC day', '2022-11-22T21:30Z', '2022-11-23T08:05Z', 'UTC', 'fi', 'huomenna klo 8.05'],
    ['across the spring DST change', '2025-03-28T16:00+02:00', '2025-03-31T10:00+03:00', HELSINKI, 'en', 'Mon 31 Mar at 10:00'],
    ['across the spring DST change', '2025-03-28T16:00+02:00', '2025-03-31T10:00+03:00', HELSINKI, 'fi', 'ma 31.3. klo 10.00'],
    ['the day after the 23-hour DST day', '2025-03-29T23:30+02:00', '2025-03-30T09:00+03:00', HELSINKI, 'en', '09:00 tomorrow'],
    ['across the autumn DST change', '2025-10-25T12:00+03:00', '2025-10-26T09:00+02:00', HELSINKI, 'fi', 'huomenna klo 9.00'],
    ['into the next year', '2025-12-30T12:00+02:00', '2026-01-02T09:00+02:00', HELSINKI, 'en', 'Fri 2 Jan 2026 at 09:00'],
    ['into the next year', '2025-12-30T12:00+02:00', '2026-01-02T09:00+02:00', HELSINKI, 'fi', 'pe 2.1.2026 klo 9.00'],
    ['later today in New York', '2025-11-24T09:00-05:00', '2025-11-24T13:15-05:00', 'America/New_York', 'en', '13:15 today'],
    ['later today in New York', '2025-11-24T09:00-05:00', '2025-11-24T13:15-05:00', 'America/New_York', 'fi', 'tänään klo 13.15'],
    ['yesterday (a missed estimate)', '2022-11-22T10:00+02:00', '2022-11-21T16:00+02:00', HELSINKI, 'en', '16:00 yesterday'],
    ['yesterday (a missed estimate)', '2022-11-22T10:00+02:00', '2022-11-21T16:00+02:00', HELSINKI, 'fi', 'eilen klo 16.00'],
    ['two days ago', '2022-11-22T10:00+02:00', '2022-11-20T16:00+02:00', HELSINKI, 'en', 'Sun 20 Nov at 16:00'],
  ])('when the update is due %s, then %s reads it in %s', (_label, now, due, zone, lang, expected) => {
    expect(formatDueTime(at(due), at(now), zone, lang, { zone: false })).toBe(expected);
  });

  it.each<[string, string, string, string, Language, string]>([
    ['later today', '2022-11-22T10:00+02:00', '2022-11-22T14:30+02:00', HELSINKI, 'en', '14:30 Helsinki time today'],
    ['later today', '2022-11-22T10:00+02:00', '2022-11-22T14:30+02:00', HELSINKI, 'fi', 'tänään klo 14.30 Suomen aikaa'],
    ['tomorrow morning', '2022-11-22T10:00+02:00', '2022-11-23T09:00+02:00', HELSINKI, 'en', '09:00 Helsinki time tomorrow'],
    ['tomorrow morning', '2022-11-22T10:00+02:00', '2022-11-23T09:00+02:00', HELSINKI, 'fi', 'huomenna klo 9.00 Suomen aikaa'],
    ['yesterday', '2022-11-22T10:00+02:00', '2022-11-21T16:00+02:00', HELSINKI, 'en', '16:00 Helsinki time yesterday'],
    ['yesterday', '2022-11-22T10:00+02:00', '2022-11-21T16:00+02:00', HELSINKI, 'fi', 'eilen klo 16.00 Suomen aikaa'],
    ['in two days', '2022-11-22T10:00+02:00', '2022-11-24T16:00+02:00', HELSINKI, 'en', 'Thu 24 Nov at 16:00 Helsinki time'],
    ['in two days', '2022-11-22T10:00+02:00', '2022-11-24T16:00+02:00', HELSINKI, 'fi', 'to 24.11. klo 16.00 Suomen aikaa'],
    ['before UTC midnight in UTC', '2022-11-22T21:30Z', '2022-11-22T22:30Z', 'UTC', 'en', '22:30 UTC today'],
    ['the next UTC day', '2022-11-22T21:30Z', '2022-11-23T08:05Z', 'UTC', 'fi', 'huomenna klo 8.05 UTC'],
    ['later today in New York', '2025-11-24T09:00-05:00', '2025-11-24T13:15-05:00', 'America/New_York', 'en', '13:15 New York time today'],
    ['later today in New York', '2025-11-24T09:00-05:00', '2025-11-24T13:15-05:00', 'America/New_York', 'fi', 'tänään klo 13.15 New Yorkin aikaa'],
    ['later today in Kolkata', '2025-11-24T09:00+05:30', '2025-11-24T13:15+05:30', 'Asia/Kolkata', 'fi', 'tänään klo 13.15 aikavyöhykkeen Asia/Kolkata aikaa'],
  ])('when the update is due %s and the zone is named, then %s reads it in %s', (_label, now, due, zone, lang, expected) => {
    expect(formatDueTime(at(due), at(now), zone, lang, { zone: true })).toBe(expected);
  });
});

describe('formatBackTime', () => {
  it.each<[string, string, string, Language, string]>([
    ['later the same morning', '2025-11-24T06:00+02:00', '2025-11-24T09:00+02:00', 'en', 'today at 09:00'],
    ['later the same morning', '2025-11-24T06:00+02:00', '2025-11-24T09:00+02:00', 'fi', 'tänään klo 9.00'],
    ['the next morning', '2025-11-24T20:00+02:00', '2025-11-25T09:00+02:00', 'en', 'tomorrow at 09:00'],
    ['the next morning', '2025-11-24T20:00+02:00', '2025-11-25T09:00+02:00', 'fi', 'huomenna klo 9.00'],
    ['after a weekend', '2025-11-28T18:00+02:00', '2025-12-01T09:00+02:00', 'en', 'on Monday at 09:00'],
    ['after a weekend', '2025-11-28T18:00+02:00', '2025-12-01T09:00+02:00', 'fi', 'maanantaina klo 9.00'],
    ['after Christmas, six days on', '2025-12-23T18:00+02:00', '2025-12-29T08:30+02:00', 'fi', 'maanantaina klo 8.30'],
    ['after the spring DST weekend', '2025-03-29T12:00+02:00', '2025-03-31T09:00+03:00', 'en', 'on Monday at 09:00'],
    ['two weeks on, same year', '2025-07-01T18:00+03:00', '2025-07-14T09:00+03:00', 'en', 'on Mon 14 Jul at 09:00'],
    ['two weeks on, same year', '2025-07-01T18:00+03:00', '2025-07-14T09:00+03:00', 'fi', 'maanantaina 14.7. klo 9.00'],
    ['after the new year', '2025-12-19T18:00+02:00', '2026-01-05T09:00+02:00', 'en', 'on Mon 5 Jan 2026 at 09:00'],
    ['after the new year', '2025-12-19T18:00+02:00', '2026-01-05T09:00+02:00', 'fi', 'maanantaina 5.1.2026 klo 9.00'],
  ])('when the team is back %s, then %s reads it in %s', (_label, now, back, lang, expected) => {
    expect(formatBackTime(at(back), at(now), HELSINKI, lang, { zone: false })).toBe(expected);
  });

  it.each<[Language, string]>([
    ['en', 'on Monday at 09:00 Helsinki time'],
    ['fi', 'maanantaina klo 9.00 Suomen aikaa'],
  ])('when the zone is named, then %s reads %j', (lang, expected) => {
    expect(formatBackTime(at('2025-12-01T09:00+02:00'), at('2025-11-28T18:00+02:00'), HELSINKI, lang, { zone: true })).toBe(expected);
  });
});

describe('zoneLabel', () => {
  it.each<[string, Language, string]>([
    ['Europe/Helsinki', 'en', 'Helsinki time'],
    ['Europe/Helsinki', 'fi', 'Suomen aikaa'],
    ['Europe/Stockholm', 'fi', 'Tukholman aikaa'],
    ['Europe/London', 'fi', 'Lontoon aikaa'],
    ['Europe/Berlin', 'fi', 'Berliinin aikaa'],
    ['America/New_York', 'en', 'New York time'],
    ['America/Argentina/Buenos_Aires', 'en', 'Buenos Aires time'],
    ['Asia/Kolkata', 'fi', 'aikavyöhykkeen Asia/Kolkata aikaa'],
    ['UTC', 'en', 'UTC'],
    ['Etc/UTC', 'fi', 'UTC'],
    ['Etc/GMT-2', 'en', 'Etc/GMT-2 time'],
  ])('when the zone is %s, then %s calls it %j', (zone, lang, expected) => {
    expect(zoneLabel(zone, lang)).toBe(expected);
  });
});

describe('messageTimes', () => {
  const now = at('2025-11-28T18:00+02:00'); // Friday evening
  const back = at('2025-12-01T09:00+02:00');
  const due = at('2025-12-01T10:00+02:00');
  const sentence = (lang: Language, readerZone: string | undefined) => {
    const times = messageTimes({ now, timezone: HELSINKI, lang, readerZone, instants: [back, due] });
    // In reading order: when the team is back, then the first update.
    return t(lang, 'ack.outsideHours', { name: 'Maria', backTime: times.back(back), time: times.due(due) });
  };

  it.each<[string, Language, string | undefined, string]>([
    [
      'in the channel zone', 'en', HELSINKI,
      "Thanks, Maria — we've received your request. Our team is back on Monday at 09:00, and you'll get the first update by Mon 1 Dec at 10:00.",
    ],
    [
      'in the channel zone', 'fi', HELSINKI,
      'Kiitos, Maria – pyyntösi on vastaanotettu. Tiimimme on taas paikalla maanantaina klo 9.00 ja kerromme tilanteesta viimeistään ma 1.12. klo 10.00.',
    ],
    [
      'in Tallinn (the same clock)', 'fi', 'Europe/Tallinn',
      'Kiitos, Maria – pyyntösi on vastaanotettu. Tiimimme on taas paikalla maanantaina klo 9.00 ja kerromme tilanteesta viimeistään ma 1.12. klo 10.00.',
    ],
    [
      'in New York', 'en', 'America/New_York',
      "Thanks, Maria — we've received your request. Our team is back on Monday at 09:00 Helsinki time, and you'll get the first update by Mon 1 Dec at 10:00.",
    ],
    [
      'in London', 'fi', 'Europe/London',
      'Kiitos, Maria – pyyntösi on vastaanotettu. Tiimimme on taas paikalla maanantaina klo 9.00 Suomen aikaa ja kerromme tilanteesta viimeistään ma 1.12. klo 10.00.',
    ],
    [
      'unknown', 'en', undefined,
      "Thanks, Maria — we've received your request. Our team is back on Monday at 09:00 Helsinki time, and you'll get the first update by Mon 1 Dec at 10:00.",
    ],
  ])('when the reader is %s, then the %s sentence names the zone at most once, with its first time', (_label, lang, readerZone, expected) => {
    expect(sentence(lang, readerZone)).toBe(expected);
  });

  it('when the zone must be named, then only the first time asked for carries it, whichever kind it is', () => {
    const times = messageTimes({ now, timezone: HELSINKI, lang: 'en', readerZone: 'America/New_York', instants: [due] });
    expect(times.namesZone).toBe(true);
    expect([times.due(due), times.due(due), times.back(back)]).toEqual(['Mon 1 Dec at 10:00 Helsinki time', 'Mon 1 Dec at 10:00', 'on Monday at 09:00']);
  });

  it('when the reader shares the clock only until Helsinki turns its clocks back, then the zone is named', () => {
    // Istanbul stays at UTC+3; Helsinki goes back to UTC+2 on Sun 26 Oct 2025.
    const saturday = at('2025-10-25T12:00+03:00');
    const monday = at('2025-10-27T12:00+02:00');
    expect(messageTimes({ now: saturday, timezone: HELSINKI, lang: 'en', readerZone: 'Europe/Istanbul', instants: [] }).namesZone).toBe(false);
    expect(messageTimes({ now: saturday, timezone: HELSINKI, lang: 'en', readerZone: 'Europe/Istanbul', instants: [monday] }).due(monday)).toBe('Mon 27 Oct at 12:00 Helsinki time');
  });

  it.each<[string | undefined, Language, string]>([
    [HELSINKI, 'en', '16:00 today'],
    ['Europe/Stockholm', 'en', '16:00 Helsinki time today'],
    [undefined, 'fi', 'tänään klo 16.00 Suomen aikaa'],
  ])('when a message names one time for a reader in %s, then formatDueTimeFor writes %s as %j', (readerZone, lang, expected) => {
    expect(formatDueTimeFor(readerZone, at('2025-11-28T16:00+02:00'), at('2025-11-28T10:00+02:00'), HELSINKI, lang)).toBe(expected);
  });
});
