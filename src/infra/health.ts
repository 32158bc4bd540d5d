/** GET /healthz (the process is up) and GET /readyz (Redis writable and durable, Slack auth passed). */
import type { ServerResponse } from 'node:http';

/** A failed check that says why (shown in /readyz under `reasons`). */
export interface NotReady {
  ok: false;
  reason: string;
}

export interface ReadinessCheck {
  name: string;
  check(): Promise<boolean | NotReady>;
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export function healthRoutes(checks: ReadinessCheck[], timeoutMs = 1000) {
  const run = async (c: ReadinessCheck) => {
    const timeout = new Promise<NotReady>((resolve) =>
      setTimeout(() => resolve({ ok: false, reason: `no answer within ${timeoutMs} ms` }), timeoutMs).unref(),
    );
    const failed = (error: unknown): NotReady => ({ ok: false, reason: error instanceof Error ? error.message : String(error) });
    return [c.name, await Promise.race([c.check().catch(failed), timeout])] as const;
  };
  return [
    { path: '/healthz', method: ['GET'], handler: (_req: unknown, res: ServerResponse) => json(res, 200, { ok: true }) },
    {
      path: '/readyz',
      method: ['GET'],
      handler: (_req: unknown, res: ServerResponse) => {
        void Promise.all(checks.map(run)).then((results) => {
          const passed = (r: boolean | NotReady) => r === true;
          const ok = results.every(([, r]) => passed(r));
          const reasons = Object.fromEntries(results.flatMap(([name, r]) => (typeof r === 'object' ? [[name, r.reason]] : [])));
          json(res, ok ? 200 : 503, {
            ok,
            checks: Object.fromEntries(results.map(([name, r]) => [name, passed(r)])),
            ...(Object.keys(reasons).length > 0 ? { reasons } : {}),
          });
        });
      },
    },
  ];
}
