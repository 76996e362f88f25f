import { Schema, type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConnection } from '../support/mongo.js';

describe('indexes and duplicate keys', () => {
  let conn: Connection;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ conn, cleanup } = await testConnection('idx'));
  });
  afterAll(() => cleanup());

  it('reports E11000 with keyPattern and keyValue in writeErrors; unordered inserts continue', async () => {
    const Member = conn.model('Member', new Schema({ tgId: { type: Number, unique: true }, name: String }));
    await Member.init();
    await Member.create({ tgId: 1, name: 'a' });
    const err = await Member.insertMany([{ tgId: 2 }, { tgId: 1 }, { tgId: 3 }, { tgId: 2 }], {
      ordered: false,
    }).catch(
      (e: unknown) =>
        e as {
          code: number;
          writeErrors: {
            index: number;
            err: { code: number; keyPattern: unknown; keyValue: unknown; errmsg: string };
          }[];
          insertedDocs: unknown[];
        },
    );
    expect(err).toMatchObject({ code: 11000 });
    const wes = (
      err as {
        writeErrors: {
          index: number;
          err: { code: number; keyPattern: unknown; keyValue: unknown; errmsg: string };
        }[];
      }
    ).writeErrors;
    expect(wes.map((w) => w.index)).toEqual([1, 3]);
    expect(wes[0]!.err).toMatchObject({ code: 11000 });
    expect(wes[0]!.err.errmsg).toMatch(
      /E11000 duplicate key error collection: .*members index: tgId_1 dup key/,
    );
    expect(await Member.countDocuments()).toBe(3);
    // The driver's bulk result keeps only code and errmsg; the raw reply carries the key.
    const raw = await conn.db!.command({ insert: 'members', documents: [{ tgId: 1 }] });
    expect(raw).toMatchObject({ ok: 1, n: 0 });
    expect(raw.writeErrors).toEqual([
      expect.objectContaining({ index: 0, code: 11000, keyPattern: { tgId: 1 }, keyValue: { tgId: 1 } }),
    ]);
  });

  it('stops an ordered insert at the first duplicate', async () => {
    const coll = conn.db!.collection('ordered');
    await coll.createIndex({ k: 1 }, { unique: true });
    await expect(coll.insertMany([{ k: 1 }, { k: 1 }, { k: 2 }])).rejects.toMatchObject({ code: 11000 });
    expect(await coll.countDocuments()).toBe(1);
  });

  it('puts the duplicate-key error at top level for findAndModify, and on _id', async () => {
    const coll = conn.db!.collection('fam');
    await coll.createIndex({ email: 1 }, { unique: true });
    await coll.insertMany([{ email: 'a@x' }, { email: 'b@x' }]);
    await expect(coll.findOneAndUpdate({ email: 'b@x' }, { $set: { email: 'a@x' } })).rejects.toMatchObject({
      code: 11000,
      keyPattern: { email: 1 },
      keyValue: { email: 'a@x' },
    });
    await expect(coll.insertOne({ _id: 'same' as never })).resolves.toBeTruthy();
    await expect(coll.insertOne({ _id: 'same' as never })).rejects.toMatchObject({
      code: 11000,
      keyValue: { _id: 'same' },
    });
    await expect(
      coll.updateOne({ email: 'c@x' }, { $set: { email: 'a@x' } }, { upsert: true }),
    ).rejects.toMatchObject({ code: 11000 });
  });

  it('compound unique indexes compare the whole tuple', async () => {
    const coll = conn.db!.collection('compound');
    await coll.createIndex({ branch: 1, user: 1 }, { unique: true });
    await coll.insertMany([
      { branch: 1, user: 1 },
      { branch: 1, user: 2 },
      { branch: 2, user: 1 },
    ]);
    await expect(coll.insertOne({ branch: 1, user: 2 })).rejects.toMatchObject({
      keyValue: { branch: 1, user: 2 },
    });
  });

  it('sparse unique indexes skip missing fields; non-sparse treat missing as null', async () => {
    const sparse = conn.db!.collection('sparse');
    await sparse.createIndex({ code: 1 }, { unique: true, sparse: true });
    await sparse.insertMany([{ a: 1 }, { a: 2 }, { code: 'x' }]);
    await expect(sparse.insertOne({ code: 'x' })).rejects.toMatchObject({ code: 11000 });
    const dense = conn.db!.collection('dense');
    await dense.createIndex({ code: 1 }, { unique: true });
    await dense.insertOne({ a: 1 });
    await expect(dense.insertOne({ a: 2 })).rejects.toMatchObject({ code: 11000, keyValue: { code: null } });
  });

  it('partial unique indexes only constrain matching documents', async () => {
    const coll = conn.db!.collection('partial');
    await coll.createIndex({ user: 1 }, { unique: true, partialFilterExpression: { active: true } });
    await coll.insertMany([
      { user: 1, active: false },
      { user: 1, active: false },
      { user: 1, active: true },
    ]);
    await expect(coll.insertOne({ user: 1, active: true })).rejects.toMatchObject({ code: 11000 });
    await expect(coll.updateOne({ active: false }, { $set: { active: true } })).rejects.toMatchObject({
      code: 11000,
    });
    expect(await coll.countDocuments({ user: 1, active: true })).toBe(1);
  });

  it('refuses a unique index over existing duplicates; lists and drops indexes', async () => {
    const coll = conn.db!.collection('build');
    await coll.insertMany([{ k: 1 }, { k: 1 }]);
    await expect(coll.createIndex({ k: 1 }, { unique: true })).rejects.toMatchObject({ code: 11000 });
    await coll.createIndex({ k: 1 }, { name: 'k_plain' });
    expect((await coll.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'k_plain']);
    await coll.dropIndex('k_plain');
    expect((await coll.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
  });

  it('finds by indexed equality after updates move a document between keys', async () => {
    const coll = conn.db!.collection('moves');
    await coll.createIndex({ slot: 1 }, { unique: true });
    await coll.insertMany([
      { slot: 'a', n: 1 },
      { slot: 'b', n: 2 },
    ]);
    await coll.updateOne({ slot: 'a' }, { $set: { slot: 'c' } });
    await coll.deleteOne({ slot: 'b' });
    await coll.insertOne({ slot: 'a', n: 3 });
    expect((await coll.findOne({ slot: 'c' }))?.n).toBe(1);
    expect((await coll.findOne({ slot: 'a' }))?.n).toBe(3);
    expect(await coll.findOne({ slot: 'b' })).toBeNull();
  });
});
