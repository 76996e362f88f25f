/**
 * Throughput of the embedded MongoDB-compatible server through mongoose, sequential operations
 * from one client, at 1,000 and at 100,000 documents in the collection. The server runs as its own
 * process (`src/mongo-embedded/cli.ts`) on a temporary dbpath; set MONGODB_URI to measure another
 * server instead. Prints a table of ops/s.
 */
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBenchStore } from './support/store.js';
import mongoose, { Schema, type Connection, type Types } from 'mongoose';

const SIZES = [1_000, 100_000];
const OPS = Number(process.env.BENCH_OPS ?? 2_000);

const schema = new Schema({
  key: { type: String, unique: true },
  n: { type: Number, default: 0 },
  payload: String,
});
const payload = 'p'.repeat(120);

async function timed(ops: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < ops; i++) await fn(i);
  const secs = Number(process.hrtime.bigint() - start) / 1e9;
  return ops / secs;
}

async function measure(
  conn: Connection,
  size: number,
  name = `items_${size}`,
): Promise<Record<string, number>> {
  const Item = conn.model(name, schema, name);
  await Item.init();
  for (let done = 0; done < size; done += 10_000) {
    const n = Math.min(10_000, size - done);
    await Item.insertMany(
      Array.from({ length: n }, (_, i) => ({ key: `k${done + i}`, payload })),
      { lean: true },
    );
  }
  const ids = (await Item.find({}, { _id: 1 }).lean()).map((d) => d._id as Types.ObjectId);
  const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)]!;
  const r: Record<string, number> = {};
  // The floor every operation stands on: one round trip through the driver, no mongoose.
  r['ping (round trip, no mongoose)'] = await timed(OPS, () => conn.db!.admin().ping());
  r['create'] = await timed(OPS, (i) => Item.create({ key: `new${i}`, payload }));
  r['findById (lean)'] = await timed(OPS, () => Item.findById(pick(ids)).lean());
  r['findOne unique field (lean)'] = await timed(OPS, () =>
    Item.findOne({ key: `k${Math.floor(Math.random() * size)}` }).lean(),
  );
  r['updateOne $inc'] = await timed(OPS, () => Item.updateOne({ _id: pick(ids) }, { $inc: { n: 1 } }));
  // Not a target, but shows the group commit: concurrent writes share one fdatasync.
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: 16 }, (_, w) =>
      timed(Math.ceil(OPS / 16), (i) => Item.create({ key: `par${w}_${i}`, payload })),
    ),
  );
  r['create, 16 concurrent clients'] =
    (Math.ceil(OPS / 16) * 16) / (Number(process.hrtime.bigint() - start) / 1e9);
  const batch = Array.from({ length: 10_000 }, (_, i) => ({ key: `many${i}`, payload }));
  r['insertMany 10,000 (docs/s)'] = (await timed(1, () => Item.insertMany(batch, { lean: true }))) * 10_000;
  return r;
}

/** What one durable write costs on this disk: every acknowledged write waits for one of these. */
function fdatasyncMs(): number {
  const dir = mkdtempSync(join(tmpdir(), 'bench-fsync-'));
  const fd = openSync(join(dir, 'probe'), 'w');
  const buf = Buffer.alloc(300, 1);
  writeSync(fd, Buffer.alloc(1 << 20));
  const start = process.hrtime.bigint();
  for (let i = 0; i < 200; i++) {
    writeSync(fd, buf, 0, buf.length, i * buf.length);
    fdatasyncSync(fd);
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6 / 200;
  closeSync(fd);
  rmSync(dir, { recursive: true, force: true });
  return ms;
}

const server = await startBenchStore('mongo');
const conn = await mongoose.createConnection(server.uri, { dbName: `bench_${Date.now()}` }).asPromise();
try {
  const results = new Map<number, Record<string, number>>();
  // Warm up both processes' JIT first, so the first column is not measuring a cold start.
  await measure(conn, 1_000, 'warmup');
  for (const size of SIZES) results.set(size, await measure(conn, size));
  const rows = Object.keys(results.get(SIZES[0]!)!);
  const fmt = (v: number) => Math.round(v).toLocaleString('en-US').padStart(12);
  console.log(`\nembedded MongoDB through mongoose, ${OPS} sequential ops each (ops/s)`);
  console.log(
    `${'operation'.padEnd(32)}${SIZES.map((s) => `${s.toLocaleString('en-US')} docs`.padStart(14)).join('')}`,
  );
  for (const row of rows)
    console.log(`${row.padEnd(32)}${SIZES.map((s) => `  ${fmt(results.get(s)![row]!)}`).join('')}`);
  for (const row of ['findById (lean)', 'findOne unique field (lean)']) {
    const ratio = results.get(SIZES[1]!)![row]! / results.get(SIZES[0]!)![row]!;
    console.log(`${row} at 100,000 vs 1,000: ${(ratio * 100).toFixed(0)}%`);
  }
  console.log(
    `write + fdatasync on this disk now: ${fdatasyncMs().toFixed(2)} ms (bounds sequential writes)`,
  );
} finally {
  await conn.dropDatabase().catch(() => undefined);
  await conn.close();
  await server.stop();
}
