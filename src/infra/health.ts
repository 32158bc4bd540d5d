/** GET /healthz (the process is up) and GET /readyz (Redis answers, Slack auth passed). */
import type { ServerResponse } from 'node:http';

export interface ReadinessCheck {
  name: string;
  check(): Promise<boolean>;
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export function healthRoutes(checks: ReadinessCheck[], timeoutMs = 1000) {
  const run = async (c: ReadinessCheck) => {
    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
    return [c.name, await Promise.race([c.check().catch(() => false), timeout])] as const;
  };
  return [
    { path: '/healthz', method: ['GET'], handler: (_req: unknown, res: ServerResponse) => json(res, 200, { ok: true }) },
    {
      path: '/readyz',
      method: ['GET'],
      handler: (_req: unknown, res: ServerResponse) => {
        void Promise.all(checks.map(run)).then((results) => {
          const detail = Object.fromEntries(results);
          json(res, results.every(([, ok]) => ok) ? 200 : 503, { ok: results.every(([, ok]) => ok), checks: detail });
        });
      },
    },
  ];
}
