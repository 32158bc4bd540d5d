/** routeLibraryWarnings: library console output into the JSON log, once per distinct message. */
import { Writable } from 'node:stream';
import pino from 'pino';
import { librarySource, routeLibraryWarnings } from '../../../src/infra/library-warnings';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const log = pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    }),
  );
  return { log, lines };
}

describe('librarySource', () => {
  it.each<[string, string]>([
    ['IMPORTANT! Eviction policy is allkeys-lru. It should be "noeviction"', 'bullmq'],
    ['It is highly recommended to use a minimum Redis version of 6.2.0\n   Current: 6.0.0', 'bullmq'],
    ['[WARN] Redis server does not require a password, but a password was supplied.', 'ioredis'],
    ["[WARN] This Redis server's `default` user does not require a password, but a password was supplied", 'ioredis'],
    ['[ioredis] Unhandled error event: Error: connect ECONNREFUSED 127.0.0.1:6379', 'ioredis'],
    ['something else', 'console'],
  ])('%j → %s', (text, source) => {
    expect(librarySource(text)).toBe(source);
  });
});

describe('routeLibraryWarnings', () => {
  it('when a warning repeats, then it is one warn line; each distinct one once; stacks are cut to their first line', () => {
    const { log, lines } = capture();
    const target = { warn: jest.fn(), error: jest.fn() };
    const restore = routeLibraryWarnings(log, target);
    for (let i = 0; i < 9; i++) target.warn('IMPORTANT! Eviction policy is allkeys-lru. It should be "noeviction"');
    target.warn('[WARN] Redis server does not require a password, but a password was supplied.');
    target.error('[ioredis] Unhandled error event:', 'Error: connect ECONNREFUSED\n    at TCPConnectWrap.afterConnect');
    target.error('[ioredis] Unhandled error event:', 'Error: connect ECONNREFUSED\n    at somewhere else');
    expect(lines.map(({ level, source, policy, msg }) => ({ level, source, policy, msg }))).toEqual([
      { level: 40, source: 'bullmq', policy: 'allkeys-lru', msg: 'IMPORTANT! Eviction policy is allkeys-lru. It should be "noeviction"' },
      { level: 40, source: 'ioredis', policy: undefined, msg: '[WARN] Redis server does not require a password, but a password was supplied.' },
      { level: 40, source: 'ioredis', policy: undefined, msg: '[ioredis] Unhandled error event: Error: connect ECONNREFUSED' },
    ]);
    restore();
    target.warn('after restore');
    expect(lines).toHaveLength(3);
  });
});
