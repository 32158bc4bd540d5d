/** Channel settings for store tests: English, Helsinki, open round the clock, every default on. */
import type { ChannelSettings } from '../../src/domain/settings';

export const ALWAYS_OPEN_SETTINGS: ChannelSettings = {
  language: 'en',
  businessHours: { timezone: 'Europe/Helsinki', workingDays: [1, 2, 3, 4, 5, 6, 7], startMinute: 0, endMinute: 1440, holidays: [] },
  cadenceMinutes: { urgent: 60, normal: 240 },
  firstUpdateMinutes: 60,
  graceMinutes: 30,
  reopenWindowDays: 7,
  defaultOwnerIds: [],
  teamLeadIds: [],
  onCallIds: [],
  urgentAroundTheClock: false,
  autoAcknowledge: true,
  pleasantryFilter: true,
  managed: false,
  continuationWindowMs: 0,
  retentionDays: 180,
  holdingLine: true,
  clientNudgeDays: 2,
};
