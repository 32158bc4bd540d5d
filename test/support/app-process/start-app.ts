/**
 * The app as its own process, for tests that kill it: `node --import tsx start-app.ts` with the
 * app's environment plus test knobs. Prints `ready <port>` on stdout once it serves requests.
 *
 * APP_CLOCK_OFFSET_MS   the app's clock runs this far ahead of real time (timers come sooner)
 * APP_WORKER_LOCK_MS    BullMQ lock duration; a killed worker's job is taken over after it
 * APP_SLACK_TIMEOUT_MS  Web API timeout (an unanswered post settles 2 s after it)
 * APP_RELAY_STALE_MS    how long a recorded change waits for its relay before a sweep relays it
 *                       (the sweep runs every half of it)
 * APP_INTAKE_FALLBACK_MS how long a received message's intake job waits for the receiving process
 */
import pino from 'pino';
import { loadConfig } from '../../../src/config';
import { startKuittaus } from '../../../src/kuittaus';

const offset = Number(process.env.APP_CLOCK_OFFSET_MS ?? 0);
const lockMs = Number(process.env.APP_WORKER_LOCK_MS ?? 0);
const slackTimeoutMs = Number(process.env.APP_SLACK_TIMEOUT_MS ?? 0);
const relayStaleMs = Number(process.env.APP_RELAY_STALE_MS ?? 0);
const intakeFallbackMs = Number(process.env.APP_INTAKE_FALLBACK_MS ?? 0);

async function main() {
  const config = loadConfig(process.env);
  const app = await startKuittaus(config, {
    log: pino({ level: config.logLevel }),
    clock: { now: () => Date.now() + offset, msUntil: (at) => at - (Date.now() + offset) },
    channelIntervalMs: 100,
    ...(lockMs ? { workerLockMs: lockMs, workerStalledIntervalMs: Math.max(250, Math.round(lockMs / 2)) } : {}),
    ...(slackTimeoutMs ? { slackTimeoutMs } : {}),
    ...(relayStaleMs ? { relayStaleMs } : {}),
    ...(intakeFallbackMs ? { intakeFallbackMs } : {}),
  });
  process.stdout.write(`ready ${app.port}\n`);
  process.on('SIGTERM', () => void app.stop().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
