/** The run's knobs, from the environment. BENCH_QUICK=1 is a smoke run of about a minute. */
export interface BenchSettings {
  quick: boolean;
  sections: string[];
  rates: number[];
  seconds: number;
  /** Section 1: events before the measured ones, in each fresh process (0: none). */
  warmUpSeconds: number;
  /** Alternating rounds of section 1 (each: the baseline and Kuittaus, in turn first). */
  rounds: number;
  drainTimeoutMs: number;
  sizes: number[];
  memorySizes: number[];
  reminders: number;
  owners: number;
  fanoutTimeoutMs: number;
  /** Section 6 (cluster): the acknowledgement rate and the open requests measured, on a cluster and on one Redis. */
  clusterRate: number;
  clusterRequests: number;
  /** Section 7 (burst): how long to wait for every acknowledgement and card of one case. */
  burstTimeoutMs: number;
}

const list = (value: string | undefined, fallback: number[]) => (value ? value.split(',').map(Number) : fallback);

export function benchSettings(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  const quick = env.BENCH_QUICK === '1';
  const sizes = list(env.BENCH_SIZES, quick ? [1_000, 10_000] : [1_000, 10_000, 100_000]);
  return {
    quick,
    sections: (env.BENCH_SECTIONS ?? 'ack,scale,fanout,cluster,burst').split(','),
    rates: list(env.BENCH_RATES, [50, 200, 500]),
    seconds: Number(env.BENCH_SECONDS ?? (quick ? 2 : 4)),
    warmUpSeconds: Number(env.BENCH_WARMUP_SECONDS ?? (quick ? 1 : 3)),
    rounds: Number(env.BENCH_ROUNDS ?? (quick ? 3 : 5)),
    drainTimeoutMs: Number(env.BENCH_DRAIN_MS ?? 60_000),
    sizes,
    memorySizes: sizes.filter((s) => s >= 10_000),
    reminders: Number(env.BENCH_REMINDERS ?? (quick ? 1_000 : 10_000)),
    owners: Number(env.BENCH_OWNERS ?? (quick ? 100 : 1_000)),
    fanoutTimeoutMs: Number(env.BENCH_FANOUT_TIMEOUT_MS ?? 180_000),
    clusterRate: Number(env.BENCH_CLUSTER_RATE ?? 50),
    clusterRequests: Number(env.BENCH_CLUSTER_REQUESTS ?? (quick ? 2_000 : 10_000)),
    burstTimeoutMs: Number(env.BENCH_BURST_TIMEOUT_MS ?? 420_000),
  };
}
