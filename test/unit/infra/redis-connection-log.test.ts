/** RedisConnectionLog: an outage is one line when it starts and one when it ends; every error counted. */
import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import pino from 'pino';
import { RedisConnectionLog, isConnectionError } from '../../../src/infra/redis-connection-log';

const err = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});

describe('isConnectionError', () => {
  it.each<[string, unknown, boolean]>([
    ['ECONNREFUSED', err('connect ECONNREFUSED 127.0.0.1:6379', 'ECONNREFUSED'), true],
    ['EPIPE', err('write EPIPE', 'EPIPE'), true],
    ['a closed connection', err('Connection is closed.'), true],
    ['the fail-fast connection offline', err("Stream isn't writeable and enableOfflineQueue options is false"), true],
    ['a command timeout', err('Command timed out'), true],
    ['retries exhausted', Object.assign(err('Reached the max retries per request limit (which is 0).'), { name: 'MaxRetriesPerRequestError' }), true],
    ['an error object from another realm', { message: 'connect ECONNREFUSED', code: 'ECONNREFUSED' }, true],
    ['OOM', err('OOM command not allowed when used memory > maxmemory'), false],
    ['a script error', err('ERR Error running script'), false],
    ['a lost lock', err('Missing lock for job 42. moveToFinished'), false],
    ['not an error', 'ECONNREFUSED', false],
  ])('%s: %s', (_what, error, expected) => {
    expect(isConnectionError(error)).toBe(expected);
  });
});

describe('RedisConnectionLog', () => {
  const lines: Array<Record<string, unknown>> = [];
  const counted: string[] = [];
  const log = pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    }),
  );
  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000 });
    lines.length = 0;
    counted.length = 0;
  });
  afterEach(() => jest.useRealTimers());

  const start = () => {
    const connectionLog = new RedisConnectionLog(log, { redisError: (c) => counted.push(c) }, { quietMs: 2000, now: () => Date.now() });
    const main = new EventEmitter();
    const requests = new EventEmitter();
    connectionLog.watch('main', main);
    connectionLog.watch('requests', requests);
    return { connectionLog, main, requests };
  };
  const tick = (ms: number) => jest.advanceTimersByTime(ms);
  const summary = () => lines.map((l) => [l.level, l.msg]);

  it('when every connection fails many times and comes back, then one line each way with the duration and the count', () => {
    const { connectionLog, main, requests } = start();
    for (let i = 0; i < 20; i++) {
      main.emit('error', err('connect ECONNREFUSED', 'ECONNREFUSED'));
      requests.emit('error', err('connect ECONNREFUSED', 'ECONNREFUSED'));
      expect(connectionLog.absorb('worker', err('connect ECONNREFUSED', 'ECONNREFUSED'))).toBe(true);
      tick(500);
    }
    main.emit('ready');
    tick(5000);
    expect(summary()).toEqual([[40, expect.stringMatching(/^Redis unreachable/)]]); // one connection still down
    requests.emit('ready');
    tick(2000);
    expect(summary()).toEqual([
      [40, expect.stringMatching(/^Redis unreachable/)],
      [30, 'Redis reachable again'],
    ]);
    expect(lines[0]).toMatchObject({ source: 'main', error: { message: 'connect ECONNREFUSED', code: 'ECONNREFUSED' } });
    expect(lines[0]).not.toHaveProperty('err'); // no stack
    // Down from the first error (t=1000) to the first check after both were ready again (t=17000).
    expect(lines[1]).toMatchObject({ downMs: 16_000, errors: 60 });
    expect(counted).toHaveLength(60);
  });

  it('when errors keep coming after the connections say ready, then it is not back until they stop', () => {
    const { connectionLog, main } = start();
    main.emit('error', err('write EPIPE', 'EPIPE'));
    main.emit('ready');
    tick(1000);
    connectionLog.absorb('queue', err('Connection is closed.'));
    tick(2500); // the check 2 s after the first error finds the last one too recent
    expect(summary()).toHaveLength(1);
    tick(1000); // the next check, 2 s on: quiet long enough
    expect(summary()).toEqual([
      [40, expect.stringMatching(/^Redis unreachable/)],
      [30, 'Redis reachable again'],
    ]);
  });

  it('when an error is not about the connection, then it is not absorbed: the caller logs it', () => {
    const { connectionLog, main } = start();
    expect(connectionLog.absorb('worker', err('Missing lock for job 1'))).toBe(false);
    main.emit('error', err('ERR unknown command'));
    expect(summary()).toEqual([[40, 'redis error']]);
    expect(counted).toEqual([]);
  });

  it('when closed (shutdown), then errors are counted and not logged', () => {
    const { connectionLog, main } = start();
    connectionLog.close();
    main.emit('error', err('Connection is closed.'));
    tick(5000);
    expect(summary()).toEqual([]);
    expect(counted).toEqual(['main']);
  });
});
