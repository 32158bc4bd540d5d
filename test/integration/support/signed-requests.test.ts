/** The signed sender: what reaches the app, checked with Bolt's own verifier. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySlackRequest } from '@slack/bolt';
import { createSignedSender, signRequest } from '../../support/signed-requests';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

const SECRET = 'test-signing-secret';
let server: Server;
let url: string;
let received: Received[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json', 'x-test': 'yes' });
      res.end(JSON.stringify({ ok: true, n: received.length }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  received = [];
});

const last = () => received[received.length - 1] as Received;
const verify = (r: Received, secret = SECRET, nowMilliseconds?: number) =>
  verifySlackRequest({
    signingSecret: secret,
    body: r.body,
    headers: { 'x-slack-signature': String(r.headers['x-slack-signature']), 'x-slack-request-timestamp': Number(r.headers['x-slack-request-timestamp']) },
    ...(nowMilliseconds !== undefined ? { nowMilliseconds } : {}),
  });

describe('createSignedSender', () => {
  const sender = () => createSignedSender({ url, signingSecret: SECRET });

  it('sends an event as JSON, signed so that Bolt accepts it', async () => {
    const envelope = { type: 'event_callback', event: { type: 'message', text: 'Hei & <tervetuloa>' } };
    const res = await sender().event(envelope);
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ ok: true, n: 1 });
    expect(res.headers['x-test']).toBe('yes');
    expect(last().headers['content-type']).toBe('application/json');
    expect(JSON.parse(last().body)).toEqual(envelope);
    expect(() => verify(last())).not.toThrow();
    expect(() => verify(last(), 'another-secret')).toThrow(/signature mismatch/);
    expect(last().headers['x-slack-retry-num']).toBeUndefined();
  });

  it('signs v0:{timestamp}:{body} with HMAC-SHA256', async () => {
    await sender().raw('a=1', 'application/x-www-form-urlencoded', { timestamp: 1_700_000_000 });
    expect(last().headers['x-slack-request-timestamp']).toBe('1700000000');
    expect(last().headers['x-slack-signature']).toBe(signRequest(SECRET, 1_700_000_000, 'a=1'));
    expect(signRequest('8f742231b10e8888abcd99yyyzzz85a5', 1531420618, 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J')).toMatch(/^v0=[0-9a-f]{64}$/);
    // An old timestamp is signed correctly but is stale for a verifier that checks the clock.
    expect(() => verify(last(), SECRET, 1_700_000_000 * 1000)).not.toThrow();
    expect(() => verify(last())).toThrow(/stale/);
  });

  it('sends a slash command form-encoded', async () => {
    await sender().command({ command: '/status', text: 'overdue & more', user_id: 'U0AINO' });
    expect(last().headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(last().body))).toEqual({ command: '/status', text: 'overdue & more', user_id: 'U0AINO' });
    expect(() => verify(last())).not.toThrow();
  });

  it('sends an interaction as form field payload=<json>', async () => {
    const payload = { type: 'block_actions', actions: [{ action_id: 'request_claim', value: 'R1' }] };
    await sender().interaction(payload);
    expect(JSON.parse(new URLSearchParams(last().body).get('payload') as string)).toEqual(payload);
    expect(() => verify(last())).not.toThrow();
  });

  it('adds retry headers like a Slack redelivery', async () => {
    await sender().event({}, { retryNum: 2 });
    expect(last().headers).toMatchObject({ 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' });
    await sender().event({}, { retryNum: 1, retryReason: 'http_error' });
    expect(last().headers).toMatchObject({ 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' });
  });

  it('sends a given signature, or none, for negative tests', async () => {
    await sender().event({}, { signature: 'v0=deadbeef' });
    expect(last().headers['x-slack-signature']).toBe('v0=deadbeef');
    expect(() => verify(last())).toThrow();
    await sender().event({}, { signature: null });
    expect(last().headers['x-slack-signature']).toBeUndefined();
    expect(last().headers['x-slack-request-timestamp']).toBeDefined();
  });
});
