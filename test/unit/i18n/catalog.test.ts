import { PRIORITIES } from '../../../src/domain/request';
import type { RequestState } from '../../../src/domain/request';
import { LANGUAGES } from '../../../src/domain/settings';
import { catalogs, placeholdersOf, t } from '../../../src/i18n/catalog';
import type { MessageKey } from '../../../src/i18n/catalog';
import { en } from '../../../src/i18n/en';

const englishKeys = Object.keys(en).sort();
const sortedPlaceholders = (message: string) => [...new Set(placeholdersOf(message))].sort();

describe('message catalogues', () => {
  it.each(LANGUAGES)('when the catalogue is %s, then it has exactly the English keys', (lang) => {
    expect(Object.keys(catalogs[lang]).sort()).toEqual(englishKeys);
  });

  const rows = LANGUAGES.flatMap((lang) => englishKeys.map((key) => [lang, key] as [typeof lang, MessageKey]));

  it.each(rows)('when %s says %s, then it uses the same placeholders as English', (lang, key) => {
    expect(sortedPlaceholders(catalogs[lang][key])).toEqual(sortedPlaceholders(en[key]));
  });

  it.each(rows)('when %s says %s, then the message is not empty', (lang, key) => {
    expect(catalogs[lang][key].trim()).not.toBe('');
  });

  /** A Record over every state: adding a RequestState without updating this does not compile. */
  const everyState: Record<RequestState, true> = {
    open: true,
    in_progress: true,
    waiting_on_client: true,
    resolved: true,
    dismissed: true,
  };
  const stateAndPriorityKeys = [
    ...Object.keys(everyState).map((state) => `state.${state}`),
    ...PRIORITIES.map((priority) => `priority.${priority}`),
  ];

  it.each(stateAndPriorityKeys)('when a card shows %s, then the catalogue has a label for it', (key) => {
    expect(englishKeys).toContain(key);
  });
});

describe('t', () => {
  it.each([
    ['en', 'track.done', {}, 'Tracking this as a request.'],
    ['fi', 'track.done', {}, 'Tätä seurataan nyt pyyntönä.'],
    ['en', 'error.generic', { errorId: 'E42' }, 'Something went wrong (error id E42). Please try again.'],
    ['fi', 'error.generic', { errorId: 7 }, 'Jokin meni vikaan (virhetunnus 7). Yritä uudelleen.'],
    ['en', 'card.dismissedBy', { user: '<@U1>', unused: 'x' }, 'Dismissed by <@U1> — not a request.'],
    ['en', 'refusal.notInternal', { team: '{team}' }, 'Sorry, this is only available to members of {team}.'],
    [
      'en',
      'ack.withinHours',
      { name: 'Maria {time}', time: '14:30 today (Helsinki time)' },
      "Thanks, Maria {time} — we've received your request and we're on it. You'll get the next update by 14:30 today (Helsinki time).",
    ],
  ] as const)('when %s renders %s with %j, then the text is %j', (lang, key, params, expected) => {
    expect(t(lang, key, params)).toBe(expected);
  });

  it.each([
    ['en', 'error.generic', {}, /\{errorId\}/],
    ['fi', 'ack.withinHours', { name: 'Maria' }, /\{time\}/],
  ] as const)('when %s renders %s without a parameter, then it throws naming it', (lang, key, params, message) => {
    expect(() => t(lang, key, params)).toThrow(message);
  });
});
