/** The printed tables and the verdict on each target. */
import type { AckRun, AckSummary } from './ack-path';
import type { BurstResult } from './burst';
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

export function ackTables(runs: AckRun[], summary: AckSummary[]): string {
  const rounds = summary[0]?.rounds ?? 0;
  const head = table(
    ['events/s', 'baseline p50 ms', 'baseline p99 ms', 'Kuittaus p50 ms', 'Kuittaus p99 ms', 'p99 ratio (median of rounds)', 'per-round p99 ratios', 'second half of each round: baseline p99 ms, Kuittaus p99 ms, p99 ratio (median of rounds)', 'warm-up (first seconds of a fresh process, not in the columns before): baseline p99 ms, Kuittaus p99 ms, ratio', 'baseline CPU ms/event', 'Kuittaus CPU ms/event', 'CPU ratio', 'Redis commands/event (scripts incl.)', 'of them script calls', 'Redis CPU ms/event', 'Web API calls/event (baseline, Kuittaus)', 'write system calls/event (baseline, Kuittaus)', 'lost', 'dup'],
    summary.map((s) => [s.rate, s.baselineP50, s.baselineP99, s.kuittausP50, s.kuittausP99, s.p99RatioMedian, s.p99Ratios.join(' / '), `${s.baselineP99SecondHalf}, ${s.kuittausP99SecondHalf}, ${s.p99SecondHalfRatioMedian}`, `${s.baselineWarmUpP99}, ${s.kuittausWarmUpP99}, ${s.warmUpP99RatioMedian}`, s.baselineCpuMsPerEvent, s.kuittausCpuMsPerEvent, s.cpuRatio, s.redisCommandsPerEvent, s.redisScriptCallsPerEvent, s.redisCpuMsPerEvent, `${s.baselineApiCallsPerEvent}, ${s.kuittausApiCallsPerEvent}`, `${s.baselineWriteSyscallsPerEvent}, ${s.kuittausWriteSyscallsPerEvent}`, s.lost, s.duplicates]),
  );
  const latency = table(
    ['target', 'events/s', 'round', 'sent/s', 'sent', 'acked', 'lost', 'dup', 'non-2xx', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'drain ms', 'app CPU %', 'app event loop busy %', 'CPU ms/event', 'Redis cmds/event', 'Redis CPU ms/event', 'API calls/event', 'write/read system calls/event', 'warm-up p99 ms'],
    runs.map((r) => [label(r.target), r.rate, r.round, r.sentRate, r.sent, r.acked, r.lost, r.duplicates, r.non2xx, r.p50, r.p90, r.p99, r.max, r.drainMs, r.appCpuPct, r.appLoopBusyPct, r.cpuMsPerEvent, r.redisCommandsPerEvent ?? '', r.redisCpuMsPerEvent ?? '', r.apiCallsPerEvent, `${r.writeSyscallsPerEvent ?? ''}/${r.readSyscallsPerEvent ?? ''}`, r.warmUpP99]),
  );
  const warmUp = runs[0]?.warmUpSeconds ?? 0;
  return `## 1. Event → acknowledgement (app in its own process; emulator and load in another; ${rounds} alternating rounds per rate, medians; each process started, its start-up catch-up over, then ${warmUp} s of events at the same rate before the ${runs[0]?.seconds ?? 0} s measured)\n\n${head}\n\nEvery round:\n\n${latency}`;
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
    [...s.memory, ...(s.fullExcerpt ? [s.fullExcerpt] : []), ...(s.listpackWhatIf ? [s.listpackWhatIf] : [])].map((m) => [
      m === s.listpackWhatIf ? `${m.requests} (what-if: hash-max-listpack-value 1024)` : m === s.fullExcerpt ? `${m.requests} (every excerpt 300 characters)` : m.requests,
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
    ['reminders', 'owners', 'delivered', 'dup', 'first ms', 'p50 ms', 'p99 ms', 'last ms', 'pacing floor ms', 'min gap per DM ms', 'gaps < 900 ms', "429s at Slack's pace", 'promote ms', 'peak RSS MiB'],
    [[f.reminders, f.owners, f.delivered, f.duplicates, f.lateness.min, f.lateness.p50, f.lateness.p99, f.lateness.max, f.floorMs, f.minGapMs, f.gapsUnder900ms, f.slack429, f.promoteMs, f.rssMiB]],
  )}`;
}

export function clusterTable(c: ClusterResult): string {
  return `## 6. Redis Cluster (3 masters, AOF) next to one Redis (AOF), same run\n\n${table(
    ['Redis', 'events/s', 'acked', 'lost', 'dup', 'ack p50 ms', 'ack p90 ms', 'ack p99 ms', 'ack max ms', 'open requests', 'used_memory Δ / request (B)', 'keys / request', 'keys per master'],
    c.rows.map((r) => [r.redis, c.rate, `${r.ack.acked}/${r.ack.sent}`, r.ack.lost, r.ack.duplicates, r.ack.p50, r.ack.p90, r.ack.p99, r.ack.max, c.requests, r.memory.bytesPerRequest, r.memory.keysPerRequest, (r.memory.keysPerNode ?? []).join(' / ')]),
  )}\n\nA workspace's keys share one hash tag, so its requests sit on one master; BullMQ's keys have a tag of their own.`;
}

export function verdicts(ack: AckRun[], summary: AckSummary[], scale?: ScaleResult, fanout?: FanoutResult): Verdict[] {
  const out: Verdict[] = [];
  const s200 = summary.find((s) => s.rate === 200);
  if (s200) {
    out.push({ target: 'ack p99 at 200/s within 2× the minimal app (median of per-round ratios)', met: s200.p99RatioMedian <= 2 && s200.lost === 0, measured: `${s200.p99RatioMedian}× (rounds: ${s200.p99Ratios.join(', ')}); medians ${s200.kuittausP99} ms vs ${s200.baselineP99} ms; in the second half of each round ${s200.p99SecondHalfRatioMedian}×; in the warm-up (a fresh process) ${s200.warmUpP99RatioMedian}×` });
    out.push({ target: 'CPU per event at 200/s within 2× the minimal app', met: s200.cpuRatio <= 2, measured: `${s200.kuittausCpuMsPerEvent} ms vs ${s200.baselineCpuMsPerEvent} ms (${s200.cpuRatio}×)` });
  }
  const k500 = ack.filter((r) => r.target === 'kuittaus' && r.rate === 500);
  if (k500.length) {
    const sent = k500.reduce((n, r) => n + r.sent, 0);
    const acked = k500.reduce((n, r) => n + r.acked, 0);
    const dup = k500.reduce((n, r) => n + r.duplicates, 0);
    out.push({ target: 'nothing lost or duplicated at 500/s', met: acked === sent && dup === 0, measured: `${acked}/${sent} acked over ${k500.length} rounds, ${dup} duplicates, drained at worst ${Math.max(...k500.map((r) => r.drainMs))} ms after the last event` });
  }
  const mem = scale?.memory.at(-1);
  if (mem) out.push({ target: `under 2 KB per open request (at ${mem.requests})`, met: mem.bytesPerRequest < 2048, measured: `${mem.bytesPerRequest} B per request` });
  const st = scale?.status.at(-1);
  if (st) out.push({ target: `/status p99 under 200 ms (at ${st.requests}, over HTTP)`, met: st.http.p99 < 200, measured: `${st.http.p99} ms (in process ${st.inProcess.p99} ms)` });
  if (fanout) {
    out.push({ target: 'fan-out: every reminder delivered once, no DM faster than ~1/s', met: fanout.delivered === fanout.reminders && fanout.duplicates === 0 && fanout.gapsUnder900ms === 0, measured: `${fanout.delivered}/${fanout.reminders}, ${fanout.duplicates} dup, min gap ${fanout.minGapMs} ms, ${fanout.gapsUnder900ms} gaps under 900 ms, ${fanout.slack429} 429s at Slack's pace` });
    out.push({ target: 'fan-out: last reminder before the update is due (15 min lead)', met: !fanout.timedOut && fanout.lateness.max < 15 * 60_000, measured: `last after ${(fanout.lateness.max / 1000).toFixed(1)} s (floor ${fanout.floorMs / 1000} s)` });
  }
  return out;
}

export const verdictTable = (v: Verdict[]) => `## Targets\n\n${table(['target', 'result', 'measured'], v.map((x) => [x.target, x.met ? 'met' : '**MISSED**', x.measured]))}`;

const label = (target: string) => (target === 'baseline' ? 'baseline: minimal Bolt app' : 'Kuittaus');

export function burstTable(results: BurstResult[]): string {
  return `## 7. Bursts at Slack's pace (429 beyond ~1 post/s per channel, burst of 3; one triage channel)\n\n${table(
    ['case', 'requests', 'client channels', 'sent within s', 'acked', 'dup acks', 'last ack s', 'card posts', 'requests on cards', 'dup cards', 'last card s', 'pace floor for the cards s', '429s (acks, cards)'],
    results.map((r) => [r.name, r.requests, r.channels, r.sentInSeconds, r.acked, r.duplicateAcks, r.lastAckSeconds, r.cardPosts, r.cards, r.duplicateCards, r.lastCardSeconds, r.cardPaceFloorSeconds, `${r.acks429}, ${r.cards429}`]),
  )}`;
}
