/**
 * Messages whose words follow a count: "1 new request", "2 new requests"; "1 uusi pyyntö",
 * "2 uutta pyyntöä". A plural message has a key per form, `<base>.one` and `<base>.other`, in
 * every catalogue; the form is chosen by the language's own plural rules (Intl.PluralRules).
 */
import type { Language } from '../domain/settings';
import { type MessageKey, type MessageParams, t } from './catalog';

/** The bases of the plural messages: `report.requests` for `report.requests.one` and `.other`. */
export type PluralKey = { [K in MessageKey]: K extends `${infer Base}.one` ? (`${Base}.other` extends MessageKey ? Base : never) : never }[MessageKey];

const rules = new Map<Language, Intl.PluralRules>();

/** 'one' or 'other', as the language says of `count`. */
export function pluralForm(lang: Language, count: number): 'one' | 'other' {
  let rule = rules.get(lang);
  if (!rule) rules.set(lang, (rule = new Intl.PluralRules(lang)));
  return rule.select(count) === 'one' ? 'one' : 'other';
}

/** The message `base` in the form `count` asks for; `count` is also a parameter of it. */
export function tn(lang: Language, base: PluralKey, count: number, params: MessageParams = {}): string {
  return t(lang, `${base}.${pluralForm(lang, count)}` as MessageKey, { count, ...params });
}
