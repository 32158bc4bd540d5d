/**
 * The emulator's Socket Mode server, through a raw WebSocket (the wire format) and through
 * @slack/socket-mode's own SocketModeClient (what the app uses).
 */
import { SocketModeClient } from '@slack/socket-mode';
import WebSocket from 'ws';
import { eventEnvelope, messageEvent, slashCommand, blockAction, viewSubmission } from '../../support/builders';
import type { Envelope } from '../../support/slack-emulator';
import { clientFor, rejectionOf, silentLogger, useEmulator } from './helpers';

const emulator = useEmulator();
const socket = () => emulator().socket;
const open: WebSocket[] = [];

afterEach(async () => {
  for (const ws of open.splice(0)) ws.terminate();
  await socket().waitForNoConnection();
  socket().ackTimeoutMs = 3000;
  socket().maxRetries = 3;
  socket().releaseHello();
});

/** A raw connection: what it received, in order, and ways to wait for more. */
async function connect(token = socket().appToken) {
  const { url } = (await clientFor(emulator(), {}, token).apps.connections.open()) as { url: string };
  const ws = new WebSocket(url);
  open.push(ws);
  const received: Array<Record<string, unknown>> = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (data) => {
    received.push(JSON.parse(data.toString()) as Record<string, unknown>);
    for (const wake of waiters.splice(0)) wake();
  });
  const next = async (type: string, count = 1): Promise<Record<string, unknown>> => {
    const deadline = Date.now() + 3000;
    for (;;) {
      const found = received.filter((m) => m.type === type);
      if (found.length >= count) return found[count - 1] as Record<string, unknown>;
      if (Date.now() > deadline) throw new Error(`no ${type} #${count}; got ${JSON.stringify(received.map((m) => m.type))}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  };
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return { ws, url, received, next, ack: (envelopeId: unknown, payload?: object) => ws.send(JSON.stringify({ envelope_id: envelopeId, ...(payload ? { payload } : {}) })) };
}

const anEvent = () => eventEnvelope(messageEvent({ channel: 'C0SHARED', user: 'U0CLIENT', user_team: 'T0CLIENT', text: 'Export fails' }), { isExtSharedChannel: true });

describe('apps.connections.open', () => {
  it('answers the app-level token with a one-time ws URL on the emulator', async () => {
    const res = await clientFor(emulator(), {}, 'xapp-test').apps.connections.open();
    expect(res.ok).toBe(true);
    expect(res.url).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:${emulator().port}/link/\\?ticket=[0-9a-f-]{36}&app_id=A0APP$`));
  });

  it.each([
    ['a bot token', 'xoxb-test', 'not_allowed_token_type'],
    ['another app token', 'xapp-wrong', 'invalid_auth'],
  ])('refuses %s (%s)', async (_what, token, error) => {
    expect((await rejectionOf(clientFor(emulator(), {}, token).apps.connections.open())).data?.error).toBe(error);
  });

  it('refuses a call without a token, and the app token on any other method', async () => {
    const anonymous = await fetch(`${emulator().apiUrl}apps.connections.open`, { method: 'POST' });
    expect(await anonymous.json()).toEqual({ ok: false, error: 'not_authed' });
    expect((await rejectionOf(clientFor(emulator(), {}, 'xapp-test').auth.test())).data?.error).toBe('not_allowed_token_type');
  });

  it('is recorded like any call, and its faults apply', async () => {
    emulator().failNext('apps.connections.open', { kind: 'slack_error', error: 'not_allowed_token_type' });
    expect((await rejectionOf(clientFor(emulator(), {}, 'xapp-test').apps.connections.open())).data?.error).toBe('not_allowed_token_type');
    expect(emulator().callsTo('apps.connections.open')).toEqual([expect.objectContaining({ token: 'xapp-test', ok: false })]);
  });
});

