import { Decimal128, Long, ObjectId } from 'bson';
import { type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConnection } from '../support/mongo.js';

// https://www.mongodb.com/docs/manual/reference/bson-type-comparison-order/
describe('BSON order across types', () => {
  let conn: Connection;
  let cleanup: () => Promise<void>;
  const oid1 = new ObjectId('000000000000000000000001');
  const oid2 = new ObjectId('ffffffffffffffffffffffff');
  const d1 = new Date('2020-01-01T00:00:00Z');
  const d2 = new Date('2030-01-01T00:00:00Z');
  const values: [string, unknown][] = [
    ['bool-true', true],
    ['date2', d2],
    ['oid2', oid2],
    ['str-b', 'b'],
    ['num-2.5', 2.5],
    ['null', null],
    ['bool-false', false],
    ['date1', d1],
    ['oid1', oid1],
    ['str-a', 'a'],
    ['str-B', 'B'],
    ['long-3', Long.fromNumber(3)],
    ['num-neg', -1],
    ['dec-2', Decimal128.fromString('2')],
    ['obj', { a: 1 }],
  ];
  const ascending = [
    'missing',
    'null', // null and missing compare equal; the _id tie-break keeps them stable
    'num-neg',
    'dec-2',
    'num-2.5',
    'long-3',
    'str-B',
    'str-a',
    'str-b',
    'obj',
    'oid1',
    'oid2',
    'bool-false',
    'bool-true',
    'date1',
    'date2',
  ];
  beforeAll(async () => {
    ({ conn, cleanup } = await testConnection('sort'));
    const coll = conn.db!.collection('mixed');
    await coll.insertMany([...values.map(([k, v]) => ({ k, v })), { k: 'missing' }]);
  });
  afterAll(() => cleanup());

  const keys = async (dir: 1 | -1) =>
    (
      await conn
        .db!.collection('mixed')
        .find({}, { sort: { v: dir, k: 1 } })
        .toArray()
    ).map((d) => d.k);

  it('sorts ascending in BSON type order, numbers by value across types', async () => {
    const got = await keys(1);
    expect(got.slice(2)).toEqual(ascending.slice(2));
    expect(new Set(got.slice(0, 2))).toEqual(new Set(['missing', 'null']));
  });

  it('sorts descending as the exact reverse of the type brackets', async () => {
    const got = await keys(-1);
    expect(got.slice(0, -2)).toEqual(ascending.slice(2).reverse());
  });

  it('compares only within a type bracket for $gt / $lt, and null matches missing', async () => {
    const coll = conn.db!.collection('mixed');
    const gt = (await coll.find({ v: { $gt: 2 } }).toArray()).map((d) => d.k).sort();
    expect(gt).toEqual(['long-3', 'num-2.5']);
    const lt = (await coll.find({ v: { $lt: 'b' } }).toArray()).map((d) => d.k).sort();
    expect(lt).toEqual(['str-B', 'str-a']);
    const afterD1 = (await coll.find({ v: { $gte: d1 } }).toArray()).map((d) => d.k).sort();
    expect(afterD1).toEqual(['date1', 'date2']);
    const nulls = (await coll.find({ v: null }).toArray()).map((d) => d.k).sort();
    expect(nulls).toEqual(['missing', 'null']);
    expect(await coll.countDocuments({ v: 2 })).toBe(1);
    expect(await coll.countDocuments({ v: { $in: [3, oid1] } })).toBe(2);
  });

  it('$in: long lists of ids and strings answer as the BSON comparison does, with other values beside', async () => {
    const coll = conn.db!.collection('mixed');
    const k = async (q: object) => (await coll.find(q).toArray()).map((d) => d.k as string).sort();
    const many = Array.from({ length: 300 }, (_, i) => new ObjectId(i.toString(16).padStart(24, '7')));
    expect(await k({ v: { $in: [...many, new ObjectId(oid2.toHexString()), 'a'] } })).toEqual([
      'oid2',
      'str-a',
    ]);
    // A number in the list still meets a Long or Decimal128 of that value; a regex still matches.
    expect(await k({ v: { $in: [...many, 'b', 2, Long.fromNumber(3), /^B$/] } })).toEqual([
      'dec-2',
      'long-3',
      'str-B',
      'str-b',
    ]);
    expect(await k({ v: { $in: [...many, null] } })).toEqual(['missing', 'null']);
    expect(await k({ v: { $nin: [...many, 'a', 'b', 'B', oid1, oid2, null] } })).toHaveLength(9);
    await coll.insertOne({ k: 'arr', v: ['x', oid1] });
    expect(await k({ v: { $in: [...many, oid1] } })).toEqual(['arr', 'oid1']);
    await coll.deleteOne({ k: 'arr' });
  });

  it('sorts inside aggregate in the same order', async () => {
    const got = await conn
      .db!.collection('mixed')
      .aggregate([{ $sort: { v: 1, k: 1 } }, { $project: { k: 1 } }])
      .toArray();
    expect(got.map((d) => d.k).slice(2)).toEqual(ascending.slice(2));
  });
});
