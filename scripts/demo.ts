/** `npm run demo`: Kuittaus without a Slack workspace. See scripts/demo/run-demo.ts. */
import { runDemo } from './demo/run-demo';

runDemo({ redisUrl: process.env.REDIS_URL, write: (line) => process.stdout.write(`${line}\n`) }).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`The demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