describe('the connection', () => {
  it('says hello with the app id and the number of connections', async () => {
    const first = await connect();
    expect(await first.next('hello')).toEqual({
      type: 'hello',
      num_connections: 1,
      debug_info: expect.objectContaining({ host: expect.any(String), approximate_connection_time: expect.any(Number) }),
      connection_info: { app_id: 'A0APP' },
    });
    const second = await connect();
    expect(await second.next('hello')).toMatchObject({ num_connections: 2 });
    expect(socket().openConnections).toBe(2);
  });

  it('takes a ticket only once', async () => {
    const { url } = await connect();
    const again = new WebSocket(url);
    const status = await new Promise<number>((resolve) => again.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)).on('error', () => resolve(0)));
    expect(status).toBe(401);
  });

  it('holds hello back while told to: the connection is open but not yet usable', async () => {
    socket().holdHello();
    const conn = await connect();
    socket().pushEvent(anEvent());
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(conn.received).toEqual([]);
    expect(socket().openConnections).toBe(0);
    socket().releaseHello();
    await conn.next('hello');
    await conn.next('events_api');
  });

  it('disconnect() sends Slack\'s disconnect message and closes a connection that stays', async () => {
    const conn = await connect();
    await conn.next('hello');
    const closed = new Promise<number>((resolve) => conn.ws.once('close', resolve));
    socket().disconnect('refresh_requested', 50);
    expect(await conn.next('disconnect')).toEqual({ type: 'disconnect', reason: 'refresh_requested', debug_info: { host: expect.any(String) } });
    expect(await closed).toBe(1001);
  });

  it('drop() cuts the connection without a close frame', async () => {
    const conn = await connect();
    await conn.next('hello');
    const closed = new Promise<number>((resolve) => conn.ws.once('close', resolve));
    socket().drop();
    expect(await closed).toBe(1006);
    await socket().waitForNoConnection();
  });
});

