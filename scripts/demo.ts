/** `npm run demo`: Kuittaus without a Slack workspace. See scripts/demo/run-demo.ts. */
import { runDemo } from './demo/run-demo';
import { colourise } from './demo/transcript';

const colour = process.stdout.isTTY && !process.env.NO_COLOR;
/** `npm run demo -- --lang fi`: the channel speaks Finnish. */
const langArg = process.argv.indexOf('--lang');
const lang = langArg >= 0 ? process.argv[langArg + 1] : 'en';
if (lang !== 'en' && lang !== 'fi') {
  process.stderr.write(`--lang must be en or fi, got ${String(lang)}\n`);
  process.exit(2);
}

runDemo({
  redisUrl: process.env.REDIS_URL || undefined,
  lang,
  write: (block) => process.stdout.write(`${colour ? block.split('\n').map(colourise).join('\n') : block}\n`),
}).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`The demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
