import { at } from './instants';
import { zoneMustBeNamed } from '../../../src/domain/zone-naming';

const HELSINKI = 'Europe/Helsinki';
const WINTER = [at('2025-11-24T10:00+02:00'), at('2025-11-24T14:30+02:00')];
const SUMMER = [at('2025-07-14T10:00+03:00'), at('2025-07-15T12:00+03:00')];
// Sat 25 Oct 2025 (Helsinki still at +3) and Mon 27 Oct (Helsinki back at +2; Istanbul stays at +3).
const ACROSS_HELSINKI_AUTUMN_CHANGE = [at('2025-10-25T12:00+03:00'), at('2025-10-27T12:00+02:00')];

describe('zoneMustBeNamed', () => {
  it.each<[string, boolean, string, string | undefined, number[]]>([
    ['the reader zone is unknown', true, HELSINKI, undefined, WINTER],
    ['Slack gave an empty zone', true, HELSINKI, '', WINTER],
    ['the reader zone is not one Intl knows', true, HELSINKI, 'Mars/Olympus_Mons', WINTER],
    ['the reader is in the same zone', false, HELSINKI, HELSINKI, WINTER],
    ['the reader is in Tallinn (same offsets, winter)', false, HELSINKI, 'Europe/Tallinn', WINTER],
    ['the reader is in Tallinn (same offsets, summer)', false, HELSINKI, 'Europe/Tallinn', SUMMER],
    ['the reader is in Mariehamn (same offsets)', false, HELSINKI, 'Europe/Mariehamn', SUMMER],
    ['the reader is in New York', true, HELSINKI, 'America/New_York', WINTER],
    ['the reader is in London', true, HELSINKI, 'Europe/London', SUMMER],
    ['the reader is in Stockholm', true, HELSINKI, 'Europe/Stockholm', WINTER],
    ['the reader is in Istanbul in summer (both at UTC+3)', false, HELSINKI, 'Europe/Istanbul', SUMMER],
    ['the reader is in Istanbul in winter (UTC+3 against UTC+2)', true, HELSINKI, 'Europe/Istanbul', WINTER],
    ['the reader is in Istanbul and one named time is after Helsinki turns its clocks back', true, HELSINKI, 'Europe/Istanbul', ACROSS_HELSINKI_AUTUMN_CHANGE],
    ['a New York channel, the reader in Toronto', false, 'America/New_York', 'America/Toronto', WINTER],
    ['a London channel, the reader on UTC in winter', false, 'Europe/London', 'UTC', WINTER],
    ['a London channel, the reader on UTC in summer', true, 'Europe/London', 'UTC', SUMMER],
    ['the reader zone is an alias of the channel zone', false, 'Asia/Kolkata', 'Asia/Calcutta', WINTER],
  ])('when %s, then the zone is named: %s', (_label, expected, zone, readerZone, instants) => {
    expect(zoneMustBeNamed(zone, readerZone, instants)).toBe(expected);
  });
});
