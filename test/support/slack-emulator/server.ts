/**
 * A Slack Web API emulator: a real HTTP server the app reaches through SLACK_API_URL. It answers
 * the methods the app calls, checks the token and required arguments, records every call, and
 * can be told to answer 429 (Retry-After), 5xx, slowly, or to drop the connection.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type EmulatedChannel, type EmulatedUser, BOT_USER } from './fixtures';
import { type Workspace, methods } from './methods';
import { type Fault, type RecordedCall, SlackError, type StoredMessage } from './state';

export interface EmulatorOptions {
  botToken?: string;
}

type Predicate = (call: RecordedCall) => boolean;

export class SlackEmulator {
  readonly calls: RecordedCall[] = [];
  private readonly ws: Workspace = { users: new Map(), channels: new Map(), messages: [], views: [] };
  private readonly faults = new Map<string, Fault[]>();
  private readonly waiters = new Set<() => void>();
  private readonly sockets = new Set<import('node:net').Socket>();
  private server!: Server;
  apiUrl = '';

  constructor(private readonly options: EmulatorOptions = {}) {}

  async listen(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.apiUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/`;
    return this;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Forget calls, faults and messages (users and channels stay). */
  reset(): void {
    this.calls.length = 0;
    this.faults.clear();
    this.ws.messages.length = 0;
    this.ws.views.length = 0;
  }

  addUser(user: EmulatedUser): void {
    this.ws.users.set(user.id, user);
  }

  addChannel(channel: EmulatedChannel): void {
    this.ws.channels.set(channel.id, channel);
  }

  /** Put a message someone else wrote into a channel (for history and replies). */
  seedMessage(channel: string, m: { ts: string; user: string; text: string; thread_ts?: string }): void {
    this.ws.messages.push({ type: 'message', channel, reactions: [], ...m });
  }

  /** Messages in a channel, or in one thread (replies only, without the parent). */
  messagesIn(channel: string, threadTs?: string): StoredMessage[] {
    return this.ws.messages.filter(
      (m) => m.channel === channel && (threadTs === undefined ? true : m.thread_ts === threadTs && m.ts !== threadTs),
    );
  }

  reactionsOn(channel: string, ts: string): string[] {
    const m = this.ws.messages.find((x) => x.channel === channel && x.ts === ts);
    return (m?.reactions ?? []).filter((r) => r.users.includes(BOT_USER)).map((r) => r.name);
  }

  failNext(method: string, fault: Fault, times = 1): void {
    const list = this.faults.get(method) ?? [];
    for (let i = 0; i < times; i++) list.push(fault);
    this.faults.set(method, list);
  }

  callsTo(method: string, filter: Predicate = () => true): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && filter(c));
  }

  /** Resolves with the first call (past or future) to `method` that matches. */
  waitForCall(method: string, predicate: Predicate = () => true, { timeoutMs = 5000 } = {}): Promise<RecordedCall> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const hit = this.calls.find((c) => c.method === method && predicate(c));
        if (!hit) return false;
        cleanup();
        resolve(hit);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no matching ${method} call within ${timeoutMs} ms; calls: ${this.calls.map((c) => c.method).join(', ')}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      const waiter = () => void check();
      if (!check()) this.waiters.add(waiter);
    });
  }

  /** True when no matching call arrives within the window. */
  async expectNoCall(method: string, predicate: Predicate, withinMs: number): Promise<boolean> {
    try {
      await this.waitForCall(method, predicate, { timeoutMs: withinMs });
      return false;
    } catch {
      return true;
    }
  }

  private record(call: RecordedCall): void {
    this.calls.push(call);
    for (const w of [...this.waiters]) w();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
    const args = await readArgs(req);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(body));
    };

    const fault = this.faults.get(method)?.shift();
    if (fault && fault.kind !== 'slow') {
      const answer = faultAnswer(fault);
      this.record({ method, args, at, response: answer.body, fault });
      if (fault.kind === 'reset') {
        req.socket.destroy();
        return;
      }
      send(answer.status, answer.body, answer.headers);
      return;
    }
    if (fault?.kind === 'slow') await new Promise((r) => setTimeout(r, fault.delayMs));

    let body: Record<string, unknown>;
    const token = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '') || (args.token as string | undefined);
    if (!token) body = { ok: false, error: 'not_authed' };
    else if (token !== (this.options.botToken ?? 'xoxb-test')) body = { ok: false, error: 'invalid_auth' };
    else {
      const handler = methods[method];
      try {
        body = handler ? { ok: true, ...handler(args, this.ws) } : { ok: false, error: 'unknown_method' };
      } catch (error) {
        if (!(error instanceof SlackError)) throw error;
        body = { ok: false, error: error.error };
      }
    }
    this.record({ method, args, at, response: body, ...(fault ? { fault } : {}) });
    if (res.destroyed) return;
    send(200, body);
  }
}

function faultAnswer(fault: Exclude<Fault, { kind: 'slow' }>): { status: number; body: unknown; headers?: Record<string, string> } {
  switch (fault.kind) {
    case 'rate_limited':
      return { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': String(fault.retryAfterSeconds) } };
    case 'server_error':
      return { status: fault.status ?? 500, body: { ok: false, error: 'internal_error' } };
    case 'slack_error':
      return { status: 200, body: { ok: false, error: fault.error } };
    case 'reset':
      return { status: 0, body: { reset: true } };
  }
}

/** Form-encoded (the Web API client's default) or JSON bodies; JSON-looking fields are decoded. */
async function readArgs(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (!raw) return {};
  if ((req.headers['content-type'] ?? '').includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    args[k] = /^[[{]/.test(v) ? safeJson(v) : v === 'true' ? true : v === 'false' ? false : v;
  }
  return args;
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

export async function startSlackEmulator(options: EmulatorOptions = {}): Promise<SlackEmulator> {
  return new SlackEmulator(options).listen();
}
