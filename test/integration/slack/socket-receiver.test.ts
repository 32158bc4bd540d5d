/**
 * DurableSocketModeReceiver and SocketConnection against the emulator's Socket Mode server, with
 * a real Bolt app whose listeners the tests control: an envelope is acknowledged only once its
 * listeners are done, never when they fail (Slack resends), and the link says when it is up.
 */
import { App } from '@slack/bolt';
import pino from 'pino';
import { boltLogger } from '../../../src/infra/bolt-logger';
import { SocketConnection } from '../../../src/slack/socket-connection';
import { AppTokenRefusedError } from '../../../src/slack/socket-errors';
import { DurableSocketModeReceiver } from '../../../src/slack/socket-receiver';
import { appMentionEvent, eventEnvelope, slashCommand } from '../../support/builders';
import { type SlackEmulator, startSlackEmulator } from '../../support/slack-emulator';

const log = pino({ level: 'silent' });
let slack: SlackEmulator;
const running: Array<{ stop(): Promise<unknown> }> = [];

beforeAll(async () => {
  slack = await startSlackEmulator();
});
afterAll(() => slack.close());
afterEach(async () => {
  for (const r of running.splice(0)) await r.stop();
  slack.reset();
  slack.socket.ackTimeoutMs = 3000;
  slack.socket.releaseHello();
});

const link = (appToken = 'xapp-test') =>
  new SocketConnection({ appToken, apiUrl: slack.apiUrl, log, backoff: { minMs: 20, maxMs: 100 }, startAttempts: 3 });

/** A started receiver and Bolt app; `listener` handles app_mention events. */
async function startApp(listener: (args: { retryNum: number | undefined }) => Promise<void>) {
  const connection = link();
  const receiver = new DurableSocketModeReceiver({ connection, log, port: 0, routes: [] });
  const app = new App({ receiver, token: 'xoxb-test', tokenVerificationEnabled: false, botId: 'B0BOT', botUserId: 'U0BOT', clientOptions: { slackApiUrl: slack.apiUrl }, logger: boltLogger(log) });
  app.event('app_mention', async ({ context }) => listener({ retryNum: context.retryNum }));
  app.command('/status', async ({ ack, command }) => ack(command.text === 'plain' ? 'plain text' : { response_type: 'ephemeral', text: `page for ${command.user_id}` }));
  app.error(async (error) => {
    throw error; // as the app does: a failed listener fails the envelope
  });
  await receiver.start();
  running.push(receiver);
  return { receiver, connection };
}

