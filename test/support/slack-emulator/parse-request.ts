/**
 * Decoding a Web API request the way Slack does. @slack/web-api 8.2 POSTs
 * `application/x-www-form-urlencoded` where every non-string value is flattened: objects and arrays
 * become JSON text, booleans "true"/"false", numbers their decimal text, null/undefined are left
 * out. Other clients POST `application/json` (token in the header). Both end up as the same args.
 */
import type { IncomingMessage } from 'node:http';
import type { Args } from './types';

/** Fields whose form value is JSON text. */
const JSON_FIELDS = new Set(['blocks', 'attachments', 'metadata', 'view', 'unfurls', 'user_auth_blocks', 'users', 'channels', 'files']);
/** Fields whose form value is "true"/"false" (or "1"/"0"). */
const BOOLEAN_FIELDS = new Set([
  'as_user', 'exclude_archived', 'include_all_metadata', 'include_locale', 'include_num_members', 'inclusive',
  'link_names', 'mrkdwn', 'reply_broadcast', 'unfurl_links', 'unfurl_media', 'full',
]);
const NUMBER_FIELDS = new Set(['limit', 'count', 'page']);

/** A body Slack could not read: answered `{ ok: false, error }` (invalid_form_data, invalid_json). */
export class BadRequest extends Error {
  constructor(
    readonly error: 'invalid_form_data' | 'invalid_json',
    detail: string,
  ) {
    super(detail);
  }
}

export interface ParsedRequest {
  method: string;
  args: Args;
  /** From `Authorization: Bearer …`, else from a `token` argument. */
  token: string | undefined;
}

function decodeField(name: string, value: string): unknown {
  if (JSON_FIELDS.has(name) && /^\s*[[{]/.test(value)) {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      throw new BadRequest('invalid_form_data', `invalid JSON in form field ${name}`);
    }
  }
  if (BOOLEAN_FIELDS.has(name)) {
    if (value === 'true' || value === '1') return true;
    if (value === 'false' || value === '0') return false;
  }
  if (NUMBER_FIELDS.has(name) && /^-?\d+$/.test(value)) return Number(value);
  return value;
}

/** Form fields (and query parameters) to args. */
export function decodeForm(body: string): Args {
  const args: Args = {};
  for (const [name, value] of new URLSearchParams(body)) args[name] = decodeField(name, value);
  return args;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function parseRequest(req: IncomingMessage): Promise<ParsedRequest> {
  const url = new URL(req.url ?? '/', 'http://emulator');
  const method = url.pathname.replace(/^\/api\//, '').replace(/\/$/, '');
  const args: Args = decodeForm(url.search.slice(1));
  const body = await readBody(req);
  const contentType = (req.headers['content-type'] ?? '').toLowerCase();
  if (body.length > 0) {
    if (contentType.startsWith('application/json')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        throw new BadRequest('invalid_json', 'invalid JSON body');
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new BadRequest('invalid_json', 'JSON body is not an object');
      Object.assign(args, parsed);
    } else if (contentType.startsWith('application/x-www-form-urlencoded') || contentType === '') {
      Object.assign(args, decodeForm(body));
    } else {
      throw new BadRequest('invalid_form_data', `unsupported content type ${contentType}`);
    }
  }
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const token = bearer ?? (typeof args.token === 'string' && args.token !== '' ? args.token : undefined);
  return { method, args, token };
}
