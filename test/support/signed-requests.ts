/**
 * Sends requests to the app exactly as Slack does: POSTed to the Request URL and signed with
 * `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}` under the signing secret.
 */
import { createHmac } from 'node:crypto';

export interface SendOptions {
  /** Adds `x-slack-retry-num` (and `x-slack-retry-reason`), as on Slack's redeliveries. */
  retryNum?: number;
  /** Default 'http_timeout' (Slack also sends 'http_error', 'connection_failed', …). */
  retryReason?: string;
  /** Unix seconds of `x-slack-request-timestamp`; default now. Older than 5 min must be refused. */
  timestamp?: number;
  /** Override the signature; null sends no `x-slack-signature` at all. */
  signature?: string | null;
  /** Further headers. */
  headers?: Record<string, string>;
}

export interface SentResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The body parsed as JSON (throws when it is not JSON). */
  json(): unknown;
}

export interface SignedSender {
  /** An Events API envelope, as JSON. */
  event(envelope: object, opts?: SendOptions): Promise<SentResponse>;
  /** A slash command, form-encoded. */
  command(fields: Record<string, string>, opts?: SendOptions): Promise<SentResponse>;
  /** An interactivity payload, form-encoded as `payload=<json>`. */
  interaction(payload: object, opts?: SendOptions): Promise<SentResponse>;
  /** Any body, signed as given. */
  raw(body: string, contentType: string, opts?: SendOptions): Promise<SentResponse>;
}

/** Slack's request signature. */
export function signRequest(signingSecret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export function createSignedSender({ url, signingSecret }: { url: string; signingSecret: string }): SignedSender {
  const raw = async (body: string, contentType: string, opts: SendOptions = {}): Promise<SentResponse> => {
    const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      'content-type': contentType,
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      'x-slack-request-timestamp': String(timestamp),
      ...opts.headers,
    };
    const signature = opts.signature === undefined ? signRequest(signingSecret, timestamp, body) : opts.signature;
    if (signature !== null) headers['x-slack-signature'] = signature;
    if (opts.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(opts.retryNum);
      headers['x-slack-retry-reason'] = opts.retryReason ?? 'http_timeout';
    }
    const res = await fetch(url, { method: 'POST', headers, body });
    const text = await res.text();
    return { status: res.status, headers: Object.fromEntries(res.headers.entries()), body: text, json: () => JSON.parse(text) as unknown };
  };
  return {
    raw,
    event: (envelope, opts) => raw(JSON.stringify(envelope), 'application/json', opts),
    command: (fields, opts) => raw(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', opts),
    interaction: (payload, opts) => raw(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', opts),
  };
}
