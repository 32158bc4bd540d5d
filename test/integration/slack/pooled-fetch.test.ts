/**
 * The Web API clients' transport against a real HTTP server, through @slack/web-api's WebClient:
 * what the client reads of an answer (JSON, 429 with Retry-After, 5xx, a timeout) must come out
 * as it does over Node's fetch.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ErrorCode, LogLevel, WebClient } from '@slack/web-api';
import { Agent } from 'undici';
import { pooledFetch } from '../../../src/slack/pooled-fetch';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

describe('pooledFetch', () => {
  let server: Server;
  let handler: Handler;
  let url: string;
  const pool = new Agent({ keepAliveTimeout: 1_000 });
  const fallbackCalls: string[] = [];
  const fallback: typeof fetch = async (input, init) => {
    fallbackCalls.push(String(input));
    return fetch(input, init);
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => handler(req, body, res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  });
  afterAll(async () => {
    await pool.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => (fallbackCalls.length = 0));

  const client = (options: ConstructorParameters<typeof WebClient>[1] = {}) =>
    new WebClient('xoxb-test', { slackApiUrl: url, fetch: pooledFetch(pool, fallback), retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR, ...options });

  it('when Slack answers, then the client reads its JSON, and the form body and token reached the server', async () => {
    let seen: { path?: string; auth?: string; body?: string } = {};
    handler = (req, body, res) => {
      seen = { path: req.url, auth: req.headers.authorization, body };
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(JSON.stringify({ ok: true, channel: 'C1', ts: '1700000000.000100', message: { text: 'Kiitos — työn alla' } }));
    };
    const answer = await client().chat.postMessage({ channel: 'C1', text: 'Kiitos — työn alla', thread_ts: '1.2' });
    expect(answer).toMatchObject({ ok: true, ts: '1700000000.000100', message: { text: 'Kiitos — työn alla' } });
    expect(seen.path).toBe('/api/chat.postMessage');
    expect(seen.auth).toBe('Bearer xoxb-test');
    expect(new URLSearchParams(seen.body).get('text')).toBe('Kiitos — työn alla');
    expect(fallbackCalls).toEqual([]);
  });

  it('when Slack refuses, then the platform error carries its code', async () => {
    handler = (_req, _body, res) => res.end(JSON.stringify({ ok: false, error: 'channel_not_found' }));
    await expect(client().chat.postMessage({ channel: 'C404', text: 'x' })).rejects.toMatchObject({
      code: ErrorCode.PlatformError,
      data: { error: 'channel_not_found' },
    });
  });

  it('when Slack answers 429, then a rate-limited client sees Retry-After', async () => {
    handler = (_req, _body, res) => {
      res.statusCode = 429;
      res.setHeader('retry-after', '7');
      res.end();
    };
    await expect(client({ rejectRateLimitedCalls: true }).chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toMatchObject({
      code: ErrorCode.RateLimitedError,
      retryAfter: 7,
    });
  });

  it('when Slack answers 503, then the client sees an HTTP error with the status and the body', async () => {
    handler = (_req, _body, res) => {
      res.statusCode = 503;
      res.end('upstream down');
    };
    await expect(client().chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toMatchObject({
      code: ErrorCode.HTTPError,
      statusCode: 503,
      statusMessage: 'Service Unavailable',
      body: 'upstream down',
    });
  });

  it('when Slack does not answer within the timeout, then the call fails as a request error', async () => {
    handler = () => undefined; // never answers
    await expect(client({ timeout: 200 }).chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toMatchObject({
      code: ErrorCode.RequestError,
    });
  });

  describe('with the timeout kept by the transport (the clients\' own left at 0)', () => {
    const timed = (timeoutMs: number) =>
      new WebClient('xoxb-test', { slackApiUrl: url, fetch: pooledFetch(pool, fallback, timeoutMs), retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR, timeout: 0 });
    const timeouts = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

    it('when Slack does not answer in time, then the call fails as a request error, as with the client\'s own timeout', async () => {
      handler = () => undefined; // never answers
      const started = Date.now();
      const error = await timed(150).chat.postMessage({ channel: 'C1', text: 'x' }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: ErrorCode.RequestError });
      expect(String((error as { original?: unknown }).original)).toMatch(/TimeoutError/);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    });

    it('when Slack answers, then no timer is left behind for the call', async () => {
      handler = (_req, _body, res) => res.end(JSON.stringify({ ok: true }));
      const client = timed(60_000);
      const before = timeouts();
      await Promise.all(Array.from({ length: 20 }, () => client.chat.postMessage({ channel: 'C1', text: 'x' })));
      expect(timeouts()).toBe(before);
    });

    it('when Slack answers slowly but in time, then the answer is read', async () => {
      handler = (_req, _body, res) => setTimeout(() => res.end(JSON.stringify({ ok: true, ts: '1.2' })), 50);
      await expect(timed(2_000).chat.postMessage({ channel: 'C1', text: 'x' })).resolves.toMatchObject({ ok: true, ts: '1.2' });
    });

    it('when the caller aborts first, then the call ends with the caller\'s reason', async () => {
      handler = () => undefined; // never answers
      const caller = new AbortController();
      const call = pooledFetch(pool, fallback, 60_000)(`${url}chat.postMessage`, { method: 'POST', body: 'text=x', signal: caller.signal });
      caller.abort(new Error('shutting down'));
      await expect(call).rejects.toThrow('shutting down');
    });

    it('when Slack sends the headers and then stalls the body, then the timeout holds on either path', async () => {
      handler = (_req, _body, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"ok":'); // and never the rest
      };
      await expect(timed(150).chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toMatchObject({ code: ErrorCode.RequestError });
      const form = new FormData();
      form.append('file', new Blob(['hello']), 'hello.txt');
      await expect(pooledFetch(pool, fallback, 150)(`${url}files.upload`, { method: 'POST', body: form })).rejects.toMatchObject({ name: 'TimeoutError' });
    });

    it('when a file upload goes through the fallback fetch, then the timeout holds there too', async () => {
      handler = () => undefined; // never answers
      const form = new FormData();
      form.append('file', new Blob(['hello']), 'hello.txt');
      await expect(pooledFetch(pool, fallback, 150)(`${url}files.upload`, { method: 'POST', body: form })).rejects.toMatchObject({ name: 'TimeoutError' });
      expect(fallbackCalls).toEqual([`${url}files.upload`]);
    });
  });

  it('when a body is not a plain form (a file upload), then it goes through the fallback fetch', async () => {
    handler = (_req, _body, res) => res.end(JSON.stringify({ ok: true }));
    const form = new FormData();
    form.append('file', new Blob(['hello']), 'hello.txt');
    const answer = await pooledFetch(pool, fallback)(`${url}files.upload`, { method: 'POST', body: form });
    expect(answer.status).toBe(200);
    expect(fallbackCalls).toEqual([`${url}files.upload`]);
  });
});
