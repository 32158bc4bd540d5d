/**
 * Socket Mode on the emulator's own port. `apps.connections.open` (app-level token only) hands out
 * a one-time `ws://…/link/?ticket=…` URL; on connect the server says `hello`, then pushes
 * envelopes and records the app's acks. An event not acknowledged within `ackTimeoutMs` is sent
 * again (retry_attempt + 1, retry_reason 'timeout') up to `maxRetries` times, to whichever
 * connection is open (or the next one to say hello), as Slack does; commands and interactions are
 * never resent. `disconnect()` asks the app to reconnect, `drop()` cuts every connection.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import type { SlackResponse } from '../types';
import { Delivery, type SocketAck } from './delivery';
import { Links } from './links';
import { type DisconnectReason, type EnvelopeType, disconnectMessage, envelope, helloMessage, parseAck } from './messages';

export interface SocketModeOptions {
  /** The app-level token apps.connections.open accepts (default 'xapp-test'). */
  appToken?: string;
  appId?: string;
  /** How long Slack waits for an ack before it resends an event (default 3000 ms, like Slack's 3 s). */
  ackTimeoutMs?: number;
  /** How many times an unacknowledged event is resent (default 3, like Slack). */
  maxRetries?: number;
}

interface Connection {
  id: number;
  ws: WebSocket;
  helloed: boolean;
}

export const DEFAULT_APP_TOKEN = 'xapp-test';

export class SocketModeServer {
  readonly appToken: string;
  readonly appId: string;
  ackTimeoutMs: number;
  maxRetries: number;
  /** Every ack received, in order (also for envelope ids the emulator never sent). */
  readonly acks: SocketAck[] = [];
  readonly deliveries: Delivery[] = [];
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly links: Links;
  private readonly connections = new Set<Connection>();
  private readonly byEnvelope = new Map<string, Delivery>();
  private readonly events = new EventEmitter();
  private readonly closers = new Set<NodeJS.Timeout>();
  private connectionCounter = 0;
  private roundRobin = 0;
  private helloHeld = false;

  constructor(baseUrl: () => string, options: SocketModeOptions = {}) {
    this.appToken = options.appToken ?? DEFAULT_APP_TOKEN;
    this.appId = options.appId ?? 'A0APP';
    this.links = new Links(baseUrl, this.appToken, this.appId);
    this.ackTimeoutMs = options.ackTimeoutMs ?? 3000;
    this.maxRetries = options.maxRetries ?? 3;
    this.events.setMaxListeners(0);
  }

  // ---- apps.connections.open and the upgrade ----

  /** The answer to apps.connections.open: only the app-level token may open a connection. */
  openConnection(token: string | undefined, botTokens: ReadonlySet<string>): SlackResponse {
    return this.links.open(token, botTokens);
  }

  /** Takes over an HTTP upgrade to the link path; a ticket is good for one connection. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.links.admit(req, socket)) this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  // ---- connections ----

  /** Connections that got their hello and are open. */
  get openConnections(): number {
    return this.open().length;
  }

  /** Connections opened from now on get no hello until `releaseHello()` (the app stays "connecting"). */
  holdHello(): void {
    this.helloHeld = true;
  }

  releaseHello(): void {
    this.helloHeld = false;
    for (const conn of this.connections) if (!conn.helloed) this.sayHello(conn);
  }

  /** Resolves once at least `n` connections are open and said hello. */
  waitForConnections(n = 1, timeoutMs = 5000): Promise<void> {
    return this.waitFor(() => this.openConnections >= n, `${n} open Socket Mode connection(s)`, timeoutMs);
  }

  /** Resolves once no connection is open. */
  waitForNoConnection(timeoutMs = 5000): Promise<void> {
    return this.waitFor(() => this.connections.size === 0, 'no Socket Mode connection', timeoutMs);
  }

  /** Tells every open connection to go away; one still open after `closeAfterMs` is closed by the server. */
  disconnect(reason: DisconnectReason = 'refresh_requested', closeAfterMs = 1000): void {
    for (const conn of this.open()) {
      conn.ws.send(JSON.stringify(disconnectMessage(reason)));
      const timer = setTimeout(() => {
        this.closers.delete(timer);
        conn.ws.close(1001, 'refresh');
      }, closeAfterMs);
      this.closers.add(timer);
    }
  }

  /** Cuts every connection at once, without a close frame (a network failure, a Slack restart). */
  drop(): void {
    for (const conn of this.connections) conn.ws.terminate();
  }

  // ---- envelopes ----

  /** An `events_api` envelope around an `event_callback` body. */
  pushEvent(body: object): Delivery {
    return this.push('events_api', body);
  }

  /** A `slash_commands` envelope around the command's fields. */
  pushCommand(fields: Record<string, string>): Delivery {
    return this.push('slash_commands', fields);
  }

