/**
 * What Slack sends over a Socket Mode connection, shaped like Slack's (see @slack/socket-mode's
 * HelloMessage and its tests): `hello` once the link is ready, envelopes around events, slash
 * commands and interactions, and `disconnect` before Slack closes a connection.
 */

export type EnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

/** `warning`: the connection closes soon; `refresh_requested`: reconnect; `link_disabled`: Socket Mode was turned off. */
export type DisconnectReason = 'warning' | 'refresh_requested' | 'link_disabled';

export interface Envelope {
  type: EnvelopeType;
  envelope_id: string;
  payload: Record<string, unknown>;
  /** True where the ack may carry a response (slash commands, view submissions, options). */
  accepts_response_payload: boolean;
  /** Events only: 0 on the first delivery, then 1, 2, 3 on Slack's resends. */
  retry_attempt?: number;
  /** Events only: '' on the first delivery, 'timeout' when the envelope was not acknowledged in time. */
  retry_reason?: string;
}

/** What the app sends back: `{ envelope_id, payload? }`. */
export interface EnvelopeAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export const EMULATOR_HOST = 'applink-emulator-1';

export function helloMessage(appId: string, numConnections: number) {
  return {
    type: 'hello' as const,
    num_connections: numConnections,
    debug_info: { host: EMULATOR_HOST, build_number: 1, approximate_connection_time: 18_060 },
    connection_info: { app_id: appId },
  };
}

export function disconnectMessage(reason: DisconnectReason) {
  return { type: 'disconnect' as const, reason, debug_info: { host: EMULATOR_HOST } };
}

/** Interactions whose ack may answer (errors of a modal, options of a menu). */
const ANSWERING_INTERACTIONS = new Set(['view_submission', 'block_suggestion']);

export function acceptsResponsePayload(type: EnvelopeType, payload: Record<string, unknown>): boolean {
  if (type === 'slash_commands') return true;
  if (type === 'interactive') return ANSWERING_INTERACTIONS.has(String(payload.type));
  return false;
}

export function envelope(type: EnvelopeType, envelopeId: string, payload: Record<string, unknown>, retryAttempt: number): Envelope {
  return {
    type,
    envelope_id: envelopeId,
    payload,
    accepts_response_payload: acceptsResponsePayload(type, payload),
    ...(type === 'events_api' ? { retry_attempt: retryAttempt, retry_reason: retryAttempt === 0 ? '' : 'timeout' } : {}),
  };
}

/** An ack as the app sent it, or undefined for anything else (pings are frames, not messages). */
export function parseAck(text: string): EnvelopeAck | undefined {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof message !== 'object' || message === null) return undefined;
  const { envelope_id, payload } = message as { envelope_id?: unknown; payload?: unknown };
  if (typeof envelope_id !== 'string') return undefined;
  return { envelope_id, ...(payload && typeof payload === 'object' ? { payload: payload as Record<string, unknown> } : {}) };
}
