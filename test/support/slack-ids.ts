/**
 * Identifiers shaped like Slack's. One process-wide source, shared by the payload builders and the
 * Web API emulator, so that a ts handed out by one never collides with a ts handed out by the other.
 */
import { randomUUID } from 'node:crypto';

let lastMicros = 0;
let sequence = 0;

/** "1700000000.000100" from microseconds since the epoch. */
export function formatTs(micros: number): string {
  return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
}

/** Milliseconds since the epoch of a Slack ts. */
export function tsToMillis(ts: string): number {
  return Math.floor(Number(ts) * 1000);
}

/**
 * A message ts for "now": unique within the process and strictly increasing (the clock in
 * microseconds, bumped by one when two are asked for within the same microsecond).
 */
export function nextTs(): string {
  lastMicros = Math.max(Date.now() * 1000, lastMicros + 1);
  return formatTs(lastMicros);
}

const base36 = (n: number, width: number) => n.toString(36).toUpperCase().padStart(width, '0');

/** "Ev0LX3K9A001": unique within the process. */
export function nextEventId(): string {
  return `Ev${base36(Date.now() % 36 ** 6, 6)}${base36(++sequence, 4)}`;
}

/** "1700000000123.4471.8f3c…": trigger ids are "<ms>.<team number>.<hex>". */
export function nextTriggerId(): string {
  return `${Date.now()}.${++sequence}.${randomUUID().replace(/-/g, '').slice(0, 32)}`;
}

/** "V0LX3K9A001". */
export function nextViewId(): string {
  return `V${base36(Date.now() % 36 ** 6, 6)}${base36(++sequence, 4)}`;
}

/** The client_msg_id a Slack client attaches to what a person types. */
export const nextClientMsgId = (): string => randomUUID();
