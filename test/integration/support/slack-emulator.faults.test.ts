/** Injected faults, as @slack/web-api 8.2's WebClient experiences them. */
import { ErrorCode, WebClientEvent } from '@slack/web-api';
import { startSlackEmulator } from '../../support/slack-emulator';
import { clientFor, rejectionOf, useEmulator } from './helpers';

const emulator = useEmulator();
const C = 'C0SHARED';

beforeEach(() => {
  emulator().addChannel({ id: C, name: 'acme-support', is_ext_shared: true, is_shared: true, is_private: false });
});

const posted = () => emulator().messagesIn(C);

describe('rate_limited', () => {
  it('answers 429 with Retry-After; a client that rejects rate-limited calls gets retryAfter; nothing is posted', async () => {
    emulator().failNext('chat.postMessage', { kind: 'rate_limited', retryAfterSeconds: 7 });
    const client = clientFor(emulator(), { rejectRateLimitedCalls: true, retryConfig: { retries: 0 } });
    const error = (await rejectionOf(client.chat.postMessage({ channel: C, text: 'x' }))) as Error & { code?: string; retryAfter?: number };
    expect(error.code).toBe(ErrorCode.RateLimitedError);
    expect(error.code).toBe('slack_webapi_rate_limited_error');
    expect(error.retryAfter).toBe(7);
    expect(emulator().calls).toEqual([
      expect.objectContaining({ method: 'chat.postMessage', status: 429, ok: false, response: { ok: false, error: 'ratelimited' }, fault: { kind: 'rate_limited', retryAfterSeconds: 7 } }),
    ]);
    expect(posted()).toEqual([]);
  });

  it('sends the Retry-After header and the ratelimited body', async () => {
    emulator().failNext('auth.test', { kind: 'rate_limited', retryAfterSeconds: 3 });
    const res = await fetch(`${emulator().apiUrl}auth.test`, { method: 'POST', headers: { authorization: 'Bearer xoxb-test' } });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(await res.json()).toEqual({ ok: false, error: 'ratelimited' });
  });

  it('a default WebClient waits Retry-After (then its own backoff) and succeeds', async () => {
    emulator().failNext('chat.postMessage', { kind: 'rate_limited', retryAfterSeconds: 1 });
    const client = clientFor(emulator(), { retryConfig: undefined });
    const limited: number[] = [];
    client.on(WebClientEvent.RATE_LIMITED, (seconds: number) => limited.push(seconds));
    const res = await client.chat.postMessage({ channel: C, text: 'x' });
    expect(res.ok).toBe(true);
    expect(limited).toEqual([1]);
    const [first, second] = emulator().callsTo('chat.postMessage');
    expect([first?.status, second?.status]).toEqual([429, 200]);
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(posted()).toHaveLength(1);
  });

  it('without rejectRateLimitedCalls and with retries: 0, a WebClient still sleeps Retry-After, then fails with a request error', async () => {
    emulator().failNext('chat.postMessage', { kind: 'rate_limited', retryAfterSeconds: 1 });
    const started = Date.now();
    const error = await rejectionOf(clientFor(emulator(), { retryConfig: { retries: 0 } }).chat.postMessage({ channel: C, text: 'x' }));
    expect((error as { code?: string }).code).toBe('slack_webapi_request_error');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(emulator().callsTo('chat.postMessage')).toHaveLength(1);
  });
});

describe('server_error', () => {
  it('answers 500 by default (502/503 on request); the client sees an HTTP error; nothing is posted', async () => {
    emulator().failNext('chat.postMessage', { kind: 'server_error' });
    emulator().failNext('chat.postMessage', { kind: 'server_error', status: 503 });
    const client = clientFor(emulator());
    const first = (await rejectionOf(client.chat.postMessage({ channel: C, text: 'x' }))) as Error & { code?: string; statusCode?: number };
    const second = (await rejectionOf(client.chat.postMessage({ channel: C, text: 'x' }))) as Error & { code?: string; statusCode?: number };
    expect([first.code, first.statusCode]).toEqual(['slack_webapi_http_error', 500]);
    expect([second.code, second.statusCode]).toEqual(['slack_webapi_http_error', 503]);
    expect(posted()).toEqual([]);
  });

  it('is retried by a client that retries, and `times` fails that many calls', async () => {
    emulator().failNext('chat.postMessage', { kind: 'server_error', status: 502 }, 2);
    const client = clientFor(emulator(), { retryConfig: { retries: 3, minTimeout: 0, maxTimeout: 0 } });
    await client.chat.postMessage({ channel: C, text: 'x' });
    expect(emulator().callsTo('chat.postMessage').map((c) => c.status)).toEqual([502, 502, 200]);
    expect(posted()).toHaveLength(1);
  });
});

