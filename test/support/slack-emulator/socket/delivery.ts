/** One thing Slack has to deliver over Socket Mode (an event, a command, a click) and every envelope sent for it. */
import type { EnvelopeType } from './messages';

export interface SentEnvelope {
  envelopeId: string;
  retryAttempt: number;
  /** Date.now() when it was sent. */
  at: number;
  /** The connection it went to (1, 2, … in the order they were opened). */
  connection: number;
}

export interface SocketAck {
  envelopeId: string;
  /** The ack's payload (the command's answer, a modal's errors); absent when the app sent none. */
  payload?: Record<string, unknown>;
  at: number;
  connection: number;
  /** The delivery the envelope belonged to; undefined for an envelope id the emulator never sent. */
  deliveryId: number | undefined;
}

/**
 * - `waiting`: no connection was open; it goes out on the next `hello`.
 * - `sent`: sent, not acknowledged yet.
 * - `acked`: an ack arrived for one of its envelopes.
 * - `dropped`: an event not acknowledged after every resend (Slack gives up).
 * - `expired`: a command or interaction not acknowledged in time (Slack shows the user an error; never resent).
 */
export type DeliveryState = 'waiting' | 'sent' | 'acked' | 'dropped' | 'expired';

export class Delivery {
  readonly envelopes: SentEnvelope[] = [];
  readonly acks: SocketAck[] = [];
  state: DeliveryState = 'waiting';
  /** Resolves with the first ack. */
  readonly acked: Promise<SocketAck>;
  private resolveAck!: (ack: SocketAck) => void;
  /** The retry_attempt of the envelope to send next while waiting. */
  nextAttempt = 0;
  timer: NodeJS.Timeout | undefined;

  constructor(
    readonly id: number,
    readonly type: EnvelopeType,
    readonly payload: Record<string, unknown>,
  ) {
    this.acked = new Promise((resolve) => (this.resolveAck = resolve));
    this.acked.catch(() => undefined);
  }

  /** The first ack's payload (e.g. what `/status` answered). */
  get response(): Record<string, unknown> | undefined {
    return this.acks[0]?.payload;
  }

  recordAck(ack: SocketAck): void {
    this.acks.push(ack);
    // A late ack changes nothing: an ack already counted, or Slack has given up.
    if (this.state === 'acked' || this.state === 'dropped' || this.state === 'expired') return;
    this.state = 'acked';
    clearTimeout(this.timer);
    this.resolveAck(ack);
  }
}
