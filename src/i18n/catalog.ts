/** The message catalogues and `t`, the one way to turn a key into text in a language. */
import type { Language } from '../domain/settings';
import { en } from './en';
import { fi } from './fi';

/** Every message key; the English catalogue is the source. */
export type MessageKey = keyof typeof en;

export type MessageParams = Record<string, string | number>;

export const catalogs: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = { en, fi };

const PLACEHOLDER = /\{(\w+)\}/g;

/** The names of the `{placeholders}` in a message, in order of appearance. */
export function placeholdersOf(message: string): string[] {
  return Array.from(message.matchAll(PLACEHOLDER), (match) => match[1] ?? '');
}

/**
 * The message `key` in `lang` with its `{placeholders}` filled from `params`. Throws when a
 * placeholder has no parameter. Parameter values are inserted as they are: escape user text first.
 */
export function t(lang: Language, key: MessageKey, params: MessageParams = {}): string {
  const message = catalogs[lang][key];
  return message.replace(PLACEHOLDER, (_, name: string) => {
    const value = Object.hasOwn(params, name) ? params[name] : undefined;
    if (value === undefined) throw new Error(`Missing parameter {${name}} for message '${key}' (${lang})`);
    return String(value);
  });
}

/** Messages that depend on a count: keys `<base>.one` and `<base>.other`, named by `<base>`. */
type PluralBase<K> = K extends `${infer Base}.one` ? (`${Base}.other` extends MessageKey ? Base : never) : never;
export type PluralKey = PluralBase<MessageKey>;

const pluralRules: Partial<Record<Language, Intl.PluralRules>> = {};

/** The form of `key` for `count` in `lang` ("1 working day", "2 working days"), with `{count}` filled. */
export function tn(lang: Language, key: PluralKey, count: number, params: MessageParams = {}): string {
  const rules = (pluralRules[lang] ??= new Intl.PluralRules(lang));
  const form = rules.select(count) === 'one' ? 'one' : 'other';
  return t(lang, `${key}.${form}` as MessageKey, { ...params, count });
}
