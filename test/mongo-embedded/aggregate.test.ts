import { Schema, type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConnection } from '../support/mongo.js';

describe('aggregate, count and distinct', () => {
  let conn: Connection;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ conn, cleanup } = await testConnection('agg'));
    const branches = await conn.db!.collection('branches').insertMany([{ name: 'north' }, { name: 'south' }]);
    const [north, south] = [branches.insertedIds[0], branches.insertedIds[1]];
    await conn.db!.collection('pledges').insertMany([
      { branch: north, points: 3, tags: ['a', 'b'] },
      { branch: north, points: 4, tags: ['b'] },
      { branch: south, points: 10, tags: [] },
      { branch: null, points: 1 },
    ]);
  });
  afterAll(() => cleanup());

  it('groups and sums', async () => {
    const rows = await conn
      .db!.collection('pledges')
      .aggregate([
        { $match: { points: { $gte: 3 } } },
        { $group: { _id: '$branch', total: { $sum: '$points' }, n: { $sum: 1 } } },
        { $sort: { total: -1 } },
      ])
      .toArray();
    expect(rows.map((r) => [r.total, r.n])).toEqual([
      [10, 1],
      [7, 2],
    ]);
  });

  it('joins with $lookup on ObjectId keys and leaves stored documents untouched', async () => {
    const rows = await conn
      .db!.collection('branches')
      .aggregate([
        { $lookup: { from: 'pledges', localField: '_id', foreignField: 'branch', as: 'pledges' } },
        { $set: { count: { $size: '$pledges' } } },
        { $sort: { name: 1 } },
        { $project: { _id: 0, name: 1, count: 1 } },
      ])
      .toArray();
    expect(rows).toEqual([
      { name: 'north', count: 2 },
      { name: 'south', count: 1 },
    ]);
    expect(await conn.db!.collection('branches').findOne({ name: 'north' })).not.toHaveProperty('count');
  });

  it('unwinds arrays and counts', async () => {
    const [row] = await conn
      .db!.collection('pledges')
      .aggregate([{ $unwind: '$tags' }, { $count: 'n' }])
      .toArray();
    expect(row).toEqual({ n: 3 });
  });

  it('counts through mongoose countDocuments (an aggregate) and the count command', async () => {
    const P = conn.model('P', new Schema({ points: Number }), 'pledges');
    expect(await P.countDocuments({ points: { $lt: 5 } })).toBe(3);
    expect(
      await P.countDocuments({ points: { $lt: 5 } })
        .skip(1)
        .limit(1),
    ).toBe(1);
    expect(await P.estimatedDocumentCount()).toBe(4);
    expect((await conn.db!.command({ count: 'pledges', query: { points: { $gt: 3 } } })).n).toBe(2);
  });

  it('returns distinct values, unwinding arrays', async () => {
    expect((await conn.db!.collection('pledges').distinct('tags')).sort()).toEqual(['a', 'b']);
    expect(await conn.db!.collection('pledges').distinct('points', { points: { $gt: 3 } })).toEqual(
      expect.arrayContaining([4, 10]),
    );
  });

  it('batches aggregate results through a cursor', async () => {
    const r = await conn.db!.command({
      aggregate: 'pledges',
      pipeline: [{ $sort: { points: 1 } }],
      cursor: { batchSize: 2 },
    });
    expect(r.cursor.firstBatch.map((d: { points: number }) => d.points)).toEqual([1, 3]);
    expect(String(r.cursor.id)).not.toBe('0');
    const all = await conn
      .db!.collection('pledges')
      .aggregate([{ $sort: { points: 1 } }], { batchSize: 1 })
      .toArray();
    expect(all.map((d) => d.points)).toEqual([1, 3, 4, 10]);
  });
});
