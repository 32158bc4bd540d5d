/**
 * SettingsStore on Redis: per-channel overrides (JSON) over the defaults from config. Saving also
 * keeps the client-name index (`/status <client>`) in step.
 */
import type { RedisClient } from './redis-client';
import type { ClientDirectory, SettingsStore } from '../app/ports';
import type { ChannelSettings } from '../domain/settings';
import { teamKeys } from './keys';

type ClientEntry = { name: string; channelIds: string[] };

export class RedisSettingsStore implements SettingsStore, ClientDirectory {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly defaults: ChannelSettings,
    private readonly managedChannelIds: readonly string[] = [],
  ) {}

  async forChannel(teamId: string, channelId: string): Promise<ChannelSettings> {
    const overrides = await this.overrides(teamId, channelId);
    return {
      ...this.defaults,
      managed: this.managedChannelIds.includes(channelId),
      ...overrides,
      businessHours: { ...this.defaults.businessHours, ...overrides.businessHours },
      cadenceMinutes: { ...this.defaults.cadenceMinutes, ...overrides.cadenceMinutes },
    };
  }

  async overrides(teamId: string, channelId: string): Promise<Partial<ChannelSettings>> {
    const raw = await this.redis.get(teamKeys(this.prefix, teamId).channelSettings(channelId));
    return raw ? (JSON.parse(raw) as Partial<ChannelSettings>) : {};
  }

  async save(teamId: string, channelId: string, overrides: Partial<ChannelSettings>): Promise<void> {
    const k = teamKeys(this.prefix, teamId);
    const before = (await this.overrides(teamId, channelId)).clientName;
    const after = overrides.clientName;
    await this.redis.set(k.channelSettings(channelId), JSON.stringify(overrides));
    // The purge looks as far back as the shortest retention any channel keeps.
    if (overrides.retentionDays !== undefined) await this.redis.hset(k.retentionOverrides, channelId, String(overrides.retentionDays));
    else await this.redis.hdel(k.retentionOverrides, channelId);
    if (before?.trim().toLowerCase() !== after?.trim().toLowerCase()) {
      if (before) await this.updateClient(teamId, before, (ids) => ids.filter((id) => id !== channelId));
    }
    if (after) await this.updateClient(teamId, after, (ids) => (ids.includes(channelId) ? ids : [...ids, channelId]), after.trim());
  }

  async channelsOf(teamId: string, name: string): Promise<ClientEntry | undefined> {
    const raw = await this.redis.hget(teamKeys(this.prefix, teamId).clientChannels, name.trim().toLowerCase());
    const entry = raw ? (JSON.parse(raw) as ClientEntry) : undefined;
    return entry && entry.channelIds.length > 0 ? entry : undefined;
  }

  private async updateClient(teamId: string, name: string, change: (ids: string[]) => string[], displayName?: string) {
    const key = teamKeys(this.prefix, teamId).clientChannels;
    const field = name.trim().toLowerCase();
    const current = await this.channelsOf(teamId, name);
    const channelIds = change(current?.channelIds ?? []);
    if (channelIds.length === 0) await this.redis.hdel(key, field);
    else await this.redis.hset(key, field, JSON.stringify({ name: displayName ?? current?.name ?? name.trim(), channelIds }));
  }
}
