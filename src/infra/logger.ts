/** pino, configured once. Client message text is logged only at debug (under the `text` key). */
import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'kuittaus' },
      redact: { paths: ['token', '*.token', 'headers.authorization'], censor: '[redacted]' },
    },
    destination,
  );
}
