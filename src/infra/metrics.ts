/**
 * The Prometheus metrics of one app instance (prom-client), served at GET /metrics. One registry
 * per instance (never prom-client's global one): several instances in one process, as the tests
 * run them, each count their own. Counters are fed by the workers (JobMetrics), the Slack Web API
 * clients' fetch (SlackCallMetrics) and the Redis connection log; the gauges of open requests and
 * queue depths are read when Prometheus scrapes (./metrics-scrape.ts).
 */
import type { ServerResponse } from 'node:http';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { JobMetrics } from '../jobs/job-metrics';
import type { ClientPost } from '../slack/delivery/client-post';

/** Seconds from a client's message to its acknowledgement: the design's target is 1 s. */
const ACK_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 1800, 3600];

/** Timer outcomes that are reminders and escalations (fireTimer's actions). */
const REMINDERS: Record<string, string> = { remind_owner: 'owner', remind_triage: 'triage', prompt_on_track: 'on_track' };
const ESCALATIONS: Record<string, string> = { escalate: 'update_overdue', flag_eta_missed: 'eta_missed' };

export interface SlackCallMetrics {
  slackCall(method: string, status: number | 'network_error'): void;
}

export interface RedisErrorMetrics {
  redisError(connection: string): void;
}

export class KuittausMetrics implements JobMetrics, SlackCallMetrics, RedisErrorMetrics {
  readonly registry = new Registry();
  private readonly acknowledgements = new Counter({
    name: 'kuittaus_acknowledgements_total',
    help: 'Acknowledgements posted in client threads, by how the request was tracked (auto, reaction, mention, shortcut).',
    labelNames: ['trigger'] as const,
    registers: [this.registry],
  });
  private readonly ackLatency = new Histogram({
    name: 'kuittaus_acknowledgement_latency_seconds',
    help: "Seconds from the client's message (its Slack ts) to the acknowledgement's post, by trigger.",
    labelNames: ['trigger'] as const,
    buckets: ACK_BUCKETS,
    registers: [this.registry],
  });
  private readonly clientMessages = new Counter({
    name: 'kuittaus_client_messages_total',
    help: 'Messages posted to clients, by kind (acknowledgement, owner_announced, update_text, update_still_on_it, update_eta, update_reopened, closing, holding_line, waiting_asked, waiting_nudged, waiting_resumed); told by editing the acknowledgement instead of a post: owner_announced_folded, update_eta_folded.',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  private readonly deliveriesFailed = new Counter({
    name: 'kuittaus_deliveries_failed_total',
    help: 'Jobs that failed for good (the team is told; outbox and intake jobs wait as dead letters), by queue, kind and reason.',
    labelNames: ['queue', 'kind', 'reason'] as const,
    registers: [this.registry],
  });
  private readonly reminders = new Counter({
    name: 'kuittaus_reminders_total',
    help: 'Reminders sent: to the owner (update due), to the triage channel (unowned), or "On track?" before the ETA.',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  private readonly escalations = new Counter({
    name: 'kuittaus_escalations_total',
    help: 'Escalations to the team leads, by reason (update_overdue, eta_missed).',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  private readonly timers = new Counter({
    name: 'kuittaus_timers_total',
    help: 'Timer jobs run, by outcome (an action taken, or why it was skipped).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  private readonly slackCalls = new Counter({
    name: 'kuittaus_slack_api_calls_total',
    help: 'Slack Web API requests (each HTTP attempt), by method.',
    labelNames: ['method'] as const,
    registers: [this.registry],
  });
  private readonly slackRateLimited = new Counter({
    name: 'kuittaus_slack_api_rate_limited_total',
    help: 'Slack Web API answers 429 (rate limited), by method.',
    labelNames: ['method'] as const,
    registers: [this.registry],
  });
  private readonly slackFailed = new Counter({
    name: 'kuittaus_slack_api_unanswered_total',
    help: 'Slack Web API requests with no HTTP answer (network error, timeout) or a 5xx, by method.',
    labelNames: ['method'] as const,
    registers: [this.registry],
  });
  private readonly redisErrors = new Counter({
    name: 'kuittaus_redis_errors_total',
    help: 'Redis connection errors, by connection (main, requests, queue, worker).',
    labelNames: ['connection'] as const,
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    // process_* and nodejs_* (CPU, memory, event loop lag, handles), as every Node service exports them.
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  clientPosted(post: ClientPost): void {
    const kind = post.type ? `${post.kind}_${post.type}` : post.kind;
    this.clientMessages.inc({ kind: post.folded ? `${kind}_folded` : kind });
    if (post.kind !== 'acknowledgement') return;
    const trigger = post.trigger ?? 'auto';
    this.acknowledgements.inc({ trigger });
    if (post.latencyMs !== undefined) this.ackLatency.observe({ trigger }, Math.max(0, post.latencyMs) / 1000);
  }

  timerFired(outcome: string): void {
    this.timers.inc({ outcome });
    const reminder = REMINDERS[outcome];
    if (reminder) this.reminders.inc({ kind: reminder });
    const escalation = ESCALATIONS[outcome];
    if (escalation) this.escalations.inc({ reason: escalation });
  }

  deliveryFailed(queue: string, kind: string, reason: string): void {
    this.deliveriesFailed.inc({ queue, kind, reason });
  }

  slackCall(method: string, status: number | 'network_error'): void {
    this.slackCalls.inc({ method });
    if (status === 429) this.slackRateLimited.inc({ method });
    else if (status === 'network_error' || status >= 500) this.slackFailed.inc({ method });
  }

  redisError(connection: string): void {
    this.redisErrors.inc({ connection });
  }

  /** GET /metrics in the Prometheus text format. */
  route() {
    return {
      path: '/metrics',
      method: ['GET'],
      handler: (_req: unknown, res: ServerResponse) => {
        this.registry.metrics().then(
          (body) => {
            res.writeHead(200, { 'content-type': this.registry.contentType });
            res.end(body);
          },
          (error: unknown) => {
            res.writeHead(500, { 'content-type': 'text/plain' });
            res.end(`# metrics failed: ${error instanceof Error ? error.message : String(error)}\n`);
          },
        );
      },
    };
  }
}
