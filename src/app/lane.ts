/**
 * At most `limit` pieces of work at a time; the rest wait their turn, first come first served.
 * With `maxWaiting` already waiting, more work runs at once instead: a lane that cannot keep up
 * does not hold an unbounded queue in memory.
 */
export class Lane {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly limit: number,
    private readonly maxWaiting = Number.POSITIVE_INFINITY,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.waiting.length >= this.maxWaiting) return work();
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
