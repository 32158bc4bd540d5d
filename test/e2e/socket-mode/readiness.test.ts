/**
 * In Socket Mode the HTTP port still serves /healthz and /readyz, and /readyz tells whether the
 * socket is up: 503 until Slack says hello, 200 while connected, 503 again when the connection
 * drops, until the app has reconnected by itself. Requests posted meanwhile wait at Slack and are
 * acknowledged once the app is back.
 */
import pino from 'pino';
import { loadConfig } from '../../../src/config';
import { type RunningKuittaus, startKuittaus } from '../../../src/kuittaus';
import { eventEnvelope, messageEvent } from '../../support/builders';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from '../../support/redis/key-prefix';
import { type SlackEmulator, clientUser, startSlackEmulator } from '../../support/slack-emulator';
import { Channels, PinnedClock, seedPostedMessage, seedWorkspace, tsNow } from '../harness';
import { freePort, socketEnv } from '../support/socket-harness';

const clock = new PinnedClock();
let slack: SlackEmulator;
let prefix: string;
let port: number;
let app: RunningKuittaus | undefined;

beforeAll(async () => {
  slack = await startSlackEmulator();
  seedWorkspace(slack);
  prefix = uniqueKeyPrefix('socket-readiness');
  port = await freePort();
});
afterAll(async () => {
  await app?.stop();
  await slack.close();
  await deleteKeysWithPrefix(process.env.REDIS_URL as string, prefix);
});

type Readiness = { status: number; checks?: Record<string, boolean> };
async function readyz(): Promise<Readiness> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/readyz`);
    return { status: res.status, checks: ((await res.json()) as { checks: Record<string, boolean> }).checks };
  } catch {
    return { status: 0 };
  }
}
async function until(check: () => Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not true within ${ms} ms; /readyz: ${JSON.stringify(await readyz())}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

let clients = 0;
/** A request from a client of its own (one client's follow-ups would join their first request). */
const request = (text: string) => {
  const user = `U0READY${++clients}`;
  slack.addUser(clientUser(user, 'Maria Virtanen'));
  const event = messageEvent({ channel: Channels.shared, user, user_team: 'T0CLIENT', text, ts: tsNow(clock.now()) });
  seedPostedMessage(slack, event as unknown as Record<string, unknown>);
  return { ts: event.ts as string, delivery: slack.socket.pushEvent(eventEnvelope(event, { isExtSharedChannel: true })) };
};
const answered = (ts: string) => slack.messagesIn(Channels.shared, ts).filter((m) => m.text.startsWith('Thanks')).length;

it('when the socket is not connected yet, then /readyz is 503 (socket false) and /healthz 200; once Slack says hello, 200', async () => {
  slack.socket.holdHello();
  const starting = startKuittaus(loadConfig(socketEnv(slack, prefix, { PORT: String(port) })), { log: pino({ level: 'silent' }), clock, channelIntervalMs: 100 });
  await until(async () => (await readyz()).status !== 0);
  await slack.waitForCall('apps.connections.open');
  expect(await readyz()).toEqual({ status: 503, checks: { redis: true, persistence: true, slack: true, accepting: true, socket: false } });
  expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

  slack.socket.releaseHello();
  app = await starting;
  expect(app.port).toBe(port);
  expect(await readyz()).toEqual({ status: 200, checks: { redis: true, persistence: true, slack: true, accepting: true, socket: true } });
});

it('when the connection drops, then /readyz is 503 until the app has reconnected by itself, and a request posted meanwhile is acknowledged once', async () => {
  slack.socket.holdHello(); // the app's reconnection gets no hello until released
  slack.socket.drop();
  await until(async () => (await readyz()).status === 503);
  expect((await readyz()).checks?.socket).toBe(false);
  await slack.waitForCall('apps.connections.open', () => slack.callsTo('apps.connections.open').length === 2);

  const { ts, delivery } = request('Printing fails on every floor');
  expect(delivery.state).toBe('waiting');
  expect((await readyz()).status).toBe(503);

  slack.socket.releaseHello();
  await until(async () => (await readyz()).status === 200);
  await slack.socket.waitForAck(delivery);
  await slack.waitForCall('chat.postMessage', (c) => c.args.thread_ts === ts);
  await app?.idle();
  expect(answered(ts)).toBe(1);
});

it('when Slack asks for a refresh, then the app reconnects and keeps taking requests', async () => {
  const before = slack.callsTo('apps.connections.open').length;
  slack.socket.disconnect('refresh_requested');
  await slack.waitForCall('apps.connections.open', () => slack.callsTo('apps.connections.open').length === before + 1);
  await slack.socket.waitForConnections(1);
  await until(async () => (await readyz()).status === 200);

  const { ts, delivery } = request('VPN drops every hour');
  await slack.socket.waitForAck(delivery);
  await slack.waitForCall('chat.postMessage', (c) => c.args.thread_ts === ts);
  await app?.idle();
  expect(answered(ts)).toBe(1);
});
