import { randomUUID } from 'node:crypto';
import { MongoClient, type Db, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mongoUri } from '../support/mongo.js';

// Names MongoDB 7.0 does not know get MongoDB's own answers (so the embedded server's 115 is kept
// for what MongoDB has and the embedded server lacks), and a few operators the product could
// reach for behave as its manual describes. Runs against the shared store: the embedded server,
// or a real MongoDB when MONGODB_URI is set, which must give the same answers.
type Row = [string, (db: Db) => Promise<unknown>, number];

const unknown: Row[] = [
  ['a find field', (db) => db.command({ find: 'items', filter: {}, frob: 1 }), 40415],
  [
    'an aggregate field',
    (db) => db.command({ aggregate: 'items', pipeline: [], cursor: {}, frob: 1 }),
    40415,
  ],
  ['an insert field', (db) => db.command({ insert: 'items', documents: [{ a: 1 }], frob: 1 }), 40415],
  [
    'an update field',
    (db) => db.command({ update: 'items', updates: [{ q: {}, u: { $set: { a: 1 } } }], frob: 1 }),
    40415,
  ],
  ['a delete field', (db) => db.command({ delete: 'items', deletes: [{ q: {}, limit: 1 }], frob: 1 }), 40415],
  [
    'a findAndModify field',
    (db) => db.command({ findAndModify: 'items', query: {}, remove: true, frob: 1 }),
    40415,
  ],
  [
    'a stage',
    (db) =>
      db
        .collection('items')
        .aggregate([{ $frob: {} }])
        .toArray(),
    40324,
  ],
  [
    'an expression',
    (db) =>
      db
        .collection('items')
        .aggregate([{ $project: { v: { $frob: 1 } } }])
        .toArray(),
    168,
  ],
  [
    'an expression, on no documents',
    (db) =>
      db
        .collection('none')
        .aggregate([{ $project: { v: { $frob: 1 } } }])
        .toArray(),
    168,
  ],
  [
    'an expression in $expr, on no documents',
    (db) =>
      db
        .collection('none')
        .find({ $expr: { $frob: 1 } })
        .toArray(),
    168,
  ],
  [
    'an expression in an update pipeline',
    (db) => db.collection('none').updateOne({}, [{ $set: { v: { $frob: 1 } } }]),
    168,
  ],
  [
    'a $group accumulator',
    (db) =>
      db
        .collection('items')
        .aggregate([{ $group: { _id: null, v: { $frob: 1 } } }])
        .toArray(),
    15952,
  ],
  [
    'a query operator',
    (db) =>
      db
        .collection('items')
        .find({ a: { $frob: 1 } })
        .toArray(),
    2,
  ],
  [
    'a top-level query operator',
    (db) =>
      db
        .collection('items')
        .find({ $frob: 1 } as Document)
        .toArray(),
    2,
  ],
  [
    'an exclusion in an inclusion projection',
    (db) =>
      db
        .collection('items')
        .find({}, { projection: { a: 1, tag: 0 } })
        .toArray(),
    31254,
  ],
  [
    'an inclusion in an exclusion projection',
    (db) =>
      db
        .collection('items')
        .find({}, { projection: { a: 0, tag: 1 } })
        .toArray(),
    31253,
  ],
  ['an update modifier', (db) => db.collection('items').updateOne({}, { $frob: { a: 1 } } as Document), 9],
];

describe('unknown names and a few operators, as MongoDB 7.0 answers them', () => {
  let client: MongoClient;
  let db: Db;
  beforeAll(async () => {
    client = await MongoClient.connect(mongoUri());
    db = client.db(`names_${randomUUID().slice(0, 8)}`);
    await db.collection('items').insertMany([
      { _id: 1, a: 1, tag: '$$id' },
      { _id: 2, a: 2 },
    ] as Document[]);
    await db.collection('orders').insertMany([
      { _id: 10, item: 1, qty: 5 },
      { _id: 11, item: 1, qty: 1 },
      { _id: 12, item: 2, qty: 7 },
    ] as Document[]);
  });
  afterAll(async () => {
    await db.dropDatabase();
    await client.close();
  });

  it.each(unknown)('answers an unknown %s with its own code', async (_label, op, code) => {
    await expect(op(db)).rejects.toMatchObject({ code });
    expect(await db.collection('items').countDocuments()).toBe(2);
  });

  it('matches $comment as if it were absent', async () => {
    const rows = await db.collection('items').find({ $comment: 'why this query runs', a: 2 }).toArray();
    expect(rows.map((r) => r._id)).toEqual([2]);
  });

  it('binds a $lookup stage’s own let variables in its pipeline', async () => {
    const rows = await db
      .collection('items')
      .aggregate([
        {
          $lookup: {
            from: 'orders',
            let: { id: '$_id' },
            pipeline: [{ $match: { $expr: { $and: [{ $eq: ['$item', '$$id'] }, { $gte: ['$qty', 5] }] } } }],
            as: 'big',
          },
        },
        { $project: { big: '$big._id' } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(rows).toEqual([
      { _id: 1, big: [10] },
      { _id: 2, big: [12] },
    ]);
  });

  it('reads "$$id" outside $expr as a plain string', async () => {
    expect(await db.collection('items').find({ tag: '$$id' }).toArray()).toHaveLength(1);
  });
});
