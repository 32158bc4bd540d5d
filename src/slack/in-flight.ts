/** Work started after ack() (interactions) is tracked so that shutdown can wait for it. */
export class InFlight {
  private readonly pending = new Set<Promise<unknown>>();

  run(work: () => Promise<unknown>): void {
    const p = work().finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  async drain(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }

  get size(): number {
    return this.pending.size;
  }
}
