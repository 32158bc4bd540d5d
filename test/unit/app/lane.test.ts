/** A few pieces of work at a time, the rest in turn. */
import { Lane } from '../../../src/app/lane';

/** Work that runs until the test lets it finish. */
function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('Lane', () => {
  it.each([1, 2, 4])('when %i may run at once, then no more run and the others start in the order they came', async (limit) => {
    const lane = new Lane(limit);
    const gates = Array.from({ length: limit + 3 }, gate);
    const started: number[] = [];
    let running = 0;
    let most = 0;
    const all = gates.map((g, i) =>
      lane.run(async () => {
        started.push(i);
        most = Math.max(most, ++running);
        await g.opened;
        running--;
      }),
    );
    await settle();
    expect(started).toEqual(gates.slice(0, limit).map((_, i) => i));
    for (const g of gates) {
      g.open();
      await settle();
    }
    await Promise.all(all);
    expect(started).toEqual(gates.map((_, i) => i));
    expect(most).toBe(limit);
  });

  it('when a piece of work fails, then its caller gets the error and the next one still runs', async () => {
    const lane = new Lane(1);
    const failing = lane.run(async () => {
      throw new Error('relay failed');
    });
    const next = lane.run(async () => 'relayed');
    await expect(failing).rejects.toThrow('relay failed');
    await expect(next).resolves.toBe('relayed');
  });

  it('when as many as it may hold are waiting already, then more work runs at once instead of queueing', async () => {
    const lane = new Lane(1, 2);
    const first = gate();
    const started: string[] = [];
    const running = lane.run(async () => {
      started.push('first');
      await first.opened;
    });
    const waiting = [lane.run(async () => void started.push('second')), lane.run(async () => void started.push('third'))];
    await settle();
    expect(started).toEqual(['first']);
    await lane.run(async () => void started.push('overflow'));
    expect(started).toEqual(['first', 'overflow']);
    first.open();
    await Promise.all([running, ...waiting]);
    expect(started).toEqual(['first', 'overflow', 'second', 'third']);
  });
});
