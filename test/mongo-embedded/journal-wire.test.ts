import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decimal128, Double, Int32, Long, ObjectId } from 'bson';
import mongoose from 'mongoose';
import { afterAll, describe, expect, it } from 'vitest';
import { withEmbeddedStore } from '../support/embedded-store.js';

const dir = mkdtempSync(join(tmpdir(), 'mongo-embedded-journal-wire-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const withDb = <T>(fn: (db: mongoose.mongo.Db) => Promise<T>) =>
  withEmbeddedStore({ dbpath: dir }, 'wire', fn);

// Inserted documents are journaled as the client sent them (with `_id` moved first): after a
// restart (journal replay) they read back exactly as they did before.
describe('journaled inserts', () => {
  it('replay to the documents the server stored, whatever the position of _id and the number types', async () => {
    const docs = [
      { a: new Double(1), b: new Int32(2), c: Long.fromNumber(3), _id: new ObjectId() },
      { _id: 'first', big: Long.fromString('123456789012345678'), d: Decimal128.fromString('1.50') },
      { x: { y: [1, 'two', { z: new Date(7) }] }, 5: 'five', _id: 42, n: null },
      { no: 'id given' },
    ];
    const before = await withDb(async (db) => {
      const c = db.collection('w');
      await c.insertMany(docs.map((d) => ({ ...d })) as never[]);
      return c.find({}, { promoteLongs: false }).sort({ $natural: 1 }).toArray();
    });
    const after = await withDb((db) =>
      db.collection('w').find({}, { promoteLongs: false }).sort({ $natural: 1 }).toArray(),
    );
    expect(after).toEqual(before);
    expect(after.map((d) => Object.keys(d)[0])).toEqual(['_id', '_id', '5', '_id']);
  });
});