describe('slow', () => {
  it('applies the call at once and answers after the delay', async () => {
    emulator().failNext('chat.postMessage', { kind: 'slow', delayMs: 250 });
    const started = Date.now();
    const pending = clientFor(emulator()).chat.postMessage({ channel: C, text: 'x' });
    const call = await emulator().waitForCall('chat.postMessage');
    expect(call.fault).toEqual({ kind: 'slow', delayMs: 250 });
    expect(posted()).toHaveLength(1);
    expect((await pending).ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('lets a client time out although Slack did post (the "lost answer" case)', async () => {
    emulator().failNext('chat.postMessage', { kind: 'slow', delayMs: 400 });
    const error = await rejectionOf(clientFor(emulator(), { timeout: 100 }).chat.postMessage({ channel: C, text: 'x' }));
    expect((error as { code?: string }).code).toBe('slack_webapi_request_error');
    expect(posted()).toHaveLength(1);
  });
});

describe('reset', () => {
  it('drops the connection without an answer; the call is recorded but not applied', async () => {
    emulator().failNext('chat.postMessage', { kind: 'reset' });
    const error = await rejectionOf(clientFor(emulator()).chat.postMessage({ channel: C, text: 'x' }));
    expect((error as { code?: string }).code).toBe('slack_webapi_request_error');
    expect(emulator().calls).toEqual([expect.objectContaining({ status: 0, ok: false, fault: { kind: 'reset' }, response: { ok: false, error: 'connection_reset' } })]);
    expect(posted()).toEqual([]);
  });

  it('is retried by a client that retries', async () => {
    emulator().failNext('chat.postMessage', { kind: 'reset' });
    await clientFor(emulator(), { retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 } }).chat.postMessage({ channel: C, text: 'x' });
    expect(posted()).toHaveLength(1);
  });
});

describe('slack_error', () => {
  it('answers 200 { ok: false, error }: a platform error, not retried', async () => {
    emulator().failNext('reactions.add', { kind: 'slack_error', error: 'fatal_error' });
    const m = emulator().seedMessage(C, { user: 'U0CLIENT', text: 'x' });
    const client = clientFor(emulator(), { retryConfig: { retries: 3, minTimeout: 0, maxTimeout: 0 } });
    const error = await rejectionOf(client.reactions.add({ channel: C, timestamp: m.ts, name: 'eyes' }));
    expect((error as { code?: string }).code).toBe('slack_webapi_platform_error');
    expect(error.data).toMatchObject({ ok: false, error: 'fatal_error' });
    expect(emulator().callsTo('reactions.add')).toHaveLength(1);
    expect(emulator().reactionsOn(C, m.ts)).toEqual([]);
  });
});

describe('fault queues', () => {
  it("'*' fails the next call to any method; a method's own fault comes first; clearFaults forgets", async () => {
    const client = clientFor(emulator());
    emulator().failNext('*', { kind: 'slack_error', error: 'any' });
    emulator().failNext('auth.test', { kind: 'slack_error', error: 'own' });
    expect((await rejectionOf(client.auth.test())).data?.error).toBe('own');
    expect((await rejectionOf(client.users.info({ user: 'U0BOT' }))).data?.error).toBe('any');
    emulator().failNext('auth.test', { kind: 'server_error' }, 5);
    emulator().clearFaults();
    expect((await client.auth.test()).ok).toBe(true);
  });

  it('close() does not wait for a slow answer', async () => {
    const other = await startSlackEmulator();
    other.failNext('auth.test', { kind: 'slow', delayMs: 10_000 });
    const pending = rejectionOf(clientFor(other).auth.test());
    await other.waitForCall('auth.test');
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await pending).message).toMatch(/request|socket|fetch|terminated/i);
  });
});

describe('channelPace (opt-in): Slack pace of posts per channel', () => {
  it('takes a burst, then answers 429 with Retry-After and posts nothing; another channel is not affected', async () => {
    const paced = await startSlackEmulator({ channelPace: { perSecond: 1, burst: 3 } });
    try {
      paced.addChannel({ id: C, name: 'acme-support', is_ext_shared: true, is_shared: true, is_private: false });
      paced.addChannel({ id: 'C0OTHER', name: 'other', is_ext_shared: true, is_shared: true, is_private: false });
      const client = clientFor(paced, { rejectRateLimitedCalls: true, retryConfig: { retries: 0 } });
      const outcomes: string[] = [];
      for (let i = 0; i < 5; i++) {
        outcomes.push(await client.chat.postMessage({ channel: C, text: `m${i}` }).then(() => 'ok', (e: { retryAfter?: number }) => `429:${e.retryAfter}`));
      }
      expect(outcomes).toEqual(['ok', 'ok', 'ok', '429:1', '429:1']);
      expect(paced.messagesIn(C)).toHaveLength(3);
      await expect(client.chat.postMessage({ channel: 'C0OTHER', text: 'elsewhere' })).resolves.toMatchObject({ ok: true });
      expect(paced.callsTo('chat.postMessage', (c) => c.status === 429)).toHaveLength(2);
    } finally {
      await paced.close();
    }
  });
});