describe('envelopes and acks', () => {
  it('sends an event in an events_api envelope and records the ack', async () => {
    const conn = await connect();
    const body = anEvent();
    const delivery = socket().pushEvent(body);
    const env = (await conn.next('events_api')) as unknown as Envelope;
    expect(env).toEqual({ type: 'events_api', envelope_id: expect.stringMatching(/^[0-9a-f-]{36}$/), payload: body, accepts_response_payload: false, retry_attempt: 0, retry_reason: '' });
    conn.ack(env.envelope_id);
    const ack = await socket().waitForAck(delivery);
    expect(ack).toEqual({ envelopeId: env.envelope_id, at: expect.any(Number), connection: expect.any(Number), deliveryId: delivery.id });
    expect(delivery.state).toBe('acked');
    expect(socket().acks).toEqual([ack]);
  });

  it('sends a slash command that accepts a response payload, and keeps the payload of its ack', async () => {
    const conn = await connect();
    const fields = slashCommand({ user_id: 'U0AINO', channel_id: 'C0INTERNAL', text: 'overdue' });
    const delivery = socket().pushCommand(fields);
    const env = (await conn.next('slash_commands')) as unknown as Envelope;
    expect(env).toEqual({ type: 'slash_commands', envelope_id: expect.any(String), payload: fields, accepts_response_payload: true });
    conn.ack(env.envelope_id, { response_type: 'ephemeral', text: 'Nothing overdue' });
    await socket().waitForAck(delivery);
    expect(delivery.response).toEqual({ response_type: 'ephemeral', text: 'Nothing overdue' });
  });

  it('sends interactions; only a view submission accepts a response payload', async () => {
    const conn = await connect();
    socket().pushInteraction(blockAction({ user: 'U0AINO', actionId: 'request_claim', value: 'R1', channel: 'C0TRIAGE' }));
    socket().pushInteraction(viewSubmission({ user: 'U0AINO', callbackId: 'eta_modal', values: {} }));
    expect(await conn.next('interactive', 1)).toMatchObject({ accepts_response_payload: false, payload: { type: 'block_actions' } });
    expect(await conn.next('interactive', 2)).toMatchObject({ accepts_response_payload: true, payload: { type: 'view_submission' } });
    expect(await conn.next('interactive', 2)).not.toHaveProperty('retry_attempt');
  });

  it('resends an event that was not acked (new envelope id, retry_attempt + 1, reason timeout) and gives up after maxRetries', async () => {
    socket().ackTimeoutMs = 60;
    socket().maxRetries = 2;
    const conn = await connect();
    const delivery = socket().pushEvent(anEvent());
    const first = (await conn.next('events_api', 1)) as unknown as Envelope;
    const second = (await conn.next('events_api', 2)) as unknown as Envelope;
    const third = (await conn.next('events_api', 3)) as unknown as Envelope;
    expect([first, second, third].map((e) => [e.retry_attempt, e.retry_reason])).toEqual([[0, ''], [1, 'timeout'], [2, 'timeout']]);
    expect(new Set([first, second, third].map((e) => e.envelope_id)).size).toBe(3);
    expect(third.payload).toEqual(first.payload);
    await expect(socket().waitForAck(delivery, 1000)).rejects.toThrow('was dropped without an ack');
    expect(conn.received.filter((m) => m.type === 'events_api')).toHaveLength(3);
  });

  it('stops resending once any envelope of the event is acked, even a late one', async () => {
    socket().ackTimeoutMs = 60;
    const conn = await connect();
    const delivery = socket().pushEvent(anEvent());
    const first = (await conn.next('events_api', 1)) as unknown as Envelope;
    await conn.next('events_api', 2);
    conn.ack(first.envelope_id);
    await socket().waitForAck(delivery);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(conn.received.filter((m) => m.type === 'events_api')).toHaveLength(2);
  });

  it('never resends a command or an interaction: unacked, it expires', async () => {
    socket().ackTimeoutMs = 60;
    const conn = await connect();
    const delivery = socket().pushCommand(slashCommand({ user_id: 'U0AINO', channel_id: 'C0INTERNAL' }));
    await expect(socket().waitForAck(delivery, 1000)).rejects.toThrow('was expired without an ack');
    expect(conn.received.filter((m) => m.type === 'slash_commands')).toHaveLength(1);
  });

  it('keeps what it could not send until a connection says hello, and resends to the new connection after a drop', async () => {
    socket().ackTimeoutMs = 100;
    const early = socket().pushEvent(anEvent());
    expect(early.state).toBe('waiting');
    const first = await connect();
    const env = (await first.next('events_api')) as unknown as Envelope;
    expect(env.retry_attempt).toBe(0);
    socket().drop();
    await socket().waitForNoConnection();
    const second = await connect();
    const resent = (await second.next('events_api')) as unknown as Envelope;
    expect(resent).toMatchObject({ retry_attempt: 1, retry_reason: 'timeout', payload: env.payload });
    second.ack(resent.envelope_id);
    await socket().waitForAck(early);
    expect(early.envelopes.map((e) => e.connection)).toEqual([expect.any(Number), expect.any(Number)]);
    expect(new Set(early.envelopes.map((e) => e.connection)).size).toBe(2);
  });

  it('records acks of envelope ids it never sent, without a delivery', async () => {
    const conn = await connect();
    await conn.next('hello');
    conn.ack('not-an-envelope');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(socket().acks).toEqual([expect.objectContaining({ envelopeId: 'not-an-envelope', deliveryId: undefined })]);
  });
});

describe('with @slack/socket-mode\'s SocketModeClient', () => {
  let client: SocketModeClient | undefined;
  afterEach(async () => {
    await client?.disconnect();
    client = undefined;
  });

  it('connects through SLACK_API_URL, gets envelopes, acks them, and reconnects after a disconnect message', async () => {
    // clientPingTimeout also sets how long the client waits before it reconnects.
    client = new SocketModeClient({ appToken: 'xapp-test', logger: silentLogger, clientPingTimeout: 500, clientOptions: { slackApiUrl: emulator().apiUrl } });
    const bodies: unknown[] = [];
    client.on('slack_event', async ({ ack, body }: { ack: () => Promise<void>; body: unknown }) => {
      bodies.push(body);
      await ack();
    });
    await client.start();
    const body = anEvent();
    await socket().waitForAck(socket().pushEvent(body));
    expect(bodies).toEqual([body]);

    socket().disconnect('refresh_requested');
    await emulator().waitForCall('apps.connections.open', () => emulator().callsTo('apps.connections.open').length === 2, { timeoutMs: 10_000 });
    await socket().waitForConnections(1, 10_000);
    await socket().waitForAck(socket().pushEvent(anEvent()));
    expect(bodies).toHaveLength(2);
  }, 20_000);
});
