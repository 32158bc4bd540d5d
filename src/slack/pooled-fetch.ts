/**
 * The Web API clients' transport: undici's `request` on a keep-alive pool, answering with the
 * part of a fetch Response that @slack/web-api reads (status, headers, url, text/json/arrayBuffer).
 *
 * Why not Node's global fetch: it builds WHATWG streams, an AbortController chain and a Response
 * for every call. At a few hundred Web API calls a second that was about a fifth of the app's CPU
 * (`BENCH_CPU_PROF=1 npm run bench`, 200 events/s); undici's `request` does the same HTTP for
 * about a third of the CPU. Bodies it cannot send as they are (FormData of file uploads, streams)
 * go to the fallback fetch, so nothing the clients can send is refused.
 */
import { STATUS_CODES } from 'node:http';
import { Agent, type Dispatcher, request } from 'undici';

type Fetch = typeof globalThis.fetch;

/** Statuses whose Response may have no body. */
const NULL_BODY = new Set([204, 205, 304]);

/**
 * `timeoutMs`: each call is abandoned that long after it started, whatever it is waiting for (0:
 * never). The clients leave their own `timeout` at 0 and let the transport keep it: theirs is an
 * `AbortSignal.timeout` per call, whose timer, weak reference and finalizer live on for the whole
 * timeout after the answer (its signal outlives the young generation) and whose abort, when the
 * signal is still there then, builds a DOMException. Here one timer per call is cleared when the
 * answer is read.
 */
export function pooledFetch(dispatcher: Dispatcher = new Agent({ keepAliveTimeout: 30_000 }), fallback: Fetch = globalThis.fetch, timeoutMs = 0): Fetch {
  return async (input, init) => {
    const deadline = timeoutMs > 0 ? new Deadline(timeoutMs, init?.signal) : undefined;
    const withDeadline = deadline ? { ...init, signal: deadline.signal } : init;
    try {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : undefined;
      const body = init?.body;
      const plainBody = body === undefined || body === null || typeof body === 'string' || body instanceof URLSearchParams;
      if (url === undefined || !plainBody || (init?.redirect !== undefined && init.redirect !== 'error' && init.redirect !== 'manual')) {
        const res = await fallback(input, withDeadline);
        if (!deadline) return res;
        // Read within the deadline, as the pooled path does: the body may stall after the headers.
        const bytes = await res.arrayBuffer();
        return new Response(NULL_BODY.has(res.status) ? null : bytes, { status: res.status, statusText: res.statusText, headers: res.headers });
      }
      const answer = await request(url, {
        dispatcher,
        method: (init?.method ?? 'GET') as Dispatcher.HttpMethod,
        headers: headersOf(init?.headers),
        body: body instanceof URLSearchParams ? body.toString() : (body ?? null),
        signal: withDeadline?.signal ?? null,
      });
      const bytes = Buffer.from(await answer.body.arrayBuffer());
      return answerOf(url, answer.statusCode, answer.headers, bytes);
    } finally {
      deadline?.clear();
    }
  };
}

/** Aborts its signal `ms` after it was made (or when the caller's own signal aborts), until cleared. */
class Deadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly caller: AbortSignal | undefined;
  private readonly follow = () => this.controller.abort(this.caller?.reason);

  constructor(ms: number, caller: AbortSignal | null | undefined) {
    this.timer = setTimeout(() => this.controller.abort(new DOMException(`no answer within ${ms} ms`, 'TimeoutError')), ms);
    this.caller = caller ?? undefined;
    if (this.caller?.aborted) this.follow();
    else this.caller?.addEventListener('abort', this.follow, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  clear(): void {
    clearTimeout(this.timer);
    this.caller?.removeEventListener('abort', this.follow);
  }
}

function headersOf(headers: RequestInit['headers']): Record<string, string> {
  if (headers === undefined) return {};
  if (headers instanceof Headers) return Object.fromEntries(headers.entries());
  if (Array.isArray(headers)) return Object.fromEntries(headers);
  return headers as Record<string, string>;
}

/** The Response a fetch would have answered, without a body stream: the body is already read. */
function answerOf(url: string, status: number, raw: Record<string, string | string[] | undefined>, bytes: Buffer): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.append(name, value);
  }
  const text = () => bytes.toString('utf8');
  const answer: Pick<Response, 'ok' | 'status' | 'statusText' | 'url' | 'headers' | 'redirected' | 'text' | 'json' | 'arrayBuffer'> = {
    ok: status >= 200 && status < 300,
    status,
    statusText: STATUS_CODES[status] ?? '',
    url,
    headers,
    redirected: false,
    text: async () => text(),
    json: async () => JSON.parse(text()) as unknown,
    arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  };
  return answer as Response;
}
