/** The one line `npm start` prints when start-up fails, in either mode: what went wrong and what to do. */

interface ListenError {
  code?: string;
  syscall?: string;
  port?: number;
}

export function startUpFailureLine(error: unknown, configuredPort: number | undefined): string {
  const listen = error as ListenError | undefined;
  const port = listen?.port ?? configuredPort;
  if (listen?.syscall === 'listen' && listen.code === 'EADDRINUSE') {
    return `Kuittaus failed to start: PORT ${port} is already in use by another process. Stop that process or set PORT to a free port (Socket Mode serves /healthz, /readyz and /metrics there too).`;
  }
  if (listen?.syscall === 'listen' && listen.code === 'EACCES') {
    return `Kuittaus failed to start: this user may not listen on PORT ${port} (ports below 1024 need privileges). Set PORT to 1024 or above.`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `Kuittaus failed to start: ${message.replace(/\s*\n\s*/g, ' ')}`;
}
