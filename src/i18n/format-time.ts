/**
 * Times as clients and consultants read them, in the channel's zone and language:
 * "14:30 today", "huomenna klo 9.00", "on Monday at 09:00", and with the zone named where the
 * reader's clock can differ from the channel's: "14:30 Helsinki time today", "huomenna klo 9.00
 * Suomen aikaa". A message names the zone once, with its first time (see messageTimes).
 * "Today" and "tomorrow" are judged by the calendar in `timezone`, not in the process's zone.
 */
import { dayjs } from '../domain/dayjs';
import type { Dayjs } from '../domain/dayjs';
import { localDateTimeOf, localDaysBetween } from '../domain/local-time';
import type { LocalDateTime } from '../domain/local-time';
import type { Language } from '../domain/settings';
import { zoneMustBeNamed } from '../domain/zone-naming';
import { t } from './catalog';

export interface TimeOptions {
  /**
   * Name the zone with this time ("14:30 Helsinki time today"). Required: whether a message names
   * the zone depends on its reader (see messageTimes), so no caller gets either by default.
   */
  zone: boolean;
}

/**
 * When an update is (or was) due: "14:30 today", "16:00 yesterday", "to 24.11. klo 16.00";
 * with the zone: "14:30 Helsinki time today", "to 24.11. klo 16.00 Suomen aikaa".
 */
export function formatDueTime(at: number, now: number, timezone: string, lang: Language, { zone }: TimeOptions): string {
  const when = localDateTimeOf(at, timezone);
  const today = localDateTimeOf(now, timezone);
  const params = { time: clockTime(when, timezone, lang, zone) };
  const days = localDaysBetween(today, when);
  if (days === 0) return t(lang, 'time.dueToday', params);
  if (days === 1) return t(lang, 'time.dueTomorrow', params);
  if (days === -1) return t(lang, 'time.dueYesterday', params);
  return t(lang, 'time.dueOnDate', { ...params, date: shortDate(when, today, lang) });
}

/**
 * When the team is back, to stand after "Our team is back" / "Tiimimme on taas paikalla":
 * "tomorrow at 09:00", "on Monday at 09:00", "maanantaina klo 9.00", "on Mon 5 Jan at 09:00";
 * with the zone: "on Monday at 09:00 Helsinki time".
 */
export function formatBackTime(at: number, now: number, timezone: string, lang: Language, { zone }: TimeOptions): string {
  const when = localDateTimeOf(at, timezone);
  const today = localDateTimeOf(now, timezone);
  const time = clockTime(when, timezone, lang, zone);
  const days = localDaysBetween(today, when);
  if (days === 0) return t(lang, 'time.backToday', { time });
  if (days === 1) return t(lang, 'time.backTomorrow', { time });
  if (days > 1 && days < 7) return t(lang, 'time.backOnWeekday', { time, weekday: weekdayName(when, lang) });
  const date =
    lang === 'fi' ? `${weekdayName(when, lang)} ${finnishDate(when, today)}` : shortDate(when, today, lang);
  return t(lang, 'time.backOnDate', { time, date });
}

export interface MessageTimesInput {
  now: number;
  /** The channel's zone: the clock every time of the message is written on. */
  timezone: string;
  lang: Language;
  /** The reader's own zone (the client's from Slack; for our own people, the team's); undefined when unknown. */
  readerZone: string | undefined;
  /** Every instant the message may name (more is harmless: it can only make the zone named). */
  instants: readonly number[];
}

/** Writes the times of one message, in reading order. */
export interface MessageTimes {
  /** Whether this message names the zone (with its first time). */
  readonly namesZone: boolean;
  due(at: number): string;
  back(at: number): string;
}

/**
 * The times of one message. The zone is named when the reader's clock can differ from the
 * channel's at the instants the message names (domain/zone-naming), and then once: with the
 * first time written. Ask for the times in the order the message reads them.
 */
export function messageTimes({ now, timezone, lang, readerZone, instants }: MessageTimesInput): MessageTimes {
  const namesZone = zoneMustBeNamed(timezone, readerZone, [now, ...instants]);
  let named = false;
  const zoneNow = (): boolean => {
    const zone = namesZone && !named;
    named = true;
    return zone;
  };
  return {
    namesZone,
    due: (at) => formatDueTime(at, now, timezone, lang, { zone: zoneNow() }),
    back: (at) => formatBackTime(at, now, timezone, lang, { zone: zoneNow() }),
  };
}

/** The one time of a message that names no other, for a reader in `readerZone` (see messageTimes). */
export function formatDueTimeFor(readerZone: string | undefined, at: number, now: number, timezone: string, lang: Language): string {
  return messageTimes({ now, timezone, lang, readerZone, instants: [at] }).due(at);
}

