/** Injected failures: queued per method ('*' for any), consumed one per call. */
import type { Args, Fault, SlackResponse } from './types';

type Entry = { fault: Fault; when?: ((args: Args) => boolean) | undefined };

export class FaultQueue {
  private readonly queues = new Map<string, Entry[]>();

  /** `when`: only calls whose arguments match meet the fault (others pass it by). */
  add(method: string, fault: Fault, times = 1, when?: (args: Args) => boolean): void {
    const queue = this.queues.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push({ fault, when });
    this.queues.set(method, queue);
  }

  /** The next fault for this call: the method's own first, then one for any method. */
  take(method: string, args: Args = {}): Fault | undefined {
    return this.takeFrom(method, args) ?? this.takeFrom('*', args);
  }

  private takeFrom(key: string, args: Args): Fault | undefined {
    const queue = this.queues.get(key);
    const index = queue?.findIndex((entry) => !entry.when || entry.when(args)) ?? -1;
    if (!queue || index < 0) return undefined;
    return queue.splice(index, 1)[0]?.fault;
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
export function faultAnswer(fault: Exclude<Fault, { kind: 'slow' | 'applied_but_failed' | 'lands_later' }>): FaultAnswer {
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
