/** A plain HTTP server for a few fixed routes (/healthz, /readyz) where no Bolt HTTP receiver runs (Socket Mode). */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Route {
  path: string;
  method: string | string[];
  handler(req: IncomingMessage, res: ServerResponse): void;
}

/** Listens on `port` (0: any free port); anything but a listed route answers 404. */
export async function serveRoutes(routes: readonly Route[], port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = routes.find((r) => r.path === path && [r.method].flat().includes(req.method ?? ''));
    if (route) return route.handler(req, res);
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

export function boundPort(server: Server): number {
  return (server.address() as AddressInfo).port;
}

export function closeServer(server: Server): Promise<void> {
  server.closeIdleConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