/** The zone as a reader knows it: "Helsinki time", "Suomen aikaa", "Tukholman aikaa", "UTC". */
export function zoneLabel(timezone: string, lang: Language): string {
  if (/^(Etc\/)?(UTC|GMT|UCT|Universal|Zulu)$/i.test(timezone)) return 'UTC';
  const city = timezone.includes('/') && !timezone.startsWith('Etc/') ? cityOf(timezone) : undefined;
  if (city === undefined) return t(lang, 'time.zoneOfId', { zone: timezone });
  if (lang === 'en') return t(lang, 'time.zoneOfCity', { city });
  // Finland's one zone is "Suomen aikaa" to a Finn, not the capital's.
  if (timezone === 'Europe/Helsinki') return t(lang, 'time.zoneOfCity', { city: 'Suomen' });
  const genitive = FINNISH_CITY_GENITIVE[city];
  return genitive ? t(lang, 'time.zoneOfCity', { city: genitive }) : t(lang, 'time.zoneOfId', { zone: timezone });
}

function cityOf(timezone: string): string {
  return (timezone.split('/').pop() ?? timezone).replace(/_/g, ' ');
}

/** "16:00" in English, "16.00" and "9.00" in Finnish; with the zone "16:00 Helsinki time", "9.00 Suomen aikaa". */
function clockTime(when: LocalDateTime, timezone: string, lang: Language, zone: boolean): string {
  const minutes = String(when.minute).padStart(2, '0');
  const time = lang === 'fi' ? `${when.hour}.${minutes}` : `${String(when.hour).padStart(2, '0')}:${minutes}`;
  return zone ? t(lang, 'time.clockInZone', { time, zone: zoneLabel(timezone, lang) }) : time;
}

/** "Thu 24 Nov" / "to 24.11.", with the year when it is not the current one. */
function shortDate(when: LocalDateTime, today: LocalDateTime, lang: Language): string {
  if (lang === 'fi') return `${calendarDay(when).locale('fi').format('dd')} ${finnishDate(when, today)}`;
  return calendarDay(when).locale('en').format(when.year === today.year ? 'ddd D MMM' : 'ddd D MMM YYYY');
}

/** "24.11." or, in another year, "24.11.2026". */
function finnishDate(when: LocalDateTime, today: LocalDateTime): string {
  return `${when.day}.${when.month}.${when.year === today.year ? '' : when.year}`;
}

/** "Monday" / "maanantaina" (the Finnish essive: "on Monday"). */
function weekdayName(when: LocalDateTime, lang: Language): string {
  return lang === 'fi' ? (FINNISH_WEEKDAY_ESSIVE[when.isoWeekday - 1] ?? '') : calendarDay(when).locale('en').format('dddd');
}

/** The local calendar day as a UTC dayjs, used only for names of days and months. */
function calendarDay(when: LocalDateTime): Dayjs {
  return dayjs.utc(Date.UTC(when.year, when.month - 1, when.day));
}

const FINNISH_WEEKDAY_ESSIVE = [
  'maanantaina', 'tiistaina', 'keskiviikkona', 'torstaina', 'perjantaina', 'lauantaina', 'sunnuntaina',
];

/** Finnish genitives of cities that name common IANA zones ("Helsingin aikaa"). */
const FINNISH_CITY_GENITIVE: Readonly<Record<string, string>> = {
  Helsinki: 'Helsingin', Mariehamn: 'Maarianhaminan', Stockholm: 'Tukholman', Oslo: 'Oslon',
  Copenhagen: 'Kööpenhaminan', Tallinn: 'Tallinnan', Riga: 'Riian', Vilnius: 'Vilnan',
  London: 'Lontoon', Dublin: 'Dublinin', Lisbon: 'Lissabonin', Berlin: 'Berliinin',
  Paris: 'Pariisin', Amsterdam: 'Amsterdamin', Brussels: 'Brysselin', Zurich: 'Zürichin',
  Vienna: 'Wienin', Prague: 'Prahan', Warsaw: 'Varsovan', Budapest: 'Budapestin', Madrid: 'Madridin',
  Rome: 'Rooman', Athens: 'Ateenan', Istanbul: 'Istanbulin', Kyiv: 'Kiovan', Kiev: 'Kiovan',
  Moscow: 'Moskovan', Dubai: 'Dubain', Singapore: 'Singaporen', Tokyo: 'Tokion',
  Shanghai: 'Shanghain', 'Hong Kong': 'Hongkongin', Sydney: 'Sydneyn', 'New York': 'New Yorkin',
  Chicago: 'Chicagon', Denver: 'Denverin', 'Los Angeles': 'Los Angelesin', Toronto: 'Toronton',
};