const mention = () => eventEnvelope(appMentionEvent({ channel: 'C0SHARED', user: 'U0CLIENT', text: '<@U0BOT> help' }));
const until = async (done: () => boolean, ms = 3000) => {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('acknowledging envelopes', () => {
  it('when a listener is still at work, then the envelope is not acked; it is acked when the listener is done', async () => {
    let finish: () => void = () => undefined;
    let started = false;
    await startApp(async () => {
      started = true;
      await new Promise<void>((resolve) => (finish = resolve));
    });
    const delivery = slack.socket.pushEvent(mention());
    await until(() => started);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(delivery.state).toBe('sent');
    const finishedAt = Date.now();
    finish();
    const ack = await slack.socket.waitForAck(delivery);
    expect(ack.at).toBeGreaterThanOrEqual(finishedAt);
  });

  it('when a listener fails, then the envelope is not acked, and Slack\'s resend is handled and acked', async () => {
    slack.socket.ackTimeoutMs = 150;
    const seen: Array<number | undefined> = [];
    await startApp(async ({ retryNum }) => {
      seen.push(retryNum);
      if (seen.length === 1) throw new Error('Redis is down');
    });
    const delivery = slack.socket.pushEvent(mention());
    await slack.socket.waitForAck(delivery);
    expect(seen).toEqual([0, 1]);
    expect(delivery.envelopes.map((e) => e.retryAttempt)).toEqual([0, 1]);
    expect(delivery.acks).toHaveLength(1);
    expect(delivery.acks[0]?.envelopeId).toBe(delivery.envelopes[1]?.envelopeId);
  });

  it('when a listener cannot read the payload, then the envelope is acked: a resend would not help', async () => {
    slack.socket.ackTimeoutMs = 150;
    let calls = 0;
    await startApp(async () => {
      calls += 1;
      throw new TypeError("Cannot read properties of undefined (reading 'ts')");
    });
    const delivery = slack.socket.pushEvent(mention());
    await slack.socket.waitForAck(delivery);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([calls, delivery.envelopes.length]).toEqual([1, 1]);
  });

  it('when a command answers, then the answer is the payload of the ack', async () => {
    await startApp(async () => undefined);
    const page = slack.socket.pushCommand(slashCommand({ user_id: 'U0LEAD', channel_id: 'C0INTERNAL' }));
    const plain = slack.socket.pushCommand(slashCommand({ user_id: 'U0LEAD', channel_id: 'C0INTERNAL', text: 'plain' }));
    await Promise.all([slack.socket.waitForAck(page), slack.socket.waitForAck(plain)]);
    expect(page.response).toEqual({ response_type: 'ephemeral', text: 'page for U0LEAD' });
    expect(plain.response).toEqual({ text: 'plain text' });
  });

  it('when the receiver stops, then an envelope at work is finished and acked, and one arriving later is left to Slack', async () => {
    let finish: () => void = () => undefined;
    let calls = 0;
    const { receiver } = await startApp(async () => {
      calls += 1;
      await new Promise<void>((resolve) => (finish = resolve));
    });
    const first = slack.socket.pushEvent(mention());
    await until(() => calls === 1);
    const stopped = receiver.stop();
    const second = slack.socket.pushEvent(mention());
    await new Promise((resolve) => setTimeout(resolve, 100));
    finish();
    await stopped;
    running.length = 0;
    expect(first.state).toBe('acked');
    expect([second.state, calls]).toEqual(['sent', 1]);
  });
});

describe('the link', () => {
  it.each([
    ['another app token', 'xapp-wrong', undefined, 'invalid_auth'],
    ['a token Slack will not take', 'xapp-test', 'not_allowed_token_type', 'not_allowed_token_type'],
  ])('when Slack refuses %s, then open() fails at once with an error naming SLACK_APP_TOKEN', async (_what, token, fault, code) => {
    if (fault) slack.failNext('apps.connections.open', { kind: 'slack_error', error: fault });
    const connection = link(token);
    const error = await connection.open().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppTokenRefusedError);
    expect((error as Error).message).toMatch(new RegExp(`^Slack refused SLACK_APP_TOKEN \\(${code}\\) when opening the Socket Mode connection: `));
    expect(slack.callsTo('apps.connections.open')).toHaveLength(1);
    expect(connection.connected).toBe(false);
    await connection.close();
  });

  it('when opening fails for a while, then start-up retries and connects; past startAttempts it gives up with a clear error', async () => {
    slack.failNext('apps.connections.open', { kind: 'server_error', status: 503 }, 2);
    const connection = link();
    running.push({ stop: () => connection.close() });
    await connection.open();
    expect(connection.connected).toBe(true);
    expect(slack.callsTo('apps.connections.open').map((c) => c.status)).toEqual([503, 503, 200]);

    slack.failNext('apps.connections.open', { kind: 'server_error', status: 503 }, 3);
    const failing = link();
    await expect(failing.open()).rejects.toThrow(/^could not open the Socket Mode connection \(.*503.*\): check SLACK_API_URL/);
    await failing.close();
  });

  it('when the connection drops or Slack asks for a refresh, then connected is false until the next hello, and it comes back by itself', async () => {
    const connection = link();
    running.push({ stop: () => connection.close() });
    slack.socket.holdHello();
    const opening = connection.open();
    await until(() => slack.callsTo('apps.connections.open').length === 1);
    expect(connection.connected).toBe(false);
    slack.socket.releaseHello();
    await opening;
    expect(connection.connected).toBe(true);

    slack.socket.holdHello();
    slack.socket.drop();
    await until(() => !connection.connected);
    await until(() => slack.callsTo('apps.connections.open').length === 2);
    expect(connection.connected).toBe(false);
    slack.socket.releaseHello();
    await until(() => connection.connected);

    slack.socket.disconnect('refresh_requested');
    await until(() => slack.callsTo('apps.connections.open').length === 3);
    await until(() => connection.connected && slack.socket.openConnections === 1);
  });
});
