/**
 * apps.connections.open and the WebSocket upgrade it leads to: only the app-level token gets a
 * URL, and each URL's ticket opens one connection.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { SlackResponse } from '../types';

const LINK_PATH = '/link/';

export class Links {
  private readonly tickets = new Set<string>();

  constructor(
    private readonly baseUrl: () => string,
    private readonly appToken: string,
    private readonly appId: string,
  ) {}

  /** The answer to apps.connections.open. */
  open(token: string | undefined, botTokens: ReadonlySet<string>): SlackResponse {
    if (!token) return { ok: false, error: 'not_authed' };
    if (botTokens.has(token)) return { ok: false, error: 'not_allowed_token_type' };
    if (token !== this.appToken) return { ok: false, error: 'invalid_auth' };
    const ticket = randomUUID();
    this.tickets.add(ticket);
    return { ok: true, url: `${this.baseUrl()}${LINK_PATH}?ticket=${ticket}&app_id=${this.appId}` };
  }

  /** True when the upgrade carries a ticket not used yet (now used); otherwise answers 401 and false. */
  admit(req: IncomingMessage, socket: Duplex): boolean {
    const url = new URL(req.url ?? '/', 'http://emulator');
    if (url.pathname === LINK_PATH && this.tickets.delete(url.searchParams.get('ticket') ?? '')) return true;
    socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    return false;
  }
}
