import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { afterAll, describe, expect, it } from 'vitest';
import { withEmbeddedStore } from '../support/embedded-store.js';

const dir = mkdtempSync(join(tmpdir(), 'mongo-embedded-recovery-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A tiny compaction threshold, so the run goes through several snapshot + journal cycles.
const withServer = <T>(fn: (db: mongoose.mongo.Db) => Promise<T>) =>
  withEmbeddedStore({ dbpath: dir, compactBytes: 20_000 }, 'rec', fn);

describe('snapshot and journal recovery', () => {
  it('restores documents, updates, deletes, indexes and drops across compactions and restarts', async () => {
    await withServer(async (db) => {
      const members = db.collection('members');
      await members.createIndex({ tg: 1 }, { unique: true, name: 'tg_unique' });
      await members.insertMany(Array.from({ length: 300 }, (_, i) => ({ tg: i, name: `m${i}`, pts: 0 })));
      for (let i = 0; i < 100; i++) await members.updateOne({ tg: i }, { $inc: { pts: i } });
      await members.deleteMany({ tg: { $gte: 250 } });
      await db.collection('scratch').insertOne({ x: 1 });
      await db.collection('scratch').drop();
      await db.collection('other').insertOne({ _id: 'keep' as never, when: new Date(0) });
      await db.collection('catalog').insertOne({ _id: 'named-like-the-catalog-file' as never });
      await members.createIndex({ name: 1 }, { name: 'name_ix' });
      await members.dropIndex('name_ix');
      await members.createIndex({ name: 1 }, { name: 'name_ix', unique: true });
      for (let i = 0; i < 100; i++) await members.updateOne({ tg: 200 + (i % 10) }, { $inc: { pts: 1 } });
    });
    await withServer(async (db) => {
      const members = db.collection('members');
      expect(await members.countDocuments()).toBe(250);
      expect(await members.findOne({ tg: 42 }, { projection: { _id: 0 } })).toEqual({
        tg: 42,
        name: 'm42',
        pts: 42,
      });
      expect(await members.findOne({ tg: 260 })).toBeNull();
      expect((await members.listIndexes().toArray()).map((i) => [i.name, !!i.unique])).toEqual([
        ['_id_', false],
        ['tg_unique', true],
        ['name_ix', true],
      ]);
      expect((await members.findOne({ tg: 203 }))?.pts).toBe(10);
      expect(await db.collection('catalog').countDocuments()).toBe(1);
      await expect(members.insertOne({ tg: 1 })).rejects.toMatchObject({ code: 11000 });
      expect((await db.listCollections().toArray()).map((c) => c.name).sort()).toEqual([
        'catalog',
        'members',
        'other',
      ]);
      expect(await db.collection('other').findOne({ _id: 'keep' as never })).toEqual({
        _id: 'keep',
        when: new Date(0),
      });
      await db.dropDatabase();
    });
    await withServer(async (db) => {
      expect(await db.listCollections().toArray()).toEqual([]);
    });
  });
});
