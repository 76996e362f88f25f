import type { Collection, Db, Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownEmbeddedStore } from './own-store.js';

// Stages, operators, index types and collection kinds of MongoDB 7.0 (its manual's operator and
// command pages) that the embedded server does not implement: each is refused with 115 naming
// it, before any document is read, so an empty collection gives the same refusal. A real MongoDB
// runs these, so this file always starts its own embedded server.
type Op = (c: Collection, db: Db) => Promise<unknown>;

const stages: [string, Document][] = [
  ['$out', { $out: 'other' }],
  ['$merge', { $merge: { into: 'other' } }],
  ['$geoNear', { $geoNear: { near: [0, 0], distanceField: 'd' } }],
  ['$changeStream', { $changeStream: {} }],
  ['$collStats', { $collStats: { count: {} } }],
  ['$indexStats', { $indexStats: {} }],
  ['$search', { $search: { text: { query: 'x', path: 'x' } } }],
  ['$vectorSearch', { $vectorSearch: {} }],
  ['$currentOp', { $currentOp: {} }],
  ['$planCacheStats', { $planCacheStats: {} }],
];

const filters: [string, Document][] = [
  ['$text', { $text: { $search: 'ping' } }],
  ['$near', { loc: { $near: [0, 0] } }],
  ['$nearSphere', { loc: { $nearSphere: [0, 0] } }],
  [
    '$geoWithin',
    {
      loc: {
        $geoWithin: {
          $box: [
            [0, 0],
            [1, 1],
          ],
        },
      },
    },
  ],
  ['$geoIntersects', { loc: { $geoIntersects: { $geometry: { type: 'Point', coordinates: [0, 0] } } } }],
  ['$where', { $where: 'this.x === "ping"' }],
  ['$jsonSchema', { $jsonSchema: { required: ['x'] } }],
  ['$sampleRate', { $sampleRate: 0.5 }],
];

const filterCommands: [string, (f: Document) => Op][] = [
  ['find', (f) => (c) => c.find(f).toArray()],
  ['count', (f) => (c) => c.countDocuments(f)],
  ['$match', (f) => (c) => c.aggregate([{ $match: f }]).toArray()],
  ['update', (f) => (c) => c.updateMany(f, { $set: { y: 1 } })],
  ['delete', (f) => (c) => c.deleteMany(f)],
  ['findAndModify', (f) => (c) => c.findOneAndDelete(f)],
];

const expressions: [string, Document][] = [
  ['$function', { $function: { body: 'function () { return 1; }', args: [], lang: 'js' } }],
  ['$meta', { $meta: 'textScore' }],
  ['$toObjectId', { $toObjectId: '5ab9cbfa31c2ab715d42129e' }],
  ['$bsonSize', { $bsonSize: '$$ROOT' }],
  ['$binarySize', { $binarySize: '$x' }],
  ['$tsIncrement', { $tsIncrement: '$t' }],
  ['$tsSecond', { $tsSecond: '$t' }],
  ['$toHashedIndexKey', { $toHashedIndexKey: '$x' }],
];

const others: [string, RegExp, Op][] = [
  [
    '$accumulator in $group',
    /\$accumulator/,
    (c) => c.aggregate([{ $group: { _id: null, a: { $accumulator: {} } } }]).toArray(),
  ],
  [
    'positional projection',
    /positional projection 'arr\.\$'/,
    (c) => c.find({ arr: 2 }, { projection: { 'arr.$': 1 } }).toArray(),
  ],
  [
    'projection $slice',
    /projection \$slice/,
    (c) => c.find({}, { projection: { arr: { $slice: 1 } } }).toArray(),
  ],
  [
    'sort by $meta',
    /\$meta/,
    (c) =>
      c
        .find({})
        .sort({ s: { $meta: 'textScore' } })
        .toArray(),
  ],
  [
    "$currentDate with $type 'timestamp'",
    /timestamp/,
    (c) => c.updateOne({ _id: 1 } as Document, { $currentDate: { t: { $type: 'timestamp' } } }),
  ],
  ['text index', /index type 'text'/, (c) => c.createIndex({ x: 'text' })],
  ['2dsphere index', /index type '2dsphere'/, (c) => c.createIndex({ loc: '2dsphere' })],
  ['2d index', /index type '2d'/, (c) => c.createIndex({ loc: '2d' })],
  ['hashed index', /index type 'hashed'/, (c) => c.createIndex({ x: 'hashed' })],
  ['wildcard index', /wildcard index/, (c) => c.createIndex({ '$**': 1 })],
  [
    'capped collection',
    /create option 'capped'/,
    (_c, db) => db.createCollection('capped', { capped: true, size: 4096 }),
  ],
  [
    'validator',
    /create option 'validator'/,
    (_c, db) => db.createCollection('valid', { validator: { x: { $type: 'string' } } }),
  ],
  [
    'view',
    /create option 'viewOn'/,
    (_c, db) => db.createCollection('view', { viewOn: 'items', pipeline: [] }),
  ],
  [
    'time series',
    /create option 'timeseries'/,
    (_c, db) => db.createCollection('ts', { timeseries: { timeField: 't' } }),
  ],
  ['explain', /explain/, (c) => c.find({}).explain()],
];

describe('embedded server: unsupported stages and operators answer 115, even on no documents', () => {
  let store: Awaited<ReturnType<typeof ownEmbeddedStore>>;
  let full: Collection;
  let empty: Collection;
  beforeAll(async () => {
    store = await ownEmbeddedStore('unsupported');
    full = store.db.collection('items');
    empty = store.db.collection('empty');
    await full.insertMany([
      { _id: 1, x: 'ping', arr: [1, 2], loc: [0, 0] },
      { _id: 2, x: 'PING', arr: [3] },
    ] as Document[]);
  });
  afterAll(() => store.close());

  async function expectRefused(op: Op, name: RegExp): Promise<void> {
    for (const c of [full, empty]) {
      const before = await c.find().sort({ _id: 1 }).toArray();
      const err = await op(c, store.db).then(
        () => null,
        (e: unknown) => e as { code?: number; message?: string },
      );
      expect(err, `${c.collectionName}: the command should fail`).not.toBeNull();
      expect(err).toMatchObject({ code: 115 });
      expect(err?.message).toMatch(name);
      expect(await c.find().sort({ _id: 1 }).toArray()).toEqual(before);
    }
  }

  it.each(stages)('refuses the stage %s', (name, stage) =>
    expectRefused((c) => c.aggregate([stage]).toArray(), new RegExp(`\\${name}`)),
  );

  const filterRows = filters.flatMap(([name, f]) =>
    filterCommands.map(([cmd, op]) => [name, cmd, op(f)] as [string, string, Op]),
  );
  it.each(filterRows)('refuses the query operator %s in %s', (name, _cmd, op) =>
    expectRefused(op, new RegExp(`\\${name}`)),
  );

  it.each(expressions)('refuses the expression %s in $project and in $expr', async (name, expr) => {
    await expectRefused((c) => c.aggregate([{ $project: { v: expr } }]).toArray(), new RegExp(`\\${name}`));
    await expectRefused((c) => c.find({ $expr: { $eq: [expr, 1] } }).toArray(), new RegExp(`\\${name}`));
  });

  it.each(others)('refuses %s', (_label, name, op) => expectRefused(op, name));
});
