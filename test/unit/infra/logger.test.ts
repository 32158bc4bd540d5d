import { Writable } from 'node:stream';
import { UnknownError } from '@slack/bolt';
import { ReplyError } from 'ioredis';
import { createLogger } from '../../../src/infra/logger';

const CLIENT_TEXT = 'Our payroll export for Acme Oy fails, customer SSN 010101-123X';

/** A logger at `level` whose lines are kept, parsed. */
function captured(level: string) {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { log: createLogger(level, stream), lines };
}

/** What Redis refusing a write looks like by the time Bolt hands it to app.error (ioredis sets `command`). */
function refusedWrite(): Error {
  const refused = new ReplyError("OOM command not allowed when used memory > 'maxmemory'.") as Error & { command?: unknown };
  refused.command = { name: 'evalsha', args: ['6f1c…', '4', 'kuittaus:T1:msg:C1:1.2', 'kuittaus:T1:last:C1:U1', 'kuittaus:T1:seq', 'kuittaus:T1:relay', 'excerpt', CLIENT_TEXT] };
  return new UnknownError(refused);
}

describe('createLogger', () => {
  it('when Redis refused a write and the listener failure is logged at error, then the command arguments (client text) are not in the line', () => {
    const { log, lines } = captured('info');
    log.error({ err: refusedWrite() }, 'listener failed');
    expect(lines).toHaveLength(1);
    expect(JSON.stringify(lines[0])).not.toContain(CLIENT_TEXT);
    // What helps the operator stays: the error, Redis's answer and which command it was.
    expect(lines[0]).toMatchObject({
      msg: 'listener failed',
      err: { type: 'UnknownError', message: expect.stringContaining('OOM'), original: { command: { name: 'evalsha', args: '[8 arguments redacted]' } } },
    });
  });

  it('when an error carries the command directly (ioredis), then its arguments are redacted too', () => {
    const { log, lines } = captured('warn');
    const error = new ReplyError('READONLY You can\'t write against a read only replica.') as Error & { command?: unknown };
    error.command = { name: 'hset', args: ['kuittaus:T1:req:R1', 'excerpt', CLIENT_TEXT] };
    log.warn({ err: error }, 'redis write refused');
    expect(JSON.stringify(lines)).not.toContain(CLIENT_TEXT);
    expect(lines[0]).toMatchObject({ err: { command: { name: 'hset', args: '[3 arguments redacted]' } } });
  });

  it('when an error has no command, then it is logged as pino always did', () => {
    const { log, lines } = captured('info');
    log.error({ err: new Error('boom') }, 'failed');
    expect(lines[0]).toMatchObject({ err: { type: 'Error', message: 'boom', stack: expect.stringContaining('boom') } });
  });
});
