import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/mongo-embedded/index.js';

// Idle cursors expire (10 minutes by default, as in MongoDB); here the limit is shortened.
describe('idle cursor expiry on the embedded server', () => {
  let server: EmbeddedMongo;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mongo-embedded-cursors-'));
    server = await startEmbeddedMongo({ dbpath: dir, cursorTimeoutMs: 400 });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 43 CursorNotFound for a cursor left idle past the timeout, not for a busy one', async () => {
    const conn = await mongoose.createConnection(server.uri, { dbName: 'cur' }).asPromise();
    try {
      const db = conn.db!;
      await db.collection('c').insertMany(Array.from({ length: 100 }, (_, i) => ({ i })));
      const busy = await db.command({ find: 'c', filter: {}, batchSize: 1 });
      const idle = await db.command({ find: 'c', filter: {}, batchSize: 1 });
      for (let k = 0; k < 30; k++) {
        await new Promise((r) => setTimeout(r, 25));
        await db.command({ getMore: busy.cursor.id, collection: 'c', batchSize: 1 });
      }
      await expect(db.command({ getMore: idle.cursor.id, collection: 'c' })).rejects.toMatchObject({
        code: 43,
      });
    } finally {
      await conn.close();
    }
  });
});
