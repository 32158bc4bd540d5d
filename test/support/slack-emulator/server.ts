/**
 * A Slack Web API emulator: a real HTTP server the app reaches through SLACK_API_URL. It answers
 * the methods the app calls, checks the token and required arguments, records every call, and
 * can be told to answer 429 (Retry-After), 5xx, slowly, with a Slack error, or to drop the
 * connection. `socket` is Socket Mode on the same port (apps.connections.open, then a WebSocket).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChannelPace, type ChannelPaceOptions } from './channel-pace';
import { FaultQueue, faultAnswer } from './faults';
import { BOT_USER, DEFAULT_BOT_TOKEN, type EmulatedChannel, type EmulatedUser, HOST_DOMAIN, HOST_TEAM, HOST_TEAM_NAME } from './fixtures';
import { type MethodContext, methods } from './methods';
import { BadRequest, parseRequest } from './parse-request';
import { type CallPredicate, CallRecorder } from './recorder';
import { type Args, type Fault, type RecordedCall, SlackError, type SlackResponse, type StoredFile, type StoredMessage, type StoredView } from './types';
import { Workspace } from './workspace';
import { type SocketModeOptions, SocketModeServer } from './socket/socket-mode-server';

export interface EmulatorOptions {
  /** The token calls must carry (default 'xoxb-test'). */
  botToken?: string;
  /** Further tokens that are accepted too. */
  extraTokens?: string[];
  /** Default 'T0HOST'. */
  hostTeamId?: string;
  hostTeamName?: string;
  /** "<domain>.slack.com" in auth.test and permalinks; default 'kuittaus-test'. */
  domain?: string;
  /** Socket Mode: the app-level token (default 'xapp-test'), ack timeout and resends. */
  socket?: SocketModeOptions;
  /** Answer chat.postMessage beyond Slack's per-channel pace with 429 (off by default). */
  channelPace?: ChannelPaceOptions;
}

export interface SeedMessage {
  /** Default: a fresh ts. */
  ts?: string;
  user: string;
  text: string;
  thread_ts?: string;
  team?: string;
  bot_id?: string;
  subtype?: string;
  blocks?: unknown[];
}

export interface ResetOptions {
  /** Also forget the users (the bot user stays). */
  users?: boolean;
  /** Also forget the channels. */
  channels?: boolean;
}

export class SlackEmulator {
  private readonly recorder = new CallRecorder();
  private readonly faults = new FaultQueue();
  private readonly ws: Workspace;
  private readonly ctx: MethodContext;
  private readonly tokens: Set<string>;
  /** Tokens revoked for now, with the error every call with them gets. */
  private readonly revoked = new Map<string, string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly pace: ChannelPace | undefined;
  private server: Server | undefined;
  apiUrl = '';
  port = 0;
  /** Socket Mode: connections, envelopes pushed to the app and its acks. */
  readonly socket: SocketModeServer;

  constructor(options: EmulatorOptions = {}) {
    const teamId = options.hostTeamId ?? HOST_TEAM;
    this.ws = new Workspace(teamId);
    this.ctx = {
      ws: this.ws,
      teamId,
      teamName: options.hostTeamName ?? HOST_TEAM_NAME,
      domain: options.domain ?? HOST_DOMAIN,
      uploadUrl: (fileId) => `http://127.0.0.1:${this.port}/upload/${fileId}`,
    };
    this.tokens = new Set([options.botToken ?? DEFAULT_BOT_TOKEN, ...(options.extraTokens ?? [])]);
    this.socket = new SocketModeServer(() => `ws://127.0.0.1:${this.port}`, options.socket);
    this.pace = options.channelPace ? new ChannelPace(options.channelPace) : undefined;
  }

