import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { registry } from './metrics.js';

/** A readiness check: resolves true when its part answers. */
export type Check = () => Promise<boolean> | boolean;

/**
 * The process's HTTP face: /healthz (the process is alive), /readyz (MongoDB and Redis answer,
 * ingestion runs; 503 otherwise, naming what is not ready), /metrics (Prometheus). In webhook mode
 * the bot adds its webhook route through `routes`.
 */
export async function startOpsServer(opts: {
  port: number;
  host?: string;
  log: Logger;
  checks: Record<string, Check>;
  routes?: (app: FastifyInstance) => void;
}) {
  const app = Fastify({ logger: false, bodyLimit: 1 << 20 });
  app.get('/healthz', async () => ({ ok: true }));
  app.get('/readyz', async (_req, reply) => {
    const results = await Promise.all(
      Object.entries(opts.checks).map(async ([name, check]) => {
        try {
          return [name, await withTimeout(Promise.resolve(check()), 2_000)] as const;
        } catch {
          return [name, false] as const;
        }
      }),
    );
    const notReady = results.filter(([, ok]) => !ok).map(([name]) => name);
    return reply.code(notReady.length ? 503 : 200).send({ ready: notReady.length === 0, notReady });
  });
  app.get('/metrics', async (_req, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
  opts.routes?.(app);
  await app.listen({ port: opts.port, host: opts.host ?? '0.0.0.0' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  opts.log.info({ port }, 'ops server listening (/healthz, /readyz, /metrics)');
  return { port, close: () => app.close() };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms);
    p.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e as Error)),
    );
  });
}
