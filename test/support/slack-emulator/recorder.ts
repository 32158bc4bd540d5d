/** Every call the emulator received, with ways to wait for one. */
import { EventEmitter } from 'node:events';
import type { RecordedCall } from './types';

export type CallPredicate = (call: RecordedCall) => boolean;

export class CallRecorder {
  readonly calls: RecordedCall[] = [];
  private readonly events = new EventEmitter();

  constructor() {
    this.events.setMaxListeners(0);
  }

  record(call: RecordedCall): void {
    this.calls.push(call);
    this.events.emit('call', call);
  }

  clear(): void {
    this.calls.length = 0;
  }

  /** Called with every call from now on; returns an unsubscribe function. */
  onCall(listener: (call: RecordedCall) => void): () => void {
    this.events.on('call', listener);
    return () => this.events.off('call', listener);
  }

  callsTo(method: string, filter: CallPredicate = () => true): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && filter(c));
  }

  /**
   * The first call to `method` matching `predicate`, already recorded or arriving within the
   * timeout. Rejects with a list of what did arrive.
   */
  waitForCall(method: string, predicate: CallPredicate = () => true, { timeoutMs = 5000 }: { timeoutMs?: number } = {}): Promise<RecordedCall> {
    const matches = (c: RecordedCall) => c.method === method && predicate(c);
    return new Promise((resolve, reject) => {
      const past = this.calls.find(matches);
      if (past) return resolve(past);
      const stop = () => {
        clearTimeout(timer);
        unsubscribe();
      };
      const unsubscribe = this.onCall((call) => {
        try {
          if (!matches(call)) return;
          resolve(call);
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
        stop();
      });
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`no matching ${method} call within ${timeoutMs} ms; calls so far: ${this.summary()}`));
      }, timeoutMs);
    });
  }

  /**
   * Resolves true when no call to `method` matching `predicate` is recorded — before or during the
   * next `withinMs` — and false as soon as one is. Narrow the predicate (e.g. `c.at > t`) to
   * ignore earlier calls.
   */
  async expectNoCall(method: string, predicate: CallPredicate = () => true, withinMs = 500): Promise<boolean> {
    try {
      await this.waitForCall(method, predicate, { timeoutMs: withinMs });
      return false;
    } catch (error) {
      if (error instanceof Error && error.message.startsWith(`no matching ${method} call`)) return true;
      throw error;
    }
  }

  /** "chat.postMessage ok, reactions.add already_reacted, …" (the last 30). */
  summary(): string {
    if (this.calls.length === 0) return '(none)';
    return this.calls
      .slice(-30)
      .map((c) => `${c.method} ${c.ok ? 'ok' : (c.response.error ?? 'failed')}`)
      .join(', ');
  }
}
