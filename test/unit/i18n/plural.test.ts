import { LANGUAGES } from '../../../src/domain/settings';
import { catalogs } from '../../../src/i18n/catalog';
import { en } from '../../../src/i18n/en';
import { pluralForm, tn } from '../../../src/i18n/plural';

describe('plurals by count', () => {
  it.each([
    ['en', 1, '1 new request, 0 resolved'],
    ['en', 2, '2 new requests, 1 resolved'],
    ['en', 0, '0 new requests, 1 resolved'],
    ['fi', 1, '1 uusi pyyntö, 0 ratkaistu'],
    ['fi', 2, '2 uutta pyyntöä, 1 ratkaistu'],
    ['fi', 0, '0 uutta pyyntöä, 1 ratkaistu'],
  ] as const)('when %s counts %i new requests, then the words agree with the count', (lang, count, expected) => {
    expect(tn(lang, 'report.requests', count, { resolved: count === 1 ? 0 : 1 })).toBe(expected);
  });

  it.each([
    ['en', 'Erase 1 request', 'Erase 3 requests'],
    ['fi', 'Poista 1 pyyntö', 'Poista 3 pyyntöä'],
  ] as const)('when %s names one request or several, then the noun follows', (lang, one, three) => {
    expect(tn(lang, 'data.eraseButton', 1)).toBe(one);
    expect(tn(lang, 'data.eraseButton', 3)).toBe(three);
  });

  it('when a language counts, then 1 is its only singular here', () => {
    expect(LANGUAGES.map((lang) => [0, 1, 2, 21].map((n) => pluralForm(lang, n)))).toEqual([
      ['other', 'one', 'other', 'other'],
      ['other', 'one', 'other', 'other'],
    ]);
  });

  it.each(LANGUAGES)('when %s has a plural message, then it has both forms', (lang) => {
    const bases = Object.keys(en).filter((k) => k.endsWith('.one')).map((k) => k.slice(0, -'.one'.length));
    expect(bases.length).toBeGreaterThan(3);
    for (const base of bases) expect(Object.keys(catalogs[lang])).toEqual(expect.arrayContaining([`${base}.one`, `${base}.other`]));
  });
});
