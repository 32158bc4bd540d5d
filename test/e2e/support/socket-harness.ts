/**
 * End-to-end over Socket Mode: the real app in-process with SLACK_APP_TOKEN set, reaching the
 * emulator through SLACK_API_URL (apps.connections.open, then the WebSocket), + the test run's
 * Redis + BullMQ. Events, commands and clicks are pushed as envelopes; the app's acks are read back.
 */
import { createServer } from 'node:net';
import pino, { type Logger } from 'pino';
import type { Clock } from '../../../src/app/ports';
import { loadConfig } from '../../../src/config';
import { type RunningKuittaus, startKuittaus } from '../../../src/kuittaus';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from '../../support/redis/key-prefix';
import { type Delivery, type SlackEmulator, type SocketModeOptions, clientUser, startSlackEmulator } from '../../support/slack-emulator';
import { seedPostedMessage, seedWorkspace, testEnv } from '../harness';

export interface SocketHarnessOptions {
  name: string;
  env?: Record<string, string>;
  clock?: Clock;
  /** The emulator's ack timeout and resends. */
  socket?: SocketModeOptions;
  log?: Logger;
}

/** The environment of an app in Socket Mode: testEnv plus the emulator's app-level token. */
export function socketEnv(slack: SlackEmulator, prefix: string, extra: Record<string, string> = {}): Record<string, string> {
  return testEnv(slack, prefix, { SLACK_APP_TOKEN: slack.socket.appToken, ...extra });
}

/** A TCP port that was free a moment ago (for a test that must know the port before start-up ends). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

let clientCounter = 0;

export type SocketHarness = Awaited<ReturnType<typeof startSocketHarness>>;

export async function startSocketHarness(options: SocketHarnessOptions) {
  const slack = await startSlackEmulator(options.socket ? { socket: options.socket } : {});
  seedWorkspace(slack);
  const prefix = uniqueKeyPrefix(options.name);
  const config = loadConfig(socketEnv(slack, prefix, options.env));
  const log = options.log ?? pino({ level: config.logLevel });
  const app: RunningKuittaus = await startKuittaus(config, {
    log,
    channelIntervalMs: 100,
    ...(options.clock ? { clock: options.clock } : {}),
  });

  return {
    slack,
    app,
    config,
    prefix,
    /** Envelopes pushed over the app's Socket Mode connection. */
    send: {
      /** Like Slack: a message someone posts exists in the channel before its event is sent. */
      event(envelope: { event?: object }): Delivery {
        seedPostedMessage(slack, envelope.event as Record<string, unknown> | undefined);
        return slack.socket.pushEvent(envelope);
      },
      command: (fields: Record<string, string>): Delivery => slack.socket.pushCommand(fields),
      interaction: (payload: object): Delivery => slack.socket.pushInteraction(payload),
    },
    /** The app's ack of a delivery. */
    acked: (delivery: Delivery, timeoutMs?: number) => slack.socket.waitForAck(delivery, timeoutMs),
    now: () => options.clock?.now() ?? Date.now(),
    baseUrl: () => `http://127.0.0.1:${app.port}`,
    newClient(name = 'Maria Virtanen'): string {
      const id = `U0S${++clientCounter}`;
      slack.addUser(clientUser(id, name));
      return id;
    },
    idle: (timeoutMs?: number) => app.idle(timeoutMs),
    async stop() {
      await app.stop();
      await slack.close();
      await deleteKeysWithPrefix(process.env.REDIS_URL as string, prefix);
    },
  };
}
