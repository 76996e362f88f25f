import { createServer, request, type Server } from 'node:http';

/** A port free right now on 127.0.0.1 (for a process that must know its port before it starts). */
export { freePort } from '../../src/local-redis/index.js';

/**
 * The load balancer in front of the bot replicas in webhook mode: each POST goes to the next replica
 * in turn; a replica that does not answer (killed) is skipped, and when none answers Telegram's
 * request gets 502 (and is sent again, as Telegram does).
 */
export async function startWebhookProxy(targets: () => number[]) {
  let turn = 0;
  const forward = (port: number, path: string, headers: Record<string, string>, body: Buffer) =>
    new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end(body);
    });
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
      const ports = targets();
      for (let i = 0; i < ports.length; i++) {
        const port = ports[turn++ % ports.length]!;
        try {
          const r = await forward(port, req.url ?? '/', headers, Buffer.concat(chunks));
          res.writeHead(r.status, { 'content-type': 'application/json' }).end(r.body);
          return;
        } catch {
          // This replica is gone: the next one.
        }
      }
      res.writeHead(502).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}
