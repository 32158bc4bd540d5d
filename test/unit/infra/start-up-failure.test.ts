/** startUpFailureLine: one line that says what went wrong and what to do. */
import { startUpFailureLine } from '../../../src/infra/start-up-failure';

const listenError = (code: string, port?: number) => Object.assign(new Error(`listen ${code}: address already in use :::${port}`), { code, syscall: 'listen', ...(port ? { port } : {}) });

it.each<[string, unknown, number | undefined, string]>([
  ['the port taken', listenError('EADDRINUSE', 3000), 3000, 'Kuittaus failed to start: PORT 3000 is already in use by another process. Stop that process or set PORT to a free port (Socket Mode serves /healthz, /readyz and /metrics there too).'],
  ['the port taken (no port on the error)', listenError('EADDRINUSE'), 8080, 'Kuittaus failed to start: PORT 8080 is already in use by another process. Stop that process or set PORT to a free port (Socket Mode serves /healthz, /readyz and /metrics there too).'],
  ['a privileged port', listenError('EACCES', 80), 80, 'Kuittaus failed to start: this user may not listen on PORT 80 (ports below 1024 need privileges). Set PORT to 1024 or above.'],
  ['any other error', new Error('Redis at redis://127.0.0.1:1 did not answer within 10000 ms'), 3000, 'Kuittaus failed to start: Redis at redis://127.0.0.1:1 did not answer within 10000 ms'],
  ['a message on several lines', new Error('first\n  second'), 3000, 'Kuittaus failed to start: first second'],
  ['not an Error', 'boom', undefined, 'Kuittaus failed to start: boom'],
])('%s', (_what, error, port, line) => {
  expect(startUpFailureLine(error, port)).toBe(line);
});
