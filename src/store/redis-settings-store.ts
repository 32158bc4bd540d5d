/** SettingsStore on Redis: per-channel overrides (JSON) over the defaults from config. */
import type { Redis } from 'ioredis';
import type { SettingsStore } from '../app/ports';
import type { ChannelSettings } from '../domain/settings';
import { teamKeys } from './keys';

export class RedisSettingsStore implements SettingsStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly defaults: ChannelSettings,
    private readonly managedChannelIds: readonly string[] = [],
  ) {}

  async forChannel(teamId: string, channelId: string): Promise<ChannelSettings> {
    const raw = await this.redis.get(teamKeys(this.prefix, teamId).channelSettings(channelId));
    const overrides = raw ? (JSON.parse(raw) as Partial<ChannelSettings>) : {};
    return {
      ...this.defaults,
      managed: this.managedChannelIds.includes(channelId),
      ...overrides,
      businessHours: { ...this.defaults.businessHours, ...overrides.businessHours },
      cadenceMinutes: { ...this.defaults.cadenceMinutes, ...overrides.cadenceMinutes },
    };
  }

  async save(teamId: string, channelId: string, overrides: Partial<ChannelSettings>): Promise<void> {
    await this.redis.set(teamKeys(this.prefix, teamId).channelSettings(channelId), JSON.stringify(overrides));
  }
}
