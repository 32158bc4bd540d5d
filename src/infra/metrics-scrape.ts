/**
 * Gauges read when Prometheus scrapes, cheaply: open requests by state from the status indexes
 * (five ZCARD/ZCOUNT in one round trip, whatever the number of requests) and each queue's job
 * counts (BullMQ's getJobCounts). They use the fail-fast Redis connection: while Redis is down a
 * scrape still answers at once, with the counters, `kuittaus_scrape_source_up{source} 0` and no
 * stale gauge values.
 */
import { Gauge, type Registry } from 'prom-client';
import type { Queue } from 'bullmq';
import type { StatusCounts } from '../app/status/status-types';

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed'] as const;

export interface ScrapeSources {
  /** The team's live requests, counted from the indexes at `now`. */
  requestCounts(): Promise<StatusCounts>;
  queues: readonly Queue[];
  /** Timers planned and not due yet (one ZCARD; a due timer is a job of the timers queue). */
  pendingTimers(): Promise<number>;
  /** Messages held back for the process that received them (one ZCARD). */
  heldIntake(): Promise<number>;
}

export function registerScrapeGauges(registry: Registry, sources: ScrapeSources): void {
  const requestCounts = inFlightOnce(sources.requestCounts);
  const queueCounts = inFlightOnce(() => Promise.all(sources.queues.map((q) => q.getJobCounts(...QUEUE_STATES))));
  const pendingTimers = inFlightOnce(sources.pendingTimers);
  const heldIntake = inFlightOnce(sources.heldIntake);
  const up: Gauge<'source'> = new Gauge({
    name: 'kuittaus_scrape_source_up',
    help: 'Whether this scrape could read a source (requests: the status indexes; queues: BullMQ job counts).',
    labelNames: ['source'] as const,
    registers: [registry],
    async collect() {
      await Promise.all([read(up, 'requests', requestCounts), read(up, 'queues', queueCounts)]);
    },
  });
  new Gauge({
    name: 'kuittaus_open_requests',
    help: 'Live requests by state (open: nobody owns it; in_progress; waiting_on_client).',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const counts = await read(up, 'requests', requestCounts);
      if (!counts) return;
      this.set({ state: 'open' }, counts.unowned);
      this.set({ state: 'waiting_on_client' }, counts.waiting);
      // Waiting requires an owner (the state machine refuses it otherwise), so the rest are in progress.
      this.set({ state: 'in_progress' }, Math.max(0, counts.open - counts.unowned - counts.waiting));
    },
  });
  new Gauge({
    name: 'kuittaus_requests_update_overdue',
    help: 'Live requests whose next client update is past due.',
    registers: [registry],
    async collect() {
      this.reset();
      const counts = await read(up, 'requests', requestCounts);
      if (counts) this.set(counts.overdue);
    },
  });
  new Gauge({
    name: 'kuittaus_requests_eta_missed',
    help: 'Live requests whose ETA in force was missed.',
    registers: [registry],
    async collect() {
      this.reset();
      const counts = await read(up, 'requests', requestCounts);
      if (counts) this.set(counts.etaMissed);
    },
  });
  new Gauge({
    name: 'kuittaus_queue_jobs',
    help: 'Jobs in each BullMQ queue (intake, outbox, timers) by state; delayed includes retries waiting for their backoff (timers not due yet are kuittaus_timers_pending).',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const all = await read(up, 'queues', queueCounts);
      if (!all) return;
      sources.queues.forEach((queue, i) => {
        for (const state of QUEUE_STATES) this.set({ queue: queue.name, state }, all[i]?.[state] ?? 0);
      });
    },
  });
  new Gauge({
    name: 'kuittaus_timers_pending',
    help: 'Timers planned and not due yet: one per live request that needs one (when due, each becomes a job of the timers queue).',
    registers: [registry],
    async collect() {
      this.reset();
      const pending = await read(up, 'queues', pendingTimers);
      if (pending !== undefined) this.set(pending);
    },
  });
  new Gauge({
    name: 'kuittaus_intake_held',
    help: 'Client messages held as a write-ahead while the process that received them handles them (a few at any time; one that stays past its hold is queued as an intake job).',
    registers: [registry],
    async collect() {
      this.reset();
      const held = await read(up, 'queues', heldIntake);
      if (held !== undefined) this.set(held);
    },
  });
}

/**
 * One read per source and scrape: prom-client collects every metric of a scrape at once, so the
 * gauges of one source share the read that is in flight (a later scrape starts a new one).
 */
function inFlightOnce<T>(fetch: () => Promise<T>): () => Promise<T> {
  let current: Promise<T> | undefined;
  return () => {
    current ??= fetch().finally(() => {
      current = undefined;
    });
    return current;
  };
}

async function read<T>(up: Gauge<'source'>, source: string, fetch: () => Promise<T>): Promise<T | undefined> {
  try {
    const value = await fetch();
    up.set({ source }, 1);
    return value;
  } catch {
    up.set({ source }, 0);
    return undefined;
  }
}
