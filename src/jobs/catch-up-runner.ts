/**
 * Runs catch-up rounds: one at start-up, then one every `intervalMs` (0: none) taken by whichever
 * instance claims it first, so that several instances do not read the same history. A round that
 * fails (Redis or Slack down, a revoked token) leaves every position as it was and is tried again
 * next interval; after a rate limit no instance reads before Slack's Retry-After.
 */
import type { Logger } from 'pino';
import type { CatchUpReport } from '../app/catch-up/catch-up';
import { HistoryRateLimitedError } from '../app/catch-up/errors';

export interface CatchUpRunnerOptions {
  intervalMs: number;
  log: Logger;
  round(): Promise<CatchUpReport>;
  claimPeriodicRound(withinMs: number): Promise<boolean>;
  deferPeriodicRounds(ms: number): Promise<void>;
  /** True when a failure is a Redis outage that is logged elsewhere (once); the round's own line is then debug. */
  redisOutage?: (error: unknown) => boolean;
}

export interface CatchUpRunner {
  /** A round now (after the one running); undefined when the runner is stopped. */
  runNow(): Promise<CatchUpReport | undefined>;
  /** Resolves when no round is running. */
  settled(): Promise<void>;
  /** No more rounds; waits for the one running. */
  stop(): Promise<void>;
}

export function startCatchUpRunner(options: CatchUpRunnerOptions): CatchUpRunner {
  const { intervalMs, log } = options;
  let chain: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const runRound = (periodic: boolean): Promise<CatchUpReport | undefined> => {
    const result = chain.then(async () => {
      if (stopped) return undefined;
      // A periodic round is skipped when another instance ran one within most of the interval.
      if (periodic && !(await options.claimPeriodicRound(intervalMs * 0.8))) return undefined;
      const report = await options.round();
      log.debug({ ...report, periodic }, 'catch-up round done');
      return report;
    });
    chain = result.catch(() => undefined);
    return result;
  };

  /** When the next round may start after this one's outcome. */
  const delayAfter = async (error: unknown): Promise<number> => {
    if (error instanceof HistoryRateLimitedError) {
      log.warn({ retryAfterMs: error.retryAfterMs }, 'catch-up rate limited by Slack; the next round waits for Retry-After');
      await options.deferPeriodicRounds(error.retryAfterMs).catch(() => undefined);
      return Math.max(intervalMs, error.retryAfterMs);
    }
    if (options.redisOutage?.(error)) log.debug({ err: error }, 'catch-up round failed: Redis unreachable; trying again next round');
    else log.warn({ err: error }, 'catch-up round failed; positions unchanged, trying again next round');
    return intervalMs;
  };

  const plan = (ms: number) => {
    if (stopped || intervalMs === 0) return;
    timer = setTimeout(() => {
      void runRound(true).then(() => intervalMs, delayAfter).then(plan);
    }, ms);
  };

  void runRound(false).then(() => intervalMs, delayAfter).then(plan);

  return {
    runNow: () => runRound(false),
    settled: () => chain.then(() => undefined),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await chain;
    },
  };
}
