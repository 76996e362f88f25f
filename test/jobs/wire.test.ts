import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { redisConnection } from '../../jobs/queues.js';

const redis = redisConnection(inject('redisUrl'));
afterAll(() => redis.quit());

/** A Bot API stand-in that records each request's declared and received length. */
async function server() {
  const seen: { path: string; declared: number; received: number }[] = [];
  const srv = http.createServer((req, res) => {
    let received = 0;
    const path = req.url ?? '';
    const declared = Number(req.headers['content-length']);
    req.on('data', (c: Buffer) => (received += c.length));
    const done = () => seen.push({ path, declared, received });
    req.on('end', () => {
      done();
      res.end('{"ok":true,"result":true}');
    });
    req.on('error', done);
  });
  await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise((ok) => srv.close(ok)),
  };
}

function child(url: string, marker: string, when: 'before' | 'after', size: number, socket = 'warm') {
  const p = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'test/support/wire-child.ts',
      url,
      inject('redisUrl'),
      marker,
      when,
      String(size),
      socket,
    ],
    { stdio: 'inherit' },
  );
  return new Promise<NodeJS.Signals | null>((ok) => p.on('exit', (_code, signal) => ok(signal)));
}

describe("the sender's wire step under SIGKILL (the split jobs/wire.ts relies on)", () => {
  for (const [size, socket] of [
    [200, 'warm'],
    [200_000, 'warm'],
    [200, 'fresh'],
  ] as const)
    it(`killed right after the wire step (${socket} socket): the marker is in Redis and the whole request (${size} bytes) arrived`, async () => {
      const s = await server();
      const marker = `t-wire:${randomUUID()}`;
      try {
        expect(await child(s.url, marker, 'after', size, socket)).toBe('SIGKILL');
        await new Promise((ok) => setTimeout(ok, 300));
      } finally {
        await s.close();
      }
      const sends = s.seen.filter((r) => r.path === '/sendMessage');
      expect(sends).toHaveLength(1);
      expect(sends[0]!.received).toBe(sends[0]!.declared);
      expect(sends[0]!.declared).toBeGreaterThan(size);
      expect(await redis.get(marker)).toBe('written');
    });

  it('killed before the wire step: no marker and nothing arrived, so sending again cannot duplicate', async () => {
    const s = await server();
    const marker = `t-wire:${randomUUID()}`;
    try {
      expect(await child(s.url, marker, 'before', 200)).toBe('SIGKILL');
      await new Promise((ok) => setTimeout(ok, 300));
    } finally {
      await s.close();
    }
    expect(s.seen.map((r) => r.path)).toEqual(['/warm']);
    expect(await redis.get(marker)).toBeNull();
  });
});
