/**
 * npm run bench — speed, scale and cost of Kuittaus, each figure next to a baseline measured in
 * the same run. The app under test runs in a process of its own (./app-process.ts); this process
 * runs the Slack emulator, the load and the measurements, against throwaway redis-servers.
 *
 *   1. event → acknowledgement at 50, 200, 500 events/s vs a minimal Bolt app   (./ack-path.ts)
 *   2. Redis memory per open request at 10 000 and 100 000                       (./request-memory.ts)
 *   3. /status at 1 000, 10 000, 100 000 open requests                           (./status-latency.ts)
 *   4. 10 000 reminders due in one minute across 1 000 owners                     (./reminder-fanout.ts)
 *   5. start-up time and RSS, idle and under load                                (./ack-path.ts)
 *   6. acknowledgement latency and memory per open request on a 3-master Redis Cluster next to
 *      one Redis                                                                   (./cluster.ts)
 *   7. bursts against Slack's pace of posts per channel, with a triage channel     (./burst.ts)
 *
 * Knobs (./settings.ts): BENCH_QUICK=1 (about a minute), BENCH_SECTIONS=ack,scale,fanout,
 * BENCH_RATES, BENCH_SECONDS, BENCH_ROUNDS, BENCH_SIZES, BENCH_REMINDERS, BENCH_OWNERS, BENCH_CONCURRENCY,
 * BENCH_CLUSTER_RATE, BENCH_CLUSTER_REQUESTS, BENCH_BURST_TIMEOUT_MS,
 * BENCH_WARMUP_SECONDS (section 1: events before the measured ones in each fresh process, default 3),
 * BENCH_FSYNC=always (the AOF fsynced on every write instead of every second),
 * BENCH_CPU_PROF=1 (CPU profiles of the app processes in bench/results/profiles),
 * BENCH_REDIS_BREAKDOWN=1 (each Redis command's calls per event, per run of section 1),
 * BENCH_HEAP_PROF=1 or =promoted (sampled allocations of the app processes, all or only those that
 * outlived the young generation, in bench/results/profiles), BENCH_NODE_ARGS (more Node flags for
 * the app processes, e.g. --trace-gc), BENCH_LATENCIES=1 (each measured event's latency, section 1,
 * in bench/results/latencies).
 * Writes bench/results/latest.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { launchRedis } from '../test/support/redis/launch';
import { startSlackEmulator } from '../test/support/slack-emulator';
import { type AckRun, runAckPath, summarize } from './ack-path';
import { machine } from './machine';
import { type FanoutResult, runFanout } from './reminder-fanout';
import { type BurstResult, runBursts } from './burst';
import { type ClusterResult, runClusterComparison } from './cluster';
import { ackTables, burstTable, clusterTable, fanoutTable, processTables, scaleTables, verdictTable, verdicts } from './report';
import { type ScaleResult, runMemoryWhatIf, runScale } from './scale';
import { benchSettings } from './settings';

async function main() {
  const settings = benchSettings();
  const started = Date.now();
  const loadAtStart = loadavg()[0]?.toFixed(1);
  // As docker-compose.yml runs it; BENCH_FSYNC=always fsyncs every write before answering.
  const fsync = process.env.BENCH_FSYNC === 'always' ? 'always' : 'everysec';
  const aof = await launchRedis({ appendOnly: true, appendFsync: fsync });
  const plain = await launchRedis();
  const slack = await startSlackEmulator();
  let ack: AckRun[] = [];
  let scale: ScaleResult | undefined;
  let fanout: FanoutResult | undefined;
  let cluster: ClusterResult | undefined;
  let bursts: BurstResult[] = [];
  try {
    if (settings.sections.includes('ack')) {
      ack = await runAckPath({ slack, redisUrl: aof.url, rates: settings.rates, seconds: settings.seconds, warmUpSeconds: settings.warmUpSeconds, rounds: settings.rounds, drainTimeoutMs: settings.drainTimeoutMs });
    }
    if (settings.sections.includes('scale')) {
      scale = await runScale(slack, plain.url, settings.sizes, settings.memorySizes);
      const whatIf = await launchRedis();
      scale.listpackWhatIf = await runMemoryWhatIf(whatIf.url, 10_000).finally(() => whatIf.stop());
    }
    if (settings.sections.includes('fanout')) fanout = await runFanout(aof.url, settings.reminders, settings.owners, settings.fanoutTimeoutMs);
    if (settings.sections.includes('cluster')) {
      cluster = await runClusterComparison(slack, { rate: settings.clusterRate, seconds: settings.seconds, warmUpSeconds: settings.warmUpSeconds, requests: settings.clusterRequests, drainTimeoutMs: settings.drainTimeoutMs });
    }
    if (settings.sections.includes('burst')) bursts = await runBursts(aof.url, settings.burstTimeoutMs);
  } finally {
    await slack.close();
    await Promise.all([aof.stop(), plain.stop()]);
  }
  const m = machine();
  const summary = summarize(ack);
  const v = verdicts(ack, summary, scale, fanout);
  const wallSeconds = Math.round((Date.now() - started) / 1000);
  const out = [
    `# Kuittaus benchmark, ${new Date().toISOString()}`,
    `${m.cores} × ${m.cpu}, ${m.memoryGiB} GiB, Node ${m.node}, Redis ${m.redis}; ${settings.quick ? 'quick run' : 'full run'}, ${wallSeconds} s; load average at the start ${loadAtStart}`,
    `Redis: AOF (appendfsync ${fsync}, ${fsync === 'everysec' ? 'as docker-compose.yml runs it' : 'BENCH_FSYNC=always'}) for sections 1, 4 and 5; without persistence for 2 and 3 (memory does not depend on it).`,
    ack.length ? ackTables(ack, summary) : '',
    scale ? scaleTables(scale) : '',
    fanout ? fanoutTable(fanout) : '',
    ack.length ? processTables(ack) : '',
    cluster ? clusterTable(cluster) : '',
    bursts.length ? burstTable(bursts) : '',
    verdictTable(v),
  ].filter(Boolean);
  console.log(`\n${out.join('\n\n')}\n`);
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const report = { date: new Date().toISOString(), machine: m, settings, wallSeconds, ackSummary: summary, ack, scale, fanout, cluster, bursts, targets: v };
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
