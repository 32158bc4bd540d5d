/**
 * The one configured dayjs: utc, timezone and isoWeek plugins, and the Finnish locale registered.
 * Import dayjs from here, never from 'dayjs' directly, so that the plugins are always there.
 *
 * For the wall clock of an instant in a zone prefer `localDateTimeOf` (./local-time): the timezone
 * plugin parses through the process's own zone and can slip by an hour when that zone has DST.
 */
import dayjs from 'dayjs';
import isoWeek from 'dayjs/plugin/isoWeek';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import 'dayjs/locale/fi';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(isoWeek);

export type { Dayjs } from 'dayjs';
export { dayjs };
export default dayjs;
