import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { afterAll, describe, expect, it } from 'vitest';
import { killStrays, spawnServer } from './cli-process.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'mongo-embedded-crash-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  killStrays();
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

async function connect(uri: string) {
  return mongoose.createConnection(uri, { dbName: 'crash', serverSelectionTimeoutMS: 5000 }).asPromise();
}

describe('the server as a process', () => {
  it('prints one ready line, refuses a second process on its dbpath, and stops cleanly on SIGTERM', async () => {
    const dir = tempDir();
    const server = await spawnServer(dir);
    expect(server.stdout()).toBe(`${server.stdout().split('\n')[0]}\n`);
    const second = await spawnServer(dir).then(
      () => ({ code: -1, stderr: 'started' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/in use by another mongo-embedded process/);

    const conn = await connect(server.uri);
    await conn.db!.collection('c').insertOne({ _id: 'kept' as never });
    await conn.close();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(existsSync(join(dir, 'mongod.lock'))).toBe(false);

    const again = await spawnServer(dir);
    const conn2 = await connect(again.uri);
    expect(await conn2.db!.collection('c').findOne({ _id: 'kept' as never })).toEqual({ _id: 'kept' });
    await conn2.close();
    again.child.kill('SIGTERM');
    await again.exited;
  });

  it('keeps every acknowledged write after SIGKILL during a write burst', async () => {
    const dir = tempDir();
    // A small journal threshold makes the burst run through several snapshots (compactions).
    const server = await spawnServer(dir, ['--compact-bytes', '40000']);
    const conn = await connect(server.uri);
    const coll = conn.db!.collection('burst');
    await coll.createIndex({ seq: 1 }, { unique: true });
    const acked: number[] = [];
    let lastCounter = 0;
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const seq = w * 1_000_000 + i;
        try {
          await coll.insertOne({ _id: `d${seq}` as never, seq, payload: 'x'.repeat(200) });
          acked.push(seq);
          const r = await coll.findOneAndUpdate(
            { _id: 'counter' as never },
            { $inc: { n: 1 } },
            { upsert: true, returnDocument: 'after' },
          );
          lastCounter = Math.max(lastCounter, r!.n as number);
        } catch {
          return; // the server died under us: this write was not acknowledged
        }
      }
    };
    const writers = Array.from({ length: 6 }, (_, w) => writer(w));
    await new Promise((r) => setTimeout(r, 200));
    while (acked.length < 300) await new Promise((r) => setTimeout(r, 20));
    server.child.kill('SIGKILL');
    stop = true;
    await server.exited;
    await Promise.all(writers);
    await conn.close(true).catch(() => undefined);

    const again = await spawnServer(dir);
    const conn2 = await connect(again.uri);
    const stored = new Set(
      (
        await conn2
          .db!.collection('burst')
          .find({ seq: { $exists: true } })
          .toArray()
      ).map((d) => d.seq as number),
    );
    const missing = acked.filter((s) => !stored.has(s));
    expect(missing).toEqual([]);
    const counter = await conn2.db!.collection('burst').findOne({ _id: 'counter' as never });
    expect(counter!.n).toBeGreaterThanOrEqual(lastCounter);
    // The unique index came back too.
    await expect(conn2.db!.collection('burst').insertOne({ seq: acked[0] })).rejects.toMatchObject({
      code: 11000,
    });
    await conn2.close();
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  });
});
