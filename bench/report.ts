/** The printed tables and the verdict on each target. */
import type { AckRun } from './ack-path';
import type { ClusterResult } from './cluster';
import type { FanoutResult } from './reminder-fanout';
import type { ScaleResult } from './scale';

export interface Verdict {
  target: string;
  met: boolean;
  measured: string;
}

const row = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
const table = (head: string[], rows: Array<Array<string | number>>) => [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');

export function ackTables(runs: AckRun[]): string {
  const latency = table(
    ['target', 'events/s', 'sent/s', 'sent', 'acked', 'lost', 'dup', 'non-2xx', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'drain ms', 'app CPU %', 'emulator+load CPU %', 'API calls/event'],
    runs.map((r) => [label(r.target), r.rate, r.sentRate, r.sent, r.acked, r.lost, r.duplicates, r.non2xx, r.p50, r.p90, r.p99, r.max, r.drainMs, r.appCpuPct, r.harnessCpuPct, r.apiCallsPerEvent]),
  );
  const trend = runs
    .filter((r) => r.target === 'kuittaus')
    .map((r) => `Kuittaus ${r.rate}/s, p50 ms of the events sent in each second: ${r.p50BySecond.join(', ')}`);
  return `## 1. Event → acknowledgement (app in its own process; emulator and load in another)\n\n${latency}\n\n${trend.join('\n')}`;
}

export function processTables(runs: AckRun[]): string {
  const rows = runs.map((r) => [label(r.target), r.rate, r.startupMs, r.spawnToReadyMs, r.idleRssMiB, r.loadRssMiB]);
  return `## 5. Start-up and resident memory (per app process of section 1)\n\n${table(
    ['target', 'load events/s', 'start → /healthz ms', 'spawn → ready ms', 'idle RSS MiB', 'peak RSS under load MiB'],
    rows,
  )}`;
}

export function scaleTables(s: ScaleResult): string {
  const parts = [...new Set(s.memory.flatMap((m) => Object.keys(m.parts)))];
  const memory = table(
    ['open requests', 'used_memory Δ / request (B)', 'target (B)', 'keys / request', ...parts.map((p) => `${p} (B)`)],
    [...s.memory, ...(s.listpackWhatIf ? [s.listpackWhatIf] : [])].map((m) => [
      m === s.listpackWhatIf ? `${m.requests} (what-if: hash-max-listpack-value 1024)` : m.requests,
      m.bytesPerRequest,
      2048,
      m.keysPerRequest,
      ...parts.map((p) => m.parts[p] ?? 0),
    ]),
  );
  const status = table(
    ['open requests', 'in process p50 ms', 'in process p99 ms', 'HTTP p50 ms', 'HTTP p99 ms', 'HTTP max ms', 'baseline HTTP p50 ms', 'baseline HTTP p99 ms', 'target p99 ms'],
    s.status.map((p) => [p.requests, p.inProcess.p50, p.inProcess.p99, p.http.p50, p.http.p99, p.http.max, s.baselineHttp.p50, s.baselineHttp.p99, 200]),
  );
  return `## 2. Redis memory per open request (parts by MEMORY USAGE, per request)\n\n${memory}\n\n## 3. /status answer (Kuittaus; baseline: minimal Bolt app with a static answer)\n\n${status}`;
}

export function fanoutTable(f: FanoutResult): string {
  return `## 4. Reminder fan-out (all due in the same minute; one DM channel per owner)\n\n${table(
    ['reminders', 'owners', 'delivered', 'dup', 'first ms', 'p50 ms', 'p99 ms', 'last ms', 'pacing floor ms', 'min gap per DM ms', 'gaps < 900 ms', 'promote ms', 'peak RSS MiB'],
    [[f.reminders, f.owners, f.delivered, f.duplicates, f.lateness.min, f.lateness.p50, f.lateness.p99, f.lateness.max, f.floorMs, f.minGapMs, f.gapsUnder900ms, f.promoteMs, f.rssMiB]],
  )}`;
}

export function clusterTable(c: ClusterResult): string {
  return `## 6. Redis Cluster (3 masters, AOF) next to one Redis (AOF), same run\n\n${table(
    ['Redis', 'events/s', 'acked', 'lost', 'dup', 'ack p50 ms', 'ack p90 ms', 'ack p99 ms', 'ack max ms', 'open requests', 'used_memory Δ / request (B)', 'keys / request', 'keys per master'],
    c.rows.map((r) => [r.redis, c.rate, `${r.ack.acked}/${r.ack.sent}`, r.ack.lost, r.ack.duplicates, r.ack.p50, r.ack.p90, r.ack.p99, r.ack.max, c.requests, r.memory.bytesPerRequest, r.memory.keysPerRequest, (r.memory.keysPerNode ?? []).join(' / ')]),
  )}\n\nA workspace's keys share one hash tag, so its requests sit on one master; BullMQ's keys have a tag of their own.`;
}

export function verdicts(ack: AckRun[], scale?: ScaleResult, fanout?: FanoutResult): Verdict[] {
  const out: Verdict[] = [];
  const at = (target: string, rate: number) => ack.find((r) => r.target === target && r.rate === rate);
  const k200 = at('kuittaus', 200);
  const b200 = at('baseline', 200);
  if (k200 && b200) {
    out.push({ target: 'ack p99 at 200/s within 2× the minimal app', met: k200.p99 <= 2 * b200.p99 && k200.lost === 0, measured: `${k200.p99} ms vs 2 × ${b200.p99} ms = ${2 * b200.p99} ms` });
  }
  const k500 = at('kuittaus', 500);
  if (k500) {
    out.push({ target: 'nothing lost or duplicated at 500/s', met: k500.lost === 0 && k500.duplicates === 0, measured: `${k500.acked}/${k500.sent} acked, ${k500.duplicates} duplicates, drained ${k500.drainMs} ms after the last event` });
  }
  const mem = scale?.memory.at(-1);
  if (mem) out.push({ target: `under 2 KB per open request (at ${mem.requests})`, met: mem.bytesPerRequest < 2048, measured: `${mem.bytesPerRequest} B per request` });
  const st = scale?.status.at(-1);
  if (st) out.push({ target: `/status p99 under 200 ms (at ${st.requests}, over HTTP)`, met: st.http.p99 < 200, measured: `${st.http.p99} ms (in process ${st.inProcess.p99} ms)` });
  if (fanout) {
    out.push({ target: 'fan-out: every reminder delivered once, no DM faster than ~1/s', met: fanout.delivered === fanout.reminders && fanout.duplicates === 0 && fanout.gapsUnder900ms === 0, measured: `${fanout.delivered}/${fanout.reminders}, ${fanout.duplicates} dup, min gap ${fanout.minGapMs} ms` });
    out.push({ target: 'fan-out: last reminder before the update is due (15 min lead)', met: !fanout.timedOut && fanout.lateness.max < 15 * 60_000, measured: `last after ${(fanout.lateness.max / 1000).toFixed(1)} s (floor ${fanout.floorMs / 1000} s)` });
  }
  return out;
}

export const verdictTable = (v: Verdict[]) => `## Targets\n\n${table(['target', 'result', 'measured'], v.map((x) => [x.target, x.met ? 'met' : '**MISSED**', x.measured]))}`;

const label = (target: string) => (target === 'baseline' ? 'baseline: minimal Bolt app' : 'Kuittaus');
