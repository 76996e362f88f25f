import { ObjectId } from 'bson';
import { describe, expect, it } from 'vitest';
import { Collection } from '../../src/mongo-embedded/collection.js';
import { findDocs, planOf } from '../../src/mongo-embedded/planner.js';

function members(): Collection {
  const coll = new Collection('db', 'members', {}, null);
  coll.createIndex({ v: 2, key: { tg: 1 }, name: 'tg_1', unique: true }, true);
  coll.createIndex({ v: 2, key: { branch: 1, tg: 1 }, name: 'branch_tg' }, true);
  coll.createIndex(
    { v: 2, key: { code: 1 }, name: 'code_partial', unique: true, partialFilterExpression: { active: true } },
    true,
  );
  for (let i = 0; i < 50; i++)
    coll.insert({ _id: i, tg: i, branch: i % 5, tags: [`t${i}`], active: i % 2 === 0, code: `c${i}` });
  return coll;
}

describe('query planning', () => {
  const coll = members();

  it('serves _id equality and _id $in from the _id map', () => {
    expect(planOf(coll, { _id: 7 })).toBe('IDHACK');
    expect(planOf(coll, { _id: { $eq: 7 } })).toBe('IDHACK');
    expect(planOf(coll, { _id: { $in: [1, 2] } })).toBe('IDHACK');
    expect(findDocs(coll, { _id: { $in: [2, 1, 2, 99] } }).map((d) => d._id)).toEqual([2, 1]);
    expect(findDocs(coll, { _id: new ObjectId() })).toEqual([]);
  });

  it('serves equality on every field of an index from the index, re-checking other conditions', () => {
    expect(planOf(coll, { tg: 3 })).toBe('IXSCAN tg_1');
    expect(planOf(coll, { branch: 1, tg: 6 })).toMatch(/^IXSCAN (tg_1|branch_tg)$/);
    expect(findDocs(coll, { tg: 6, active: false })).toEqual([]);
    expect(findDocs(coll, { tg: 6, active: true }).map((d) => d._id)).toEqual([6]);
  });

  it('serves a leading prefix of a compound index and $in lists from the index', () => {
    expect(planOf(coll, { branch: 1 })).toBe('IXSCAN branch_tg');
    expect(
      findDocs(coll, { branch: 1 })
        .map((d) => d._id)
        .sort((a, b) => Number(a) - Number(b)),
    ).toEqual([1, 6, 11, 16, 21, 26, 31, 36, 41, 46]);
    expect(planOf(coll, { tg: { $in: [1, 2, 3] } })).toBe('IXSCAN tg_1');
    expect(
      findDocs(coll, { tg: { $in: [3, 1, 99] } })
        .map((d) => d._id)
        .sort(),
    ).toEqual([1, 3]);
    expect(
      findDocs(coll, { branch: { $in: [0, 1] }, tg: { $gt: 40 } })
        .map((d) => d._id)
        .sort(),
    ).toEqual([41, 45, 46]);
  });

  it('scans when no index covers the filter, and never uses a partial index for a lookup', () => {
    expect(planOf(coll, { active: true })).toBe('COLLSCAN');
    expect(planOf(coll, { tg: { $gt: 3 } })).toBe('COLLSCAN');
    expect(planOf(coll, { code: 'c1' })).toBe('COLLSCAN');
    expect(findDocs(coll, { code: 'c1' }).map((d) => d._id)).toEqual([1]);
  });

  it('keeps the index in step with updates and deletes', () => {
    const c = members();
    const doc = findDocs(c, { tg: 4 })[0]!;
    c.replace(doc, { ...doc, tg: 104 });
    expect(findDocs(c, { tg: 4 })).toEqual([]);
    expect(findDocs(c, { tg: 104 }).map((d) => d._id)).toEqual([4]);
    c.remove(findDocs(c, { tg: 104 })[0]!);
    expect(findDocs(c, { tg: 104 })).toEqual([]);
    // A key shared by several documents shrinks back to one, then to none.
    const ids = () =>
      findDocs(c, { branch: 2 })
        .map((d) => d._id as number)
        .sort((a, b) => a - b);
    expect(ids()).toEqual([2, 7, 12, 17, 22, 27, 32, 37, 42, 47]);
    for (const id of [7, 12, 17, 22, 27, 32, 37, 42, 47]) c.remove(c.get(id)!);
    expect(ids()).toEqual([2]);
    c.insert({ _id: 100, tg: 100, branch: 2 });
    expect(ids()).toEqual([2, 100]);
    c.remove(c.get(2)!);
    c.remove(c.get(100)!);
    expect(ids()).toEqual([]);
    expect(() => c.insert({ _id: 101, tg: 1 })).toThrow(/E11000/);
  });
});
