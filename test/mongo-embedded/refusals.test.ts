import type { Collection, Db, Document } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ownEmbeddedStore } from './own-store.js';

// What the embedded server does not implement, each row an option or operator MongoDB 7.0 honours
// (its manual's command pages): the server must refuse it with 115 CommandNotSupported naming it,
// the command must fail (no `ok: 1` with a write error) and nothing may change. A real MongoDB
// answers these rows, so this file always starts its own embedded server.
type Op = (c: Collection, db: Db) => Promise<unknown>;

const LET = { let: { id: 1 } };
const BY_VAR = { $expr: { $eq: ['$_id', '$$id'] } };
const COLLATION = { collation: { locale: 'en_US', strength: 2 } };
const HINT = { hint: { _id: 1 } };

const letRows: [string, Op][] = [
  ['aggregate', (c) => c.aggregate([{ $match: BY_VAR }], LET).toArray()],
  ['find', (c) => c.find(BY_VAR, LET).toArray()],
  ['update (updateOne)', (c) => c.updateOne(BY_VAR, { $set: { x: 'changed' } }, LET)],
  ['update (updateMany)', (c) => c.updateMany(BY_VAR, { $set: { x: 'changed' } }, LET)],
  ['delete (deleteOne)', (c) => c.deleteOne(BY_VAR, LET)],
  ['delete (deleteMany)', (c) => c.deleteMany(BY_VAR, LET)],
  ['findAndModify (update)', (c) => c.findOneAndUpdate(BY_VAR, { $set: { x: 'changed' } }, LET)],
  ['findAndModify (remove)', (c) => c.findOneAndDelete(BY_VAR, LET)],
  [
    'update (bulkWrite)',
    (c) => c.bulkWrite([{ updateOne: { filter: BY_VAR, update: { $set: { x: 'c' } } } }], LET),
  ],
  ['delete (bulkWrite)', (c) => c.bulkWrite([{ deleteOne: { filter: BY_VAR } }], LET)],
  [
    'update (pipeline constants c)',
    (c, db) =>
      db.command({
        update: c.collectionName,
        updates: [{ q: { _id: 1 }, u: [{ $set: { x: '$$v' } }], c: { v: 'changed' } }],
      }),
  ],
];

const collationRows: [string, Op][] = [
  ['find', (c) => c.find({ x: 'ping' }, COLLATION).toArray()],
  ['aggregate', (c) => c.aggregate([{ $match: { x: 'ping' } }], COLLATION).toArray()],
  ['count', (c, db) => db.command({ count: c.collectionName, query: { x: 'ping' }, ...COLLATION })],
  ['distinct', (c) => c.distinct('x', {}, COLLATION)],
  ['update', (c) => c.updateOne({ x: 'ping' }, { $set: { x: 'changed' } }, COLLATION)],
  ['delete', (c) => c.deleteMany({ x: 'ping' }, COLLATION)],
  ['findAndModify', (c) => c.findOneAndUpdate({ x: 'ping' }, { $set: { x: 'changed' } }, COLLATION)],
  ['index option', (c) => c.createIndex({ x: 1 }, COLLATION)],
  ['create option', (_c, db) => db.createCollection('with-collation', COLLATION)],
];

const hintRows: [string, Op][] = [
  ['find', (c) => c.find({}, HINT).toArray()],
  ['aggregate', (c) => c.aggregate([], HINT).toArray()],
  ['count', (c) => c.countDocuments({}, HINT)],
  ['distinct', (c, db) => db.command({ distinct: c.collectionName, key: 'x', ...HINT })],
  ['update', (c) => c.updateOne({}, { $set: { x: 'changed' } }, HINT)],
  ['delete', (c) => c.deleteOne({}, HINT)],
  ['findAndModify', (c) => c.findOneAndUpdate({}, { $set: { x: 'changed' } }, HINT)],
];

const singleWriteSortRows: [string, Op][] = [
  ['update (updateOne)', (c) => c.updateOne({}, { $set: { x: 'changed' } }, { sort: { _id: -1 } })],
  ['update (replaceOne)', (c) => c.replaceOne({}, { x: 'changed' }, { sort: { _id: -1 } })],
];

