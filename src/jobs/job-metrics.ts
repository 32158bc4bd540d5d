/** What the workers report for the metrics (src/infra/metrics.ts implements it; tests may leave it out). */
import type { ClientPost } from '../slack/delivery/client-post';

export interface JobMetrics {
  /** An outbox job posted a message the client sees. */
  clientPosted(post: ClientPost): void;
  /** A timer job did something (remind_owner, remind_triage, escalate, prompt_on_track, flag_eta_missed) or skipped (the reason). */
  timerFired(outcome: string): void;
  /** A job failed for good: the team is told (`reason` is the failure code, e.g. not_in_channel). */
  deliveryFailed(queue: string, kind: string, reason: string): void;
}
