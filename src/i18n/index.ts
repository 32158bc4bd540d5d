export { catalogs, placeholdersOf, t } from './catalog';
export type { MessageKey, MessageParams } from './catalog';
export { formatBackTime, formatDueTime, zoneLabel } from './format-time';
export { type PluralKey, pluralForm, tn } from './plural';
