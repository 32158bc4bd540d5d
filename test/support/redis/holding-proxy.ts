/**
 * A TCP proxy in front of Redis that can stop one client connection right after a chosen command:
 * the command reaches Redis and its answer comes back, but nothing the client sends after it is
 * passed on until `release()`. A process whose connection is held this way has done its write and
 * cannot do the next one, which puts a SIGKILL exactly between the two (no race with the process).
 *
 *   const proxy = await startHoldingProxy(process.env.REDIS_URL);
 *   spawnApp({ ...env, REDIS_URL: proxy.url });
 *   const held = proxy.holdAfter(([name, sha]) => name === 'evalsha' && sha === UPDATE_SHA);
 *   await held;           // that command went through; the connection is held
 */
import net from 'node:net';

export interface HoldingProxy {
  /** REDIS_URL for the client: the upstream URL (auth, db) with the proxy's host and port. */
  readonly url: string;
  /**
   * Holds the first connection that sends a command matching `match` (its arguments as strings,
   * the name in lower case), after passing that command on. Resolves when it happened. One hold
   * is armed at a time (a new call replaces the old one).
   */
  holdAfter(match: (command: string[]) => boolean): Promise<void>;
  /** Disarms, and passes on what the held connections sent meanwhile. */
  release(): void;
  close(): Promise<void>;
}

interface Link {
  client: net.Socket;
  upstream: net.Socket;
  held: boolean;
  waiting: Buffer[];
  /** What the client sent that does not make a whole command yet. */
  partial: Buffer;
}

/**
 * The whole commands at the start of `data` (RESP arrays of bulk strings, as clients send them)
 * and the bytes after the last whole one.
 */
export function parseCommands(data: Buffer): { commands: string[][]; rest: Buffer } {
  const commands: string[][] = [];
  let done = 0;
  let at = 0;
  const line = (): string | undefined => {
    const end = data.indexOf('\r\n', at);
    if (end < 0) return undefined;
    const value = data.subarray(at, end).toString('utf8');
    at = end + 2;
    return value;
  };
  for (;;) {
    const head = line();
    if (head === undefined || !head.startsWith('*')) break;
    const args: string[] = [];
    let whole = true;
    for (let i = Number(head.slice(1)); i > 0; i--) {
      const size = line();
      if (size === undefined || at + Number(size.slice(1)) + 2 > data.length) {
        whole = false;
        break;
      }
      args.push(data.subarray(at, at + Number(size.slice(1))).toString('utf8'));
      at += Number(size.slice(1)) + 2;
    }
    if (!whole) break;
    args[0] = args[0]?.toLowerCase() ?? '';
    commands.push(args);
    done = at;
  }
  return { commands, rest: data.subarray(done) };
}

export async function startHoldingProxy(redisUrl: string): Promise<HoldingProxy> {
  const target = new URL(redisUrl);
  const links = new Set<Link>();
  let armed: { match: (command: string[]) => boolean; done: () => void } | undefined;

  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 6379), target.hostname);
    const link: Link = { client, upstream, held: false, waiting: [], partial: Buffer.alloc(0) };
    links.add(link);
    const drop = () => {
      links.delete(link);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    upstream.pipe(client);
    client.on('data', (chunk: Buffer) => {
      if (link.held) {
        link.waiting.push(chunk);
        return;
      }
      upstream.write(chunk);
      // Parsed even while nothing is armed, to stay in step with the command boundaries.
      const { commands, rest } = parseCommands(Buffer.concat([link.partial, chunk]));
      link.partial = rest;
      const hold = armed;
      if (hold && commands.some((command) => hold.match(command))) {
        link.held = true;
        armed = undefined;
        hold.done();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const url = new URL(redisUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);

  return {
    url: url.toString(),
    holdAfter(match) {
      return new Promise<void>((done) => (armed = { match, done }));
    },
    release() {
      armed = undefined;
      for (const link of links) {
        if (!link.held) continue;
        link.held = false;
        for (const chunk of link.waiting.splice(0)) link.upstream.write(chunk);
      }
    },
    async close() {
      for (const link of links) {
        link.client.destroy();
        link.upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