  async listen(): Promise<this> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch(() => res.destroy());
    });
    server.on('upgrade', (req, socket, head: Buffer) => this.socket.handleUpgrade(req, socket, head));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    this.port = (server.address() as AddressInfo).port;
    this.apiUrl = `http://127.0.0.1:${this.port}/api/`;
    return this;
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await this.socket.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Forget calls, faults, messages and views; users and channels stay unless asked. */
  reset(options: ResetOptions = {}): void {
    this.recorder.clear();
    this.faults.clear();
    this.socket.reset();
    this.revoked.clear();
    this.ws.clearMessages();
    if (options.users) this.ws.clearUsers();
    if (options.channels) this.ws.channels.clear();
  }

  // ---- the workspace ----

  addUser(user: EmulatedUser): void {
    this.ws.users.set(user.id, structuredClone(user));
  }

  /**
   * users.info answers `user_not_visible` for this user from now on, as Slack does for someone of
   * an organisation it will not describe to us (events still name their team in `user_team`).
   */
  hideUser(id: string): void {
    this.ws.hiddenUsers.add(id);
  }

  addChannel(channel: EmulatedChannel): void {
    this.ws.channels.set(channel.id, { ...channel });
  }

  user(id: string): EmulatedUser | undefined {
    return this.ws.users.get(id);
  }

  channel(id: string): EmulatedChannel | undefined {
    return this.ws.channels.get(id);
  }

  /** Put a message someone else wrote into a channel (for history, replies, reactions). */
  seedMessage(channel: string, m: SeedMessage): StoredMessage {
    const { ts, ...rest } = m;
    return this.ws.add({ type: 'message', channel, reactions: [], ts: ts ?? this.ws.freshTs(), ...rest });
  }

  /** Messages in a channel (top level and replies); with threadTs, the thread's replies only. */
  messagesIn(channel: string, threadTs?: string): StoredMessage[] {
    if (threadTs !== undefined) return this.ws.replies(channel, threadTs);
    return this.ws.messages.filter((m) => m.channel === channel).sort((a, b) => Number(a.ts) - Number(b.ts));
  }

  message(channel: string, ts: string): StoredMessage | undefined {
    return this.ws.find(channel, ts);
  }

  /** Reactions the bot has on a message. */
  reactionsOn(channel: string, ts: string): string[] {
    return (this.ws.find(channel, ts)?.reactions ?? []).filter((r) => r.users.includes(BOT_USER)).map((r) => r.name);
  }

  /** Modals opened/updated and Home tabs published, in order. */
  get views(): readonly StoredView[] {
    return this.ws.views;
  }

  homeView(userId: string): StoredView | undefined {
    return this.ws.views.find((v) => v.kind === 'home' && v.user === userId);
  }

  /** Files uploaded (files.uploadV2), completed or not, in order. */
  get files(): readonly StoredFile[] {
    return [...this.ws.files.values()];
  }

  // ---- faults ----

  /** The next `times` calls to `method` ('*': any method) meet this fault instead of (or, 'slow', before) the answer. */
  failNext(method: string, fault: Fault, times = 1, when?: (args: Args) => boolean): void {
    this.faults.add(method, fault, times, when);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /**
   * The token stops working, as when it is revoked or the app uninstalled: every call with it
   * answers `error` (default invalid_auth) until restoreToken().
   */
  revokeToken(error: 'invalid_auth' | 'token_revoked' | 'account_inactive' = 'invalid_auth', token = DEFAULT_BOT_TOKEN): void {
    this.revoked.set(token, error);
  }

  restoreToken(token = DEFAULT_BOT_TOKEN): void {
    this.revoked.delete(token);
  }

  // ---- recorded calls ----

  get calls(): RecordedCall[] {
    return this.recorder.calls;
  }

  callsTo(method: string, filter?: CallPredicate): RecordedCall[] {
    return this.recorder.callsTo(method, filter);
  }

  waitForCall(method: string, predicate?: CallPredicate, options?: { timeoutMs?: number }): Promise<RecordedCall> {
    return this.recorder.waitForCall(method, predicate, options);
  }

  expectNoCall(method: string, predicate?: CallPredicate, withinMs?: number): Promise<boolean> {
    return this.recorder.expectNoCall(method, predicate, withinMs);
  }

  onCall(listener: (call: RecordedCall) => void): () => void {
    return this.recorder.onCall(listener);
  }

  /**
   * A response_url served by the emulator: what the app posts there is recorded as a call to the
   * pseudo-method `response_url` (args = the JSON body, plus `url`).
   */
  responseUrl(kind: 'commands' | 'actions' = 'commands'): string {
    return `http://127.0.0.1:${this.port}/hooks/${kind}/${++this.hookCounter}`;
  }

  private hookCounter = 0;

  // ---- HTTP ----

  private answer(method: string, args: Args, token: string | undefined): SlackResponse {
    if (method === 'apps.connections.open') return this.socket.openConnection(token, this.tokens);
    const handler = methods.get(method);
    if (!handler) return { ok: false, error: 'unknown_method' };
    if (!token) return { ok: false, error: 'not_authed' };
    if (token === this.socket.appToken) return { ok: false, error: 'not_allowed_token_type' };
    if (!this.tokens.has(token)) return { ok: false, error: 'invalid_auth' };
    const revoked = this.revoked.get(token);
    if (revoked) return { ok: false, error: revoked };
    try {
      return { ok: true, ...handler(args, this.ctx) };
    } catch (error) {
      if (error instanceof SlackError) return { ok: false, error: error.error, ...error.extra };
      return { ok: false, error: 'emulator_error', detail: error instanceof Error ? error.stack : String(error) };
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    if (req.url?.startsWith('/hooks/')) return this.handleHook(req, res, at);
    if (req.url?.startsWith('/upload/')) return this.handleUpload(req, res, at);
    const send = (status: number, body: SlackResponse, headers: Record<string, string> = {}) => {
      if (res.destroyed || res.writableEnded) return;
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-slack-req-id': `emu-${at}`, ...headers });
      res.end(JSON.stringify(body));
    };
    const record = (call: Omit<RecordedCall, 'at' | 'ok'>) => this.recorder.record({ ...call, at, ok: call.response.ok === true });

    let parsed;
    try {
      parsed = await parseRequest(req);
    } catch (error) {
      if (!(error instanceof BadRequest)) throw error;
      const method = new URL(req.url ?? '/', 'http://emulator').pathname.replace(/^\/api\//, '');
      const response: SlackResponse = { ok: false, error: error.error, detail: error.message };
      record({ method, args: {}, token: undefined, status: 200, response });
      return send(200, response);
    }
    const { method, args, token } = parsed;

    const fault = this.faults.take(method, args);
    if (fault?.kind === 'applied_but_failed') {
      this.answer(method, args, token);
      const status = fault.status ?? 200;
      const body: SlackResponse = { ok: false, error: fault.error ?? 'internal_error' };
      record({ method, args, token, status, response: body, fault });
      return send(status, body);
    }
    if (fault?.kind === 'lands_later') {
      const status = fault.status ?? 504;
      const body: SlackResponse = { ok: false, error: 'gateway_timeout' };
      record({ method, args, token, status, response: body, fault });
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.answer(method, args, token);
      }, fault.delayMs);
      this.timers.add(timer);
      return send(status, body);
    }
    if (!fault && this.pace && method === 'chat.postMessage' && typeof args.channel === 'string') {
      const taken = this.pace.take(args.channel, at);
      if (!taken.ok) {
        const paced: Fault = { kind: 'rate_limited', retryAfterSeconds: taken.retryAfterSeconds };
        const { status, body, headers } = faultAnswer(paced);
        record({ method, args, token, status, response: body, fault: paced });
        return send(status, body, headers);
      }
    }
    if (fault && fault.kind !== 'slow') {
      const { status, body, headers } = faultAnswer(fault);
      record({ method, args, token, status, response: body, fault });
      if (fault.kind === 'reset') {
        req.socket.destroy();
        return;
      }
      return send(status, body, headers);
    }

    const response = this.answer(method, args, token);
    record({ method, args, token, status: 200, response, ...(fault ? { fault } : {}) });
    if (fault?.kind === 'slow') await this.delay(fault.delayMs);
    send(200, response);
  }

  private async handleHook(req: IncomingMessage, res: ServerResponse, at: number): Promise<void> {
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    let args: Args;
    try {
      args = { ...(JSON.parse(raw) as Args), url: req.url };
    } catch {
      args = { raw, url: req.url };
    }
    this.recorder.record({ method: 'response_url', args, token: undefined, status: 200, response: { ok: true }, at, ok: true });
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  }

  /** The content of a file (multipart/form-data, as the Web API client sends it) for its upload URL. */
  private async handleUpload(req: IncomingMessage, res: ServerResponse, at: number): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const fileId = (req.url ?? '').slice('/upload/'.length);
    const file = this.ws.files.get(fileId);
    let content: string | undefined;
    try {
      const form = await new Response(Buffer.concat(chunks), { headers: { 'content-type': req.headers['content-type'] ?? '' } }).formData();
      const part = [...form.values()][0];
      content = typeof part === 'string' ? part : await part?.text();
    } catch {
      content = Buffer.concat(chunks).toString('utf8');
    }
    const ok = file !== undefined && content !== undefined;
    if (ok) file.content = content;
    this.recorder.record({ method: 'upload', args: { fileId, bytes: content?.length ?? 0 }, token: undefined, status: ok ? 200 : 404, response: { ok }, at, ok });
    res.writeHead(ok ? 200 : 404, { 'content-type': 'text/plain' });
    res.end(ok ? `OK - ${content?.length ?? 0}` : 'file not found');
  }

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}

export async function startSlackEmulator(options: EmulatorOptions = {}): Promise<SlackEmulator> {
  return new SlackEmulator(options).listen();
}
