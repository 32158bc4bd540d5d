export { catalogs, placeholdersOf, t } from './catalog';
export type { MessageKey, MessageParams } from './catalog';
export { formatBackTime, formatDueTime, formatDueTimeFor, messageTimes, zoneLabel } from './format-time';
export type { MessageTimes, MessageTimesInput, TimeOptions } from './format-time';
export { type PluralKey, pluralForm, tn } from './plural';
