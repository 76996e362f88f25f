import { Schema, type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConnection } from '../support/mongo.js';

describe('cursors', () => {
  let conn: Connection;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ conn, cleanup } = await testConnection('cur'));
    await conn.db!.collection('c').insertMany(Array.from({ length: 25 }, (_, i) => ({ i })));
  });
  afterAll(() => cleanup());

  it('returns batchSize documents with a 64-bit cursor id, then getMore, then id 0', async () => {
    const raw = { promoteLongs: false };
    const first = await conn.db!.command({ find: 'c', filter: {}, sort: { i: 1 }, batchSize: 10 }, raw);
    expect(first.cursor.firstBatch.map((d: { i: number }) => d.i)).toEqual([...Array(10).keys()]);
    expect(first.cursor.id._bsontype).toBe('Long');
    expect(first.cursor.id.isZero()).toBe(false);
    expect(first.cursor.ns).toBe(`${conn.db!.databaseName}.c`);
    const more = await conn.db!.command({ getMore: first.cursor.id, collection: 'c', batchSize: 10 });
    expect(more.cursor.nextBatch).toHaveLength(10);
    expect(more.cursor.nextBatch[0].i).toBe(10);
    const rest = await conn.db!.command({ getMore: first.cursor.id, collection: 'c', batchSize: 10 }, raw);
    expect(rest.cursor.nextBatch).toHaveLength(5);
    expect(rest.cursor.id.isZero()).toBe(true);
  });

  it('closes the cursor when everything fits in the first batch', async () => {
    const r = await conn.db!.command({ find: 'c', filter: { i: { $lt: 3 } } }, { promoteLongs: false });
    expect(r.cursor.firstBatch).toHaveLength(3);
    expect(r.cursor.id.isZero()).toBe(true);
  });

  it('kills cursors; a killed cursor answers 43 CursorNotFound', async () => {
    const first = await conn.db!.command({ find: 'c', filter: {}, batchSize: 2 });
    const killed = await conn.db!.command({ killCursors: 'c', cursors: [first.cursor.id] });
    expect(killed.cursorsKilled.map(String)).toEqual([String(first.cursor.id)]);
    await expect(conn.db!.command({ getMore: first.cursor.id, collection: 'c' })).rejects.toMatchObject({
      code: 43,
    });
  });

  it('streams every document through a mongoose cursor with a small batch size', async () => {
    const C = conn.model('C', new Schema({ i: Number }), 'c');
    const seen: number[] = [];
    for await (const d of C.find().sort({ i: -1 }).batchSize(4).lean().cursor()) seen.push(d.i as number);
    expect(seen).toEqual([...Array(25).keys()].reverse());
  });

  it('sorts by $natural in insertion order, either way', async () => {
    const coll = conn.db!.collection('c');
    const fwd = (await coll.find({}, { sort: { $natural: 1 }, limit: 3 }).toArray()).map((d) => d.i);
    const back = (await coll.find({}, { sort: { $natural: -1 }, limit: 3 }).toArray()).map((d) => d.i);
    expect(fwd).toEqual([0, 1, 2]);
    expect(back).toEqual([24, 23, 22]);
  });

  it('caps a batch at 16 MB and hands the rest out through getMore', async () => {
    const big = conn.db!.collection('big');
    const blob = 'x'.repeat(1024 * 1024);
    await big.insertMany(Array.from({ length: 20 }, (_, i) => ({ i, blob })));
    const first = await conn.db!.command({ find: 'big', filter: {}, sort: { i: 1 } });
    expect(first.cursor.firstBatch.length).toBeGreaterThan(0);
    expect(first.cursor.firstBatch.length).toBeLessThan(17);
    await conn.db!.command({ killCursors: 'big', cursors: [first.cursor.id] });
    const all = await big.find({}, { sort: { i: 1 }, projection: { i: 1 } }).toArray();
    expect(all.map((d) => d.i)).toEqual([...Array(20).keys()]);
    expect(await big.countDocuments()).toBe(20);
    const streamed: number[] = [];
    for await (const d of big.find({}, { sort: { i: 1 } })) streamed.push(d.i);
    expect(streamed).toHaveLength(20);
  });

  it('honours skip, limit and projection', async () => {
    const docs = await conn
      .db!.collection('c')
      .find({}, { sort: { i: 1 }, skip: 5, limit: 3, projection: { _id: 0, i: 1 } })
      .toArray();
    expect(docs).toEqual([{ i: 5 }, { i: 6 }, { i: 7 }]);
  });
});
