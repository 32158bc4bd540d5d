/**
 * defineScript on a real Redis: a script is run by its SHA1, sent whole only when Redis does not
 * hold it yet, and run exactly once either way; a script's own error is the caller's, never a
 * reason to send it again. And the stores define nothing on the connection that ioredis would
 * copy onto every pipeline (see store/script-command).
 */
import { createHash, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { defineScript } from '../../../src/store/script-command';
import { RedisIntakeHold } from '../../../src/store/redis-intake-hold';
import { RedisRelayLedger } from '../../../src/store/redis-relay-ledger';
import { RedisRequestStore } from '../../../src/store/redis-request-store';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from '../../support/redis/key-prefix';

const redisUrl = process.env.REDIS_URL as string;
const prefix = uniqueKeyPrefix('script-command');
let redis: Redis;
let watcher: Redis;

beforeAll(() => {
  redis = new Redis(redisUrl, { maxRetriesPerRequest: null, enableAutoPipelining: true });
  watcher = new Redis(redisUrl, { maxRetriesPerRequest: null });
});
afterAll(async () => {
  await deleteKeysWithPrefix(redisUrl, prefix);
  await Promise.all([redis.quit(), watcher.quit()]);
});

type Scripted = Redis & Record<string, (...args: Array<string | number>) => Promise<unknown>>;

/** A script Redis has never seen (its text is unique), counting its runs in a key of its own. */
function freshScript(body: string): { name: string; key: string; lua: string } {
  const id = randomUUID();
  return { name: `testScript${id.replaceAll('-', '')}`, key: `${prefix}:runs:${id}`, lua: `-- ${id}\nredis.call('INCR', KEYS[1])\n${body}` };
}

describe('defineScript', () => {
  it('when Redis does not hold the script, then each call runs it once and Redis holds it afterwards', async () => {
    const script = freshScript('return ARGV[1] .. "!"');
    defineScript(redis, script.name, { numberOfKeys: 1, lua: script.lua });
    const sha = createHash('sha1').update(script.lua).digest('hex');
    expect(await watcher.script('EXISTS', sha)).toEqual([0]);

    const scripted = redis as Scripted;
    expect(await scripted[script.name]!(script.key, 'hello')).toBe('hello!');
    expect(await scripted[script.name]!(script.key, 'again')).toBe('again!');
    expect(await watcher.get(script.key)).toBe('2');
    expect(await watcher.script('EXISTS', sha)).toEqual([1]);
  });

  it('when many calls of an unknown script leave in one pipeline, then each runs exactly once with its own answer', async () => {
    const script = freshScript('return tonumber(ARGV[1]) * 2');
    defineScript(redis, script.name, { numberOfKeys: 1, lua: script.lua });
    const scripted = redis as Scripted;
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => scripted[script.name]!(script.key, i)));
    expect(answers).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
    expect(await watcher.get(script.key)).toBe('20');
  });

  it('when the script itself fails, then the caller gets its error and it is not sent again', async () => {
    const script = freshScript(`return redis.error_reply('BOOM the script refused')`);
    defineScript(redis, script.name, { numberOfKeys: 1, lua: script.lua });
    const scripted = redis as Scripted;
    await expect(scripted[script.name]!(script.key)).rejects.toThrow('BOOM the script refused');
    // Unknown at first (NOSCRIPT, then sent whole), then known: one run each time.
    expect(await watcher.get(script.key)).toBe('1');
    await expect(scripted[script.name]!(script.key)).rejects.toThrow('BOOM the script refused');
    expect(await watcher.get(script.key)).toBe('2');
  });

  it('when no key count is defined, then the caller passes it first', async () => {
    const script = freshScript('return #KEYS .. "/" .. #ARGV');
    defineScript(redis, script.name, { lua: script.lua });
    expect(await (redis as Scripted)[script.name]!(2, script.key, `${script.key}:other`, 'a')).toBe('2/1');
  });

  it('when a name is defined already, then the first definition stays', async () => {
    const first = freshScript('return "first"');
    defineScript(redis, first.name, { numberOfKeys: 1, lua: first.lua });
    defineScript(redis, first.name, { numberOfKeys: 1, lua: freshScript('return "second"').lua });
    expect(await (redis as Scripted)[first.name]!(first.key)).toBe('first');
  });
});

describe('the stores on a connection', () => {
  it('when they define their scripts, then ioredis has none to copy onto each pipeline', () => {
    const connection = new Redis(redisUrl, { lazyConnect: true, enableAutoPipelining: true });
    new RedisRequestStore(connection, prefix);
    new RedisIntakeHold(connection, prefix);
    new RedisRelayLedger(connection, prefix);
    const pipeline = connection.pipeline() as unknown as Record<string, unknown>;
    expect(typeof (connection as unknown as Record<string, unknown>).kuittausCreateOrJoin).toBe('function');
    // What ioredis's Pipeline constructor copies: the scripts of defineCommand (none now).
    expect(Object.keys((connection as unknown as { scriptsSet: object }).scriptsSet)).toEqual([]);
    expect(pipeline.kuittausCreateOrJoin).toBeUndefined();
    connection.disconnect();
  });
});
