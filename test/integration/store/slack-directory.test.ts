/**
 * The directory caches Slack's answers about users and channels in Redis without waiting for the
 * write: the lookup right after still finds it (one connection keeps its commands in order), and a
 * cache write that fails costs only another question to Slack, never the lookup.
 */
import type { WebClient } from '@slack/web-api';
import { Redis } from 'ioredis';
import { teamKeys } from '../../../src/store/keys';
import type { RedisClient } from '../../../src/store/redis-client';
import { RedisSlackDirectory } from '../../../src/store/redis-slack-directory';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from '../../support/redis/key-prefix';

const TEAM = 'T0HOST';
const redisUrl = process.env.REDIS_URL as string;
const prefix = uniqueKeyPrefix('slack-directory');
const TTL = { userSeconds: 600, channelSeconds: 600 };
let redis: Redis;

beforeAll(() => {
  redis = new Redis(redisUrl, { maxRetriesPerRequest: null, enableAutoPipelining: true });
});
afterAll(async () => {
  await deleteKeysWithPrefix(redisUrl, prefix);
  await redis.quit();
});

/** Slack as far as the directory asks it, counting the questions. */
function fakeSlack() {
  const asked = { users: 0, channels: 0 };
  const client = {
    users: {
      info: async ({ user }: { user: string }) => {
        asked.users++;
        return { ok: true, user: { id: user, team_id: 'T0CLIENT', is_stranger: true, real_name: 'Maria Virtanen', tz: 'Europe/Helsinki' } };
      },
    },
    conversations: {
      info: async ({ channel }: { channel: string }) => {
        asked.channels++;
        return { ok: true, channel: { id: channel, is_ext_shared: true, name: 'acme-support' } };
      },
    },
  } as unknown as WebClient;
  return { client, asked };
}

describe('the Slack directory', () => {
  it('when a user and a channel are looked up twice in a row, then Slack is asked once each and the cache holds them', async () => {
    const slack = fakeSlack();
    const directory = new RedisSlackDirectory(redis as unknown as RedisClient, prefix, slack.client, TTL);
    const first = await directory.user(TEAM, 'U0C1');
    expect(first).toMatchObject({ id: 'U0C1', greetingName: 'Maria', isStranger: true, tz: 'Europe/Helsinki' });
    expect(await directory.user(TEAM, 'U0C1')).toEqual(first);
    await directory.channel(TEAM, 'C0SHARED');
    expect(await directory.channel(TEAM, 'C0SHARED')).toEqual({ id: 'C0SHARED', isExtShared: true, name: 'acme-support' });
    expect(slack.asked).toEqual({ users: 1, channels: 1 });
    expect(await redis.ttl(teamKeys(prefix, TEAM).user('U0C1'))).toBeGreaterThan(0);
  });

  it('when the cache write fails, then the lookup still answers, and the next one asks Slack again', async () => {
    const slack = fakeSlack();
    // Redis refuses writes (an outage beginning, a read-only replica): reads still answer.
    const refusing = new Proxy(redis, {
      get: (target, name, receiver) => (name === 'set' ? () => Promise.reject(new Error('READONLY')) : Reflect.get(target, name, receiver)),
    });
    const directory = new RedisSlackDirectory(refusing as unknown as RedisClient, prefix, slack.client, TTL);
    expect((await directory.user(TEAM, 'U0C2')).id).toBe('U0C2');
    expect((await directory.user(TEAM, 'U0C2')).id).toBe('U0C2');
    expect(slack.asked.users).toBe(2);
  });
});
