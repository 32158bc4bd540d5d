/** Sends requests to the app exactly as Slack does: signed with v0=HMAC-SHA256(v0:ts:body). */
import { createHmac } from 'node:crypto';

export interface SendOptions {
  retryNum?: number;
  retryReason?: string;
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  /** Override the signature; null sends none. */
  signature?: string | null;
}

export interface SentResponse {
  status: number;
  body: string;
  json(): unknown;
}

export function signRequest(signingSecret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export function createSignedSender({ url, signingSecret }: { url: string; signingSecret: string }) {
  const raw = async (body: string, contentType: string, opts: SendOptions = {}): Promise<SentResponse> => {
    const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = { 'content-type': contentType, 'x-slack-request-timestamp': String(timestamp) };
    const signature = opts.signature === undefined ? signRequest(signingSecret, timestamp, body) : opts.signature;
    if (signature !== null) headers['x-slack-signature'] = signature;
    if (opts.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(opts.retryNum);
      headers['x-slack-retry-reason'] = opts.retryReason ?? 'http_timeout';
    }
    const res = await fetch(url, { method: 'POST', headers, body });
    const text = await res.text();
    return { status: res.status, body: text, json: () => JSON.parse(text) as unknown };
  };
  return {
    raw,
    event: (envelope: object, opts?: SendOptions) => raw(JSON.stringify(envelope), 'application/json', opts),
    command: (fields: Record<string, string>, opts?: SendOptions) =>
      raw(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', opts),
    interaction: (payload: object, opts?: SendOptions) =>
      raw(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', opts),
  };
}
