import { catalogs } from '../../../src/i18n/catalog';
import { type PluralKey, tn } from '../../../src/i18n/plural';
import { en } from '../../../src/i18n/en';
import { LANGUAGES } from '../../../src/domain/settings';

const pluralKeys = Object.keys(en).filter((key) => key.endsWith('.one')).map((key) => key.slice(0, -'.one'.length));

describe('plural messages', () => {
  it('when a message has a form for one, then every language has a form for other counts too', () => {
    expect(pluralKeys.length).toBeGreaterThan(0);
    for (const lang of LANGUAGES) for (const key of pluralKeys) expect(Object.keys(catalogs[lang])).toContain(`${key}.other`);
  });

  it.each([
    ['en', 1, 'Acme has not answered in 1 working day. We asked for: logs\n—'],
    ['en', 4, 'Acme has not answered in 4 working days. We asked for: logs\n—'],
    ['en', 0, 'Acme has not answered in 0 working days. We asked for: logs\n—'],
    ['fi', 1, 'Acme ei ole vastannut, vaikka olemme odottaneet jo 1 työpäivän. Pyysimme: logs\n—'],
    ['fi', 4, 'Acme ei ole vastannut, vaikka olemme odottaneet jo 4 työpäivää. Pyysimme: logs\n—'],
  ] as const)('when %s counts %d, then the form agrees with the count', (lang, count, expected) => {
    expect(tn(lang, 'prompt.clientSilent' satisfies PluralKey, count, { client: 'Acme', need: 'logs', excerpt: '—' })).toBe(expected);
  });
});
