/** Injected failures: queued per method ('*' for any), consumed one per call. */
import type { Fault, SlackResponse } from './types';

export class FaultQueue {
  private readonly queues = new Map<string, Fault[]>();

  add(method: string, fault: Fault, times = 1): void {
    const queue = this.queues.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(fault);
    this.queues.set(method, queue);
  }

  /** The next fault for this call: the method's own first, then one for any method. */
  take(method: string): Fault | undefined {
    return this.queues.get(method)?.shift() ?? this.queues.get('*')?.shift();
  }

  pending(method: string): number {
    return this.queues.get(method)?.length ?? 0;
  }

  clear(): void {
    this.queues.clear();
  }
}

export interface FaultAnswer {
  status: number;
  body: SlackResponse;
  headers: Record<string, string>;
}

/** The HTTP answer of a fault that replaces the real answer (all but 'slow'). */
export function faultAnswer(fault: Exclude<Fault, { kind: 'slow' }>): FaultAnswer {
  switch (fault.kind) {
    case 'rate_limited':
      return { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': String(fault.retryAfterSeconds) } };
    case 'server_error':
      return { status: fault.status ?? 500, body: { ok: false, error: 'internal_error' }, headers: {} };
    case 'slack_error':
      return { status: 200, body: { ok: false, error: fault.error }, headers: {} };
    case 'reset':
      return { status: 0, body: { ok: false, error: 'connection_reset' }, headers: {} };
  }
}
