/**
 * Reads the Prometheus text exposition format (version 0.0.4) strictly enough to catch a broken
 * /metrics: every sample line must parse, and every sample must belong to a metric with # HELP
 * and # TYPE lines. Samples are keyed `name{a="1",b="2"}` with labels sorted.
 */
export interface Scrape {
  /** A sample's value; 0 when absent (a counter that never moved has no labelled sample yet). */
  value(name: string, labels?: Record<string, string>): number;
  /** Whether the sample exists at all. */
  has(name: string, labels?: Record<string, string>): boolean;
  /** Every sample of a metric name, with its labels. */
  samples(name: string): Array<{ labels: Record<string, string>; value: number }>;
  types: Map<string, string>;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?(?:[0-9.]+(?:e[+-]?\d+)?|NaN|\+Inf|-Inf))(?: \d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

const keyOf = (name: string, labels: Record<string, string> = {}) =>
  `${name}{${Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(',')}}`;

export function parsePrometheusText(text: string): Scrape {
  const values = new Map<string, number>();
  const byName = new Map<string, Array<{ labels: Record<string, string>; value: number }>>();
  const help = new Set<string>();
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const comment = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$/.exec(line);
    if (comment) {
      if (comment[1] === 'HELP') help.add(comment[2]!);
      else types.set(comment[2]!, comment[3]!);
      continue;
    }
    const sample = SAMPLE.exec(line);
    if (!sample) throw new Error(`not a Prometheus sample line: ${JSON.stringify(line)}`);
    const [, name, labelText = '', raw] = sample as unknown as [string, string, string | undefined, string];
    const labels: Record<string, string> = {};
    for (const m of labelText.matchAll(LABEL)) labels[m[1]!] = JSON.parse(`"${m[2]!}"`) as string;
    const family = [...types.keys()].find((t) => name === t || name.startsWith(`${t}_`));
    if (!family || !help.has(family)) throw new Error(`sample ${name} has no # HELP / # TYPE`);
    const value = raw === '+Inf' ? Infinity : raw === '-Inf' ? -Infinity : Number(raw);
    values.set(keyOf(name, labels), value);
    byName.set(name, [...(byName.get(name) ?? []), { labels, value }]);
  }
  return {
    value: (name, labels) => values.get(keyOf(name, labels)) ?? 0,
    has: (name, labels) => values.has(keyOf(name, labels)),
    samples: (name) => byName.get(name) ?? [],
    types,
  };
}
