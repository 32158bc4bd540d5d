/**
 * Socket Mode as safe as HTTP mode. Bolt's SocketModeReceiver acks an envelope before the
 * listeners run, so a crash right after the ack loses the event (Slack never resends an acked
 * envelope). Here Bolt's ack() only remembers the answer; the envelope is acknowledged once the
 * listeners are done, i.e. once the event is queued in Redis: the same contract as the HTTP
 * receiver's `processBeforeResponse`. When processing fails the envelope is not acknowledged, so
 * Slack sends it again (events; a command or a click shows the user an error, as a 500 would).
 * Payloads the app cannot read, and authorization failures, are acknowledged: resending cannot help.
 *
 * The receiver also serves the health routes on the HTTP port, which Socket Mode leaves free.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { type App, AuthorizationError, type Receiver, type ReceiverEvent } from '@slack/bolt';
import type { Logger } from 'pino';
import { type Route, boundPort, closeServer, serveRoutes } from '../infra/route-server';
import { isMalformedPayloadError } from './receiver-errors';
import type { SocketConnection } from './socket-connection';

/** What @slack/socket-mode's client emits as `slack_event`. */
interface SlackEventArgs {
  ack(response?: Record<string, unknown>): Promise<void>;
  envelope_id: string;
  type: string;
  body: Record<string, unknown>;
  retry_num?: number;
  retry_reason?: string;
}

export interface SocketReceiverOptions {
  connection: SocketConnection;
  log: Logger;
  /** HTTP port of the routes (0: any free port). */
  port: number;
  routes: readonly Route[];
  /** How long stop() lets envelopes in progress finish before it closes the link (default 5 s). */
  drainTimeoutMs?: number;
}

export class DurableSocketModeReceiver implements Receiver {
  private app: App | undefined;
  private server: Server | undefined;
  private stopping = false;
  private readonly inProgress = new Set<Promise<void>>();
  private readonly log: Logger;

  constructor(private readonly options: SocketReceiverOptions) {
    this.log = options.log.child({ component: 'socket-receiver' });
    options.connection.client.on('slack_event', (args: SlackEventArgs) => this.receive(args));
  }

  init(app: App): void {
    this.app = app;
  }

  get connected(): boolean {
    return this.options.connection.connected;
  }

  /** Serves the routes, then connects; resolves with the HTTP port once Slack said hello. */
  async start(): Promise<number> {
    const server = await serveRoutes(this.options.routes, this.options.port);
    this.server = server;
    try {
      await this.options.connection.open();
    } catch (error) {
      await closeServer(server);
      throw error;
    }
    return boundPort(server);
  }

  /** New envelopes stay unacknowledged (Slack resends them); those in progress finish and are acked; then the link closes. */
  async stop(): Promise<void> {
    this.stopping = true;
    await settleWithin([...this.inProgress], this.options.drainTimeoutMs ?? 5000);
    await this.options.connection.close();
    if (this.server) await closeServer(this.server);
  }

  private receive(args: SlackEventArgs): void {
    if (this.stopping || !this.app) {
      this.log.debug({ envelopeId: args.envelope_id, type: args.type }, 'envelope left unacknowledged: not accepting');
      return;
    }
    const work = this.process(this.app, args).finally(() => this.inProgress.delete(work));
    this.inProgress.add(work);
  }

  private async process(app: App, args: SlackEventArgs): Promise<void> {
    const where = { envelopeId: args.envelope_id, type: args.type, retryNum: args.retry_num };
    const held = heldAck(this.log, where);
    const event: ReceiverEvent = {
      body: args.body,
      ack: held.ack,
      ...(args.retry_num !== undefined ? { retryNum: args.retry_num } : {}),
      ...(args.retry_reason ? { retryReason: args.retry_reason } : {}),
    };
    try {
      await app.processEvent(event);
    } catch (error) {
      if (error instanceof AuthorizationError) {
        this.log.warn(where, 'authorization failed; envelope acknowledged');
      } else if (isMalformedPayloadError(error)) {
        const { name, message } = error as Error;
        this.log.warn({ ...where, errorId: randomUUID().slice(0, 8), err: { name, message } }, 'malformed payload ignored');
      } else {
        this.log.error({ ...where, err: error }, 'envelope failed; not acknowledged, so Slack sends it again');
        return;
      }
    }
    try {
      await args.ack(held.response());
    } catch (error) {
      this.log.warn({ ...where, err: error }, 'ack not sent (link down); Slack sends the envelope again');
    }
  }
}

/** Bolt's ack() for one envelope: it keeps the answer (a command's page, a modal's errors) until processing is over. */
function heldAck(log: Logger, where: object) {
  let acked = false;
  let response: Record<string, unknown> | undefined;
  return {
    ack: async (body?: unknown): Promise<void> => {
      if (acked) {
        log.warn(where, 'ack() called twice; the second answer is ignored');
        return;
      }
      acked = true;
      if (typeof body === 'string') response = { text: body };
      else if (body && typeof body === 'object') response = body as Record<string, unknown>;
    },
    response: () => response,
  };
}

async function settleWithin(work: Promise<unknown>[], ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.allSettled(work), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
