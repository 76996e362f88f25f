import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/mongo-embedded/index.js';

// The embedded server's own TTL monitor, run fast (a real MongoDB sweeps every 60 s).
describe('TTL indexes on the embedded server', () => {
  let server: EmbeddedMongo;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mongo-embedded-ttl-'));
    server = await startEmbeddedMongo({ dbpath: dir, ttlIntervalMs: 50 });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('removes documents whose indexed date is older than expireAfterSeconds', async () => {
    const conn = await mongoose.createConnection(server.uri, { dbName: 'ttl' }).asPromise();
    try {
      const coll = conn.db!.collection('sessions');
      await coll.createIndex({ at: 1 }, { expireAfterSeconds: 60 });
      const now = Date.now();
      await coll.insertMany([
        { name: 'old', at: new Date(now - 120_000) },
        { name: 'fresh', at: new Date(now) },
        { name: 'no-date', at: 'not a date' },
      ]);
      const deadline = Date.now() + 5000;
      while ((await coll.countDocuments({ name: 'old' })) > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 25));
      }
      expect((await coll.find({}, { sort: { name: 1 } }).toArray()).map((d) => d.name)).toEqual([
        'fresh',
        'no-date',
      ]);
    } finally {
      await conn.close();
    }
  });
});
