import { type Connection } from 'mongoose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testConnection } from '../support/mongo.js';

describe('update and upsert results', () => {
  let conn: Connection;
  let cleanup: () => Promise<void>;
  let n = 0;
  const coll = () => conn.db!.collection(`u${n}`);
  beforeAll(async () => {
    ({ conn, cleanup } = await testConnection('upd'));
  });
  beforeEach(() => {
    n++;
  });
  afterAll(() => cleanup());

  it('reports matched and modified counts; a no-op update modifies nothing', async () => {
    await coll().insertMany([
      { k: 1, v: 1 },
      { k: 1, v: 2 },
      { k: 2, v: 1 },
    ]);
    expect(await coll().updateMany({ k: 1 }, { $set: { v: 2 } })).toMatchObject({
      matchedCount: 2,
      modifiedCount: 1,
      upsertedCount: 0,
    });
    expect(await coll().updateOne({ k: 9 }, { $set: { v: 2 } })).toMatchObject({
      matchedCount: 0,
      modifiedCount: 0,
      upsertedId: null,
    });
  });

  it('seeds an upsert from the filter equality fields and applies $setOnInsert only on insert', async () => {
    const r = await coll().updateOne(
      { code: 'A', 'meta.kind': { $eq: 'x' }, n: { $gt: 5 }, $and: [{ branch: 7 }] },
      { $set: { v: 1 }, $setOnInsert: { created: true } },
      { upsert: true },
    );
    expect(r).toMatchObject({ matchedCount: 0, modifiedCount: 0, upsertedCount: 1 });
    const doc = await coll().findOne({ _id: r.upsertedId! });
    expect(doc).toEqual({
      _id: r.upsertedId,
      code: 'A',
      meta: { kind: 'x' },
      branch: 7,
      v: 1,
      created: true,
    });
    const again = await coll().updateOne(
      { code: 'A' },
      { $set: { v: 2 }, $setOnInsert: { created: false } },
      { upsert: true },
    );
    expect(again).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
    expect(await coll().findOne({ code: 'A' })).toMatchObject({ v: 2, created: true });
  });

  it('uses the filter _id for an upserted document', async () => {
    const r = await coll().updateOne({ _id: 'fixed' as never }, { $inc: { hits: 1 } }, { upsert: true });
    expect(r.upsertedId).toBe('fixed');
    expect(await coll().findOne({ _id: 'fixed' as never })).toEqual({ _id: 'fixed', hits: 1 });
  });

  it('replaces a whole document but keeps its _id', async () => {
    const { insertedId } = await coll().insertOne({ a: 1, b: 2 });
    expect(await coll().replaceOne({ _id: insertedId }, { c: 3 })).toMatchObject({
      matchedCount: 1,
      modifiedCount: 1,
    });
    expect(await coll().findOne({ _id: insertedId })).toEqual({ _id: insertedId, c: 3 });
    const up = await coll().replaceOne({ name: 'new' }, { name: 'new', d: 4 }, { upsert: true });
    expect(await coll().findOne({ _id: up.upsertedId! })).toEqual({ _id: up.upsertedId, name: 'new', d: 4 });
  });

  it('findOneAndUpdate returns the document before or after, and upserts', async () => {
    await coll().insertOne({ name: 'x', n: 1 });
    const before = await coll().findOneAndUpdate({ name: 'x' }, { $inc: { n: 1 } });
    expect(before).toMatchObject({ n: 1 });
    const after = await coll().findOneAndUpdate(
      { name: 'x' },
      { $inc: { n: 1 } },
      { returnDocument: 'after' },
    );
    expect(after).toMatchObject({ n: 3 });
    const raw = await coll().findOneAndUpdate(
      { name: 'y' },
      { $setOnInsert: { n: 10 } },
      { upsert: true, returnDocument: 'after', includeResultMetadata: true },
    );
    expect(raw.lastErrorObject).toMatchObject({ n: 1, updatedExisting: false });
    expect(raw.value).toMatchObject({ name: 'y', n: 10 });
    expect(await coll().findOneAndUpdate({ name: 'zz' }, { $set: { n: 1 } })).toBeNull();
  });

  it('findOneAndUpdate picks the first document of the sort; findOneAndDelete removes it', async () => {
    await coll().insertMany([
      { g: 1, n: 3 },
      { g: 1, n: 1 },
      { g: 1, n: 2 },
    ]);
    expect(
      await coll().findOneAndUpdate(
        { g: 1 },
        { $set: { hit: true } },
        { sort: { n: 1 }, returnDocument: 'after' },
      ),
    ).toMatchObject({ n: 1, hit: true });
    expect(await coll().findOneAndDelete({ g: 1 }, { sort: { n: -1 } })).toMatchObject({ n: 3 });
    expect(await coll().countDocuments({ g: 1 })).toBe(2);
  });

  it('applies array operators: $push with $each, $addToSet, $pull, positional $', async () => {
    const { insertedId: id } = await coll().insertOne({
      list: [1, 2],
      items: [
        { k: 'a', v: 1 },
        { k: 'b', v: 1 },
      ],
    });
    await coll().updateOne({ _id: id }, {
      $push: { list: { $each: [3, 4] } },
      $addToSet: { tags: 'x' },
    } as never);
    await coll().updateOne({ _id: id }, { $pull: { list: 2 }, $addToSet: { tags: 'x' } } as never);
    await coll().updateOne({ _id: id, 'items.k': 'b' }, { $inc: { 'items.$.v': 5 } });
    expect(await coll().findOne({ _id: id })).toMatchObject({
      list: [1, 3, 4],
      tags: ['x'],
      items: [
        { k: 'a', v: 1 },
        { k: 'b', v: 6 },
      ],
    });
  });

  it('$push with $position inserts where MongoDB does: 0 first, past the end last, negative from the end', async () => {
    const { insertedId: id } = await coll().insertOne({ list: [1, 2, 3] });
    const push = (v: number, at: number) =>
      coll().updateOne({ _id: id }, { $push: { list: { $each: [v], $position: at } } } as never);
    await push(0, 0);
    await push(9, 99);
    await push(5, -1);
    await push(4, 2);
    expect((await coll().findOne({ _id: id }))?.list).toEqual([0, 1, 4, 2, 3, 5, 9]);
  });

  it('runs pipeline-style updates and refuses stages not allowed there', async () => {
    const { insertedId: id } = await coll().insertOne({ a: 2, b: 3 });
    await coll().updateOne({ _id: id }, [{ $set: { total: { $add: ['$a', '$b'] } } }, { $unset: 'b' }]);
    expect(await coll().findOne({ _id: id })).toEqual({ _id: id, a: 2, total: 5 });
    await expect(coll().updateOne({ _id: id }, [{ $out: 'elsewhere' }] as never)).rejects.toMatchObject({
      code: 72,
    });
  });

  it('treats fields named like JavaScript object members as ordinary fields', async () => {
    const { insertedId: id } = await coll().insertOne({ a: 1 });
    await coll().updateOne({ _id: id }, { $set: { 'constructor.x': 1 }, $inc: { toString: 2 } });
    expect(await coll().findOne({ _id: id })).toEqual({ _id: id, a: 1, constructor: { x: 1 }, toString: 2 });
    expect(await coll().countDocuments({ 'constructor.x': 1 })).toBe(1);
    expect(await coll().countDocuments({ hasOwnProperty: { $exists: true } })).toBe(0);
  });

  it('deletes one or many', async () => {
    await coll().insertMany([{ k: 1 }, { k: 1 }, { k: 1 }, { k: 2 }]);
    expect(await coll().deleteOne({ k: 1 })).toMatchObject({ deletedCount: 1 });
    expect(await coll().deleteMany({ k: 1 })).toMatchObject({ deletedCount: 2 });
    expect(await coll().countDocuments()).toBe(1);
  });
});
