export { catalogs, placeholdersOf, t, tn } from './catalog';
export type { MessageKey, MessageParams, PluralKey } from './catalog';
export { formatBackTime, formatDueTime, zoneLabel } from './format-time';
