/** Small numeric helpers shared by the sections. */
export interface Spread {
  min: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export const quantile = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return { min: round(sorted[0] ?? NaN), p50: round(quantile(sorted, 0.5)), p90: round(quantile(sorted, 0.9)), p99: round(quantile(sorted, 0.99)), max: round(sorted.at(-1) ?? NaN) };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

/** CPU time (user + system) this process has used so far. */
export const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