const readConcernRows: [string, string, Op][] = [
  ['majority', 'find', (c) => c.find({}, { readConcern: { level: 'majority' } }).toArray()],
  ['snapshot', 'aggregate', (c) => c.aggregate([], { readConcern: { level: 'snapshot' } }).toArray()],
  [
    'linearizable',
    'count',
    (c, db) => db.command({ count: c.collectionName, readConcern: { level: 'linearizable' } }),
  ],
  ['majority', 'distinct', (c) => c.distinct('x', {}, { readConcern: { level: 'majority' } })],
];

describe('embedded server: options and operators it does not implement are refused with 115', () => {
  let store: Awaited<ReturnType<typeof ownEmbeddedStore>>;
  let db: Db;
  let coll: Collection;
  const seed = [
    { _id: 1, x: 'PING' },
    { _id: 2, x: 'ping' },
  ];
  beforeAll(async () => {
    store = await ownEmbeddedStore('refusals');
    db = store.db;
  });
  afterAll(() => store.close());
  beforeEach(async () => {
    coll = db.collection<Document>('items');
    await coll.deleteMany({});
    await coll.insertMany(seed as Document[]);
  });

  async function expectRefused(op: Op, name: RegExp): Promise<void> {
    const err = await op(coll, db).then(
      () => null,
      (e: unknown) => e as { code?: number; message?: string; errorResponse?: Document },
    );
    expect(err, 'the command should fail').not.toBeNull();
    expect(err).toMatchObject({ code: 115 });
    // The whole command failed (`ok: 0`), rather than one write inside an `ok: 1` reply.
    expect(err?.errorResponse).toMatchObject({ ok: 0 });
    expect(err?.message).toMatch(name);
    expect(err?.message).toMatch(/not supported by the embedded MongoDB server/);
    expect(await coll.find().sort({ _id: 1 }).toArray()).toEqual(seed);
  }

  it.each(letRows)("refuses 'let' on %s", (_label, op) => expectRefused(op, /option '(let|c)'/));
  it.each(collationRows)("refuses 'collation' on %s", (_label, op) => expectRefused(op, /collation/));
  it.each(hintRows)("refuses 'hint' on %s", (_label, op) => expectRefused(op, /option 'hint'/));
  it.each(singleWriteSortRows)("fails %s with 'sort' as a command, not a write error", (_l, op) =>
    expectRefused(op, /update.updates option 'sort'/),
  );
  it.each(readConcernRows)('refuses readConcern %s on %s', (level, _c, op) =>
    expectRefused(op, new RegExp(`readConcern level '${level}'`)),
  );

  it('answers a write concern a standalone cannot meet with 2, as a standalone MongoDB does', async () => {
    await expect(coll.insertOne({ _id: 3 } as Document, { writeConcern: { w: 2 } })).rejects.toMatchObject({
      code: 2,
      message: "cannot use 'w' > 1 with a standalone",
    });
    await expect(
      coll.insertOne({ _id: 3 } as Document, { writeConcern: { w: 'dc1' as never } }),
    ).rejects.toMatchObject({
      code: 2,
    });
    expect(
      await coll.insertOne({ _id: 3 } as Document, { writeConcern: { w: 'majority', j: true } }),
    ).toMatchObject({
      acknowledged: true,
    });
  });

  it('answers fields MongoDB 7.0 does not define with 40415, statements included', async () => {
    for (const cmd of [
      { count: 'items', frob: 1 },
      { distinct: 'items', key: 'x', frob: 1 },
      { update: 'items', updates: [{ q: {}, u: { $set: { x: 'changed' } }, frob: 1 }] },
      { delete: 'items', deletes: [{ q: {}, limit: 0, frob: 1 }] },
    ]) {
      await expect(db.command(cmd)).rejects.toMatchObject({
        code: 40415,
        message: /frob' is an unknown field/,
      });
    }
    expect(await coll.find().sort({ _id: 1 }).toArray()).toEqual(seed);
  });

  it('accepts what asks for nothing: simple collation, readConcern local and available, empty let', async () => {
    expect(await coll.distinct('x', {}, { collation: { locale: 'simple' } })).toEqual(['PING', 'ping']);
    expect(await coll.countDocuments({}, { readConcern: { level: 'local' } })).toBe(2);
    expect(await coll.find({}, { readConcern: { level: 'available' } }).toArray()).toHaveLength(2);
    expect(await coll.find({ _id: 1 } as Document, { let: {} }).toArray()).toEqual([seed[0]]);
    // findAndModify keeps its sort: it picks the first document in that order.
    expect(await coll.findOneAndUpdate({}, { $set: { y: 1 } }, { sort: { _id: -1 } })).toEqual(seed[1]);
  });
});
