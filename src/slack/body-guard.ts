/**
 * A guard in front of Bolt's HTTP request listener. Bolt reads `body.ssl_check` of whatever JSON
 * it parsed, so a signed body of `null` (or `payload=null`) would throw outside its error handling
 * and take the process down. The guard buffers the body (Bolt then reuses it as `rawBody`) and
 * answers 400 to any body not shaped like a Slack payload, before Bolt sees it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { Logger } from 'pino';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

const LIMIT = 4 * 1024 * 1024; // Bolt's own body limit

export function guardBodies(listener: Listener, log: Logger): Listener {
  return (req, res) => {
    if (req.method !== 'POST') return listener(req, res);
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= LIMIT) chunks.push(chunk);
    });
    req.on('error', () => reject(res, 400));
    req.on('end', () => {
      if (size > LIMIT) return reject(res, 413);
      const raw = Buffer.concat(chunks);
      if (!isObjectBody(raw.toString('utf8'), String(req.headers['content-type'] ?? ''))) {
        log.warn({ path: req.url, bytes: size }, 'malformed payload ignored (not a JSON object)');
        return reject(res, 400);
      }
      (req as IncomingMessage & { rawBody?: Buffer }).rawBody = raw;
      listener(req, res);
    });
  };
}

/**
 * Whether the body is shaped like what Slack sends: a JSON object with a `type` (events), a form
 * whose `payload` is such an object (interactivity), or a form with a `command` or `ssl_check`.
 * Anything else would only make Bolt wait 3 s for a listener that never comes, or crash it.
 */
export function isObjectBody(body: string, contentType: string): boolean {
  const isTyped = (text: string) => {
    try {
      const value: unknown = JSON.parse(text);
      return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { type?: unknown }).type === 'string';
    } catch {
      return false;
    }
  };
  if (contentType.includes('application/json')) return isTyped(body);
  const form = parseQuery(body);
  if (typeof form.payload === 'string') return isTyped(form.payload);
  return typeof form.command === 'string' || typeof form.ssl_check === 'string';
}

function reject(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status);
  res.end();
}