  /** An `interactive` envelope around a block_actions, view_submission, shortcut … payload. */
  pushInteraction(payload: object): Delivery {
    return this.push('interactive', payload);
  }

  push(type: EnvelopeType, payload: object): Delivery {
    const delivery = new Delivery(this.deliveries.length + 1, type, payload as Record<string, unknown>);
    this.deliveries.push(delivery);
    this.send(delivery);
    return delivery;
  }

  /** Deliveries that have not been acknowledged (yet, or ever). */
  unacked(): Delivery[] {
    return this.deliveries.filter((d) => d.state !== 'acked');
  }

  /** Called with every ack from now on; returns an unsubscribe function. */
  onAck(listener: (ack: SocketAck) => void): () => void {
    this.events.on('ack', listener);
    return () => this.events.off('ack', listener);
  }

  /** The first ack of `delivery`; rejects when Slack gives up on it or nothing comes within the timeout. */
  async waitForAck(delivery: Delivery, timeoutMs = 5000): Promise<SocketAck> {
    const settled = () => delivery.state === 'acked' || delivery.state === 'dropped' || delivery.state === 'expired';
    await this.waitFor(settled, `ack of delivery ${delivery.id} (${delivery.type})`, timeoutMs);
    const ack = delivery.acks[0];
    if (delivery.state !== 'acked' || !ack) throw new Error(`delivery ${delivery.id} (${delivery.type}) was ${delivery.state} without an ack`);
    return ack;
  }

  /** Forgets deliveries and acks (and stops resending); connections stay. */
  reset(): void {
    for (const d of this.deliveries) clearTimeout(d.timer);
    this.deliveries.length = 0;
    this.acks.length = 0;
    this.byEnvelope.clear();
  }

  async close(): Promise<void> {
    this.reset();
    for (const timer of this.closers) clearTimeout(timer);
    this.closers.clear();
    for (const conn of this.connections) conn.ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  // ---- inside ----

  private accept(ws: WebSocket): void {
    const conn: Connection = { id: ++this.connectionCounter, ws, helloed: false };
    this.connections.add(conn);
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (!isBinary) this.onMessage(conn, data.toString());
    });
    ws.on('close', () => {
      this.connections.delete(conn);
      this.changed();
    });
    ws.on('error', () => undefined);
    if (!this.helloHeld) this.sayHello(conn);
    this.changed();
  }

  private sayHello(conn: Connection): void {
    conn.helloed = true;
    conn.ws.send(JSON.stringify(helloMessage(this.appId, this.open().length)));
    for (const d of this.deliveries) if (d.state === 'waiting') this.send(d);
    this.changed();
  }

  private open(): Connection[] {
    return [...this.connections].filter((c) => c.helloed && c.ws.readyState === c.ws.OPEN);
  }

  private send(delivery: Delivery): void {
    const open = this.open();
    const conn = open[this.roundRobin++ % Math.max(open.length, 1)];
    if (!conn) {
      delivery.state = 'waiting';
      return;
    }
    const attempt = delivery.nextAttempt;
    const envelopeId = randomUUID();
    this.byEnvelope.set(envelopeId, delivery);
    delivery.envelopes.push({ envelopeId, retryAttempt: attempt, at: Date.now(), connection: conn.id });
    delivery.state = 'sent';
    conn.ws.send(JSON.stringify(envelope(delivery.type, envelopeId, delivery.payload, attempt)));
    delivery.timer = setTimeout(() => this.onAckTimeout(delivery), this.ackTimeoutMs);
    this.changed();
  }

  private onAckTimeout(delivery: Delivery): void {
    if (delivery.state !== 'sent') return;
    if (delivery.type !== 'events_api') {
      delivery.state = 'expired';
    } else if (delivery.nextAttempt >= this.maxRetries) {
      delivery.state = 'dropped';
    } else {
      delivery.nextAttempt += 1;
      this.send(delivery);
    }
    this.changed();
  }

  private onMessage(conn: Connection, text: string): void {
    const parsed = parseAck(text);
    if (!parsed) return;
    const delivery = this.byEnvelope.get(parsed.envelope_id);
    const ack: SocketAck = {
      envelopeId: parsed.envelope_id,
      ...(parsed.payload ? { payload: parsed.payload } : {}),
      at: Date.now(),
      connection: conn.id,
      deliveryId: delivery?.id,
    };
    this.acks.push(ack);
    delivery?.recordAck(ack);
    this.events.emit('ack', ack);
    this.changed();
  }

  private changed(): void {
    this.events.emit('changed');
  }

  private waitFor(done: () => boolean, what: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      if (done()) return resolve();
      const check = () => {
        if (!done()) return;
        finish();
        resolve();
      };
      const finish = () => {
        clearTimeout(timer);
        this.events.off('changed', check);
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.events.on('changed', check);
    });
  }
}
