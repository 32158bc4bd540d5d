/** SlackDirectory: users.info and conversations.info answers, cached in Redis with a TTL. */
import { ErrorCode, type WebClient } from '@slack/web-api';
import { UserLookupError } from '../app/errors/user-lookup-error';
import type { RedisClient } from './redis-client';
import type { ChannelFacts, SlackDirectory } from '../app/ports';
import type { UserFacts } from '../domain/spotting-types';
import { teamKeys } from './keys';

interface SlackUser {
  id?: string;
  team_id?: string;
  name?: string;
  real_name?: string;
  deleted?: boolean;
  is_bot?: boolean;
  is_stranger?: boolean;
  is_restricted?: boolean;
  is_ultra_restricted?: boolean;
  enterprise_user?: { enterprise_id?: string };
  tz?: string;
  profile?: { first_name?: string; display_name?: string; real_name?: string; team?: string };
}

export function userFactsFrom(user: SlackUser, fallbackId: string): UserFacts {
  const profile = user.profile ?? {};
  const realName = profile.real_name || user.real_name || '';
  const greetingName =
    profile.first_name || realName.split(/\s+/)[0] || profile.display_name || user.name || 'there';
  return {
    id: user.id ?? fallbackId,
    teamId: user.team_id ?? profile.team,
    enterpriseId: user.enterprise_user?.enterprise_id,
    isBot: user.is_bot === true,
    isStranger: user.is_stranger === true,
    isRestricted: user.is_restricted === true,
    isUltraRestricted: user.is_ultra_restricted === true,
    deleted: user.deleted === true,
    greetingName,
    ...(typeof user.tz === 'string' && user.tz !== '' ? { tz: user.tz } : {}),
  };
}

/** Slack's answers that mean "not this user", whatever we retry; the others are its trouble or ours. */
const NOT_A_REFUSAL = new Set(['ratelimited', 'internal_error', 'fatal_error', 'request_timeout', 'service_unavailable', 'invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive']);

function refusal(error: unknown, userId: string): UserLookupError | undefined {
  const e = error as { code?: unknown; data?: { error?: unknown } };
  const code = e?.code === ErrorCode.PlatformError && typeof e.data?.error === 'string' ? e.data.error : undefined;
  return code && !NOT_A_REFUSAL.has(code) ? new UserLookupError(userId, code) : undefined;
}

export class RedisSlackDirectory implements SlackDirectory {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly client: WebClient,
    private readonly ttl: { userSeconds: number; channelSeconds: number },
  ) {}

  async user(teamId: string, userId: string): Promise<UserFacts> {
    const key = teamKeys(this.prefix, teamId).user(userId);
    const cached = await this.redis.get(key);
    if (cached) return JSON.parse(cached) as UserFacts;
    const res = await this.client.users.info({ user: userId }).catch((error: unknown) => {
      throw refusal(error, userId) ?? error;
    });
    const facts = userFactsFrom((res.user ?? {}) as SlackUser, userId);
    this.remember(key, facts, this.ttl.userSeconds);
    return facts;
  }

  async channel(teamId: string, channelId: string): Promise<ChannelFacts> {
    const key = teamKeys(this.prefix, teamId).channel(channelId);
    const cached = await this.redis.get(key);
    if (cached) return JSON.parse(cached) as ChannelFacts;
    const res = await this.client.conversations.info({ channel: channelId });
    const facts: ChannelFacts = {
      id: channelId,
      isExtShared: res.channel?.is_ext_shared === true,
      name: res.channel?.name,
    };
    this.remember(key, facts, this.ttl.channelSeconds);
    return facts;
  }

  /**
   * Caches an answer without waiting for Redis: the caller goes on with it at once (a new client's
   * acknowledgement waits for one round trip less), and a cache write that fails only means that
   * Slack is asked again next time. Commands on one connection keep their order, so a lookup sent
   * after this one finds it.
   */
  private remember(key: string, facts: UserFacts | ChannelFacts, ttlSeconds: number): void {
    this.redis.set(key, JSON.stringify(facts), 'EX', ttlSeconds).catch(() => undefined);
  }
}
