/** Who answers on a port? Raw RESP over TCP (no client library, no retries). */
import { connect } from 'node:net';

/** Sends one inline command and resolves with the raw reply once it is complete (or undefined). */
function ask(port: number, command: string, complete: (reply: string) => boolean, timeoutMs: number, host = '127.0.0.1'): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    let reply = '';
    const done = (answer: string | undefined) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done(undefined));
    socket.on('error', () => done(undefined));
    socket.on('close', () => done(undefined));
    socket.on('connect', () => socket.write(`${command}\r\n`));
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (complete(reply)) done(reply);
    });
  });
}

/** True when a Redis on the port answers PING with PONG. */
export async function ping(port: number, host = '127.0.0.1', timeoutMs = 500): Promise<boolean> {
  const reply = await ask(port, 'PING', (r) => r.includes('\r\n'), timeoutMs, host);
  return reply?.startsWith('+PONG') ?? false;
}

/** The process id of the Redis answering on the port (INFO server), if any. */
export async function redisPid(port: number, host = '127.0.0.1', timeoutMs = 500): Promise<number | undefined> {
  const complete = (r: string) => {
    if (r.startsWith('-')) return r.includes('\r\n');
    const header = /^\$(\d+)\r\n/.exec(r);
    return header !== null && Buffer.byteLength(r) >= header[0].length + Number(header[1]) + 2;
  };
  const reply = await ask(port, 'INFO server', complete, timeoutMs, host);
  const pid = reply && /process_id:(\d+)/.exec(reply)?.[1];
  return pid ? Number(pid) : undefined;
}
