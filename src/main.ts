/** `npm start`: load config (listing every problem), start Kuittaus, drain on SIGTERM/SIGINT. */
import { ConfigError, loadConfig } from './config';
import { routeLibraryWarnings } from './infra/library-warnings';
import { createLogger } from './infra/logger';
import { startUpFailureLine } from './infra/start-up-failure';
import { startKuittaus } from './kuittaus';

let configuredPort: number | undefined;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every variable.\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  configuredPort = config.http.port;
  const log = createLogger(config.logLevel);
  // Before anything connects: BullMQ's and ioredis's console warnings go into the JSON log, once.
  routeLibraryWarnings(log);
  // Listening for signals before start-up: a SIGTERM that comes while it starts (a deploy rolling
  // on) waits for it and then drains, instead of killing the process half-way.
  let requested: string | undefined;
  const app: { running?: Awaited<ReturnType<typeof startKuittaus>> } = {};
  const shutdown = (signal: string) => {
    requested = signal;
    if (!app.running) return;
    log.info({ signal }, 'shutdown requested');
    app.running.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  app.running = await startKuittaus(config, { log });
  if (requested) shutdown(requested);
}

main().catch((error: unknown) => {
  process.stderr.write(`${startUpFailureLine(error, configuredPort)}\n`);
  process.exit(1);
});
