/** Per-channel settings as every use case sees them (defaults from config, overrides from Redis). */
import type { Priority } from './request';

export type Language = 'en' | 'fi';
export const LANGUAGES: readonly Language[] = ['en', 'fi'];

export interface BusinessHours {
  /** IANA zone, e.g. `Europe/Helsinki`. */
  timezone: string;
  /** ISO weekdays that are working days: 1 = Monday … 7 = Sunday. */
  workingDays: number[];
  /** Opening time, minutes after local midnight (9:00 → 540). */
  startMinute: number;
  /** Closing time, minutes after local midnight (17:00 → 1020); greater than startMinute. */
  endMinute: number;
  /** Local dates `YYYY-MM-DD` that are not working days. */
  holidays: string[];
}

export interface ChannelSettings {
  clientName?: string;
  language: Language;
  businessHours: BusinessHours;
  /** Business minutes between client-visible updates, per priority. */
  cadenceMinutes: Record<Priority, number>;
  /** Business minutes from the acknowledgement to the first real update. */
  firstUpdateMinutes: number;
  /** Minutes an update may be overdue before the app escalates. */
  graceMinutes: number;
  /** Days after resolution in which a client message in the thread offers the owner [Reopen]. */
  reopenWindowDays: number;
  /** Channel id of the internal triage channel; no card when absent. */
  triageChannelId?: string;
  defaultOwnerIds: string[];
  teamLeadIds: string[];
  /** On-call people: an urgent request outside business hours reaches them at once by DM. */
  onCallIds: string[];
  /** Urgent requests count round the clock (cadence, first update, reminders), not business hours. */
  urgentAroundTheClock: boolean;
  autoAcknowledge: boolean;
  pleasantryFilter: boolean;
  /** Treat this channel as managed even when it is not Slack Connect shared (guest clients). */
  managed: boolean;
  /** Window in which further top-level messages of the same client join their last request. */
  continuationWindowMs: number;
  /** Days a resolved or dismissed request is kept after its closing; then it is purged. */
  retentionDays: number;
  /**
   * When a promised update passes its grace period with nothing posted, the client reads one
   * honest holding line ("We owe you an update …") while the team is escalated.
   */
  holdingLine: boolean;
  /**
   * Business days of waiting on the client before they get a gentle reminder; the owner is told
   * after as many again. 0: no reminders.
   */
  clientNudgeDays: number;
}

/** Bounds of CLIENT_NUDGE_DAYS and of a channel's own. */
export const CLIENT_NUDGE_DAYS_MAX = 30;

/** Bounds of RETENTION_DAYS and of a channel's own retention. */
export const RETENTION_DAYS_MIN = 1;
export const RETENTION_DAYS_MAX = 3650;
