/** pino, configured once. Client message text is logged only at debug (under the `text` key). */
import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * pino's error serializer, except that a Redis command an error carries (ioredis sets
 * `err.command = { name, args }`, and Bolt wraps it as `err.original`) keeps its name but not its
 * arguments: they are the keys and values written, client text included.
 */
export function serializeError(error: unknown): unknown {
  return redactCommands(pino.stdSerializers.err(error as Error), new WeakSet());
}

function redactCommands(value: unknown, seen: WeakSet<object>): unknown {
  if (typeof value !== 'object' || value === null || seen.has(value)) return value;
  seen.add(value);
  const record = value as Record<string, unknown>;
  for (const [key, inner] of Object.entries(record)) {
    if (key === 'command' && typeof inner === 'object' && inner !== null && Array.isArray((inner as { args?: unknown }).args)) {
      const args = (inner as { args: unknown[] }).args;
      record[key] = { ...inner, args: `[${args.length} arguments redacted]` };
    } else {
      redactCommands(inner, seen);
    }
  }
  return value;
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'kuittaus' },
      redact: { paths: ['token', '*.token', 'headers.authorization'], censor: '[redacted]' },
      serializers: { err: serializeError },
    },
    destination,
  );
}
