/** Persistence as INFO and CONFIG tell it, and when it keeps /readyz red. */
import { persistenceFrom, persistenceProblem } from '../../../src/infra/redis-durability';

const info = (aof: 0 | 1) => `# Persistence\r\nloading:0\r\nrdb_changes_since_last_save:3\r\naof_enabled:${aof}\r\naof_rewrite_in_progress:0\r\n`;

describe('persistenceFrom', () => {
  it.each<[string, string, string | undefined, string]>([
    ['AOF on', info(1), '', 'aof'],
    ['AOF on, CONFIG disabled', info(1), undefined, 'aof'],
    ['RDB save points only', info(0), '3600 1 300 100 60 10000', 'rdb'],
    ['nothing on disk', info(0), '', 'none'],
    ['nothing on disk (spaces)', info(0), '  ', 'none'],
    ['AOF off and CONFIG disabled: cannot tell', info(0), undefined, 'unknown'],
  ])('%s → %s', (_name, text, save, kind) => {
    expect(persistenceFrom(text, save).kind).toBe(kind);
  });
});

describe('persistenceProblem', () => {
  it('names the way out when nothing is on disk and the risk is not accepted', () => {
    expect(persistenceProblem(persistenceFrom(info(0), ''), false)).toBe(
      'Redis has no persistence (appendonly no and no RDB save points): a restart would lose every request and timer. Turn on appendonly yes, or set REDIS_ALLOW_NO_PERSISTENCE=true to accept the risk',
    );
  });

  it.each([
    ['accepted', info(0), '', true],
    ['AOF', info(1), '', false],
    ['RDB', info(0), '900 1', false],
    ['unknown (managed Redis without CONFIG)', info(0), undefined, false],
  ])('is none when %s', (_name, text, save, accepted) => {
    expect(persistenceProblem(persistenceFrom(text, save), accepted)).toBeUndefined();
  });
});
