/** What the emulated workspace remembers: messages, reactions, calls. */
export interface StoredMessage {
  type: 'message';
  ts: string;
  channel: string;
  text: string;
  user?: string;
  bot_id?: string;
  thread_ts?: string;
  blocks?: unknown;
  metadata?: unknown;
  reactions: Array<{ name: string; users: string[] }>;
}

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  /** Date.now() when the request arrived. */
  at: number;
  /** What the emulator answered (the JSON body), or the fault. */
  response: unknown;
  fault?: Fault;
}

export type Fault =
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  | { kind: 'server_error'; status?: 500 | 502 | 503 }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'reset' }
  | { kind: 'slack_error'; error: string };

export class SlackError extends Error {
  constructor(readonly error: string) {
    super(error);
  }
}

let tsCounter = 0;
/** Unique, increasing ts values near the real time, like Slack's. */
export function nextMessageTs(): string {
  const micros = Date.now() * 1000 + (tsCounter++ % 1000);
  return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
}
