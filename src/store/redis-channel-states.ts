/** ChannelStates on Redis: one key per lost channel holding Slack's reason. */
import type { RedisClient } from './redis-client';
import type { ChannelStates } from '../app/ports';
import { teamKeys } from './keys';

export class RedisChannelStates implements ChannelStates {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  async lose(teamId: string, channelId: string, reason: string): Promise<boolean> {
    return (await this.redis.set(teamKeys(this.prefix, teamId).channelLost(channelId), reason, 'NX')) === 'OK';
  }

  async regain(teamId: string, channelId: string): Promise<boolean> {
    return (await this.redis.del(teamKeys(this.prefix, teamId).channelLost(channelId))) === 1;
  }

  async lostReason(teamId: string, channelId: string): Promise<string | undefined> {
    return (await this.redis.get(teamKeys(this.prefix, teamId).channelLost(channelId))) ?? undefined;
  }
}
