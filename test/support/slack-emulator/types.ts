/** What the emulator records and remembers. */

/** Arguments of a Web API call, decoded (JSON fields parsed, booleans and numbers typed). */
export type Args = Record<string, unknown>;

/**
 * A Web API answer body: `{ ok: true, … }` or `{ ok: false, error }`. The emulator always sets
 * `ok`; it is optional in the type only so that tests may cast an answer to e.g. `{ ts: string }`.
 */
export interface SlackResponse {
  ok?: boolean;
  error?: string;
  [key: string]: unknown;
}

export type Fault =
  /** HTTP 429, `Retry-After: <seconds>`, body `{ ok: false, error: 'ratelimited' }`. The call is not applied. */
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  /** HTTP 500/502/503. The call is not applied. */
  | { kind: 'server_error'; status?: 500 | 502 | 503 }
  /** The call is applied at once (like Slack) and answered normally after the delay. */
  | { kind: 'slow'; delayMs: number }
  /** The connection is destroyed without an answer. The call is not applied. */
  | { kind: 'reset' }
  /** HTTP 200 with `{ ok: false, error }`. The call is not applied. */
  | { kind: 'slack_error'; error: string }
  /**
   * The call IS applied (the message is posted), but the answer says it failed: HTTP 200 with
   * `{ ok: false, error }` (`internal_error`, `fatal_error`) or an HTTP 5xx, as Slack may do.
   */
  | { kind: 'applied_but_failed'; error?: string; status?: 500 | 502 | 503 | 504 }
  /**
   * The answer is an HTTP 5xx at once, and the call is applied `delayMs` later: a post that lands
   * after Slack's gateway gave up on it (so a search right after the answer does not find it yet).
   */
  | { kind: 'lands_later'; delayMs: number; status?: 502 | 503 | 504 };

export interface RecordedCall {
  /** "chat.postMessage" */
  method: string;
  args: Args;
  /** Date.now() when the request arrived. */
  at: number;
  /** The token the call carried (Authorization header, or a `token` field). */
  token: string | undefined;
  /** HTTP status of the answer; 0 when the connection was reset. */
  status: number;
  /** The answer body; `{ ok: false, error: 'connection_reset' }` for a reset. */
  response: SlackResponse;
  /** `response.ok`, for short filters. */
  ok: boolean;
  /** The injected fault this call met, if any. */
  fault?: Fault;
}

export interface Reaction {
  name: string;
  users: string[];
  count: number;
}

export interface StoredMessage {
  type: 'message';
  ts: string;
  channel: string;
  text: string;
  user?: string;
  bot_id?: string;
  app_id?: string;
  team?: string;
  subtype?: string;
  thread_ts?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  edited?: { user: string; ts: string };
  reactions: Reaction[];
}

/** A file uploaded with files.getUploadURLExternal → the upload URL → files.completeUploadExternal. */
export interface StoredFile {
  id: string;
  filename: string;
  /** Bytes announced in files.getUploadURLExternal. */
  length: number;
  /** What was posted to the upload URL, once it was. */
  content?: string;
  title?: string;
  /** Where files.completeUploadExternal shared it (a channel or DM id), once completed. */
  channel?: string;
  initialComment?: string;
  completed: boolean;
}

export interface StoredView {
  id: string;
  kind: 'modal' | 'home';
  /** The user whose Home it is (views.publish). */
  user?: string;
  trigger_id?: string;
  external_id?: string;
  hash: string;
  view: Record<string, unknown>;
}

/** Thrown by method handlers; becomes `{ ok: false, error, ...extra }`. */
export class SlackError extends Error {
  constructor(
    readonly error: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(error);
  }
}
