import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { coalesce, coalesceBy } from '../../src/services/rating-batch.js';

type Row = { k: Types.ObjectId; n: number };

describe('coalesced reads', () => {
  it('sends one query for the keys asked in one turn, and gives each caller its own rows', async () => {
    const [a, b, c] = [new Types.ObjectId(), new Types.ObjectId(), new Types.ObjectId()];
    const rows: Row[] = [
      { k: a, n: 1 },
      { k: b, n: 2 },
      { k: a, n: 3 },
    ];
    const queries: unknown[] = [];
    const read = coalesce(
      async (keys) => {
        queries.push(keys);
        const wanted = '$in' in keys ? keys.$in.map(String) : [String(keys)];
        return rows.filter((r) => wanted.includes(String(r.k)));
      },
      (r) => r.k,
    );
    const got = await Promise.all([read(a), read(b), read(c), read(a)]);
    expect(got.map((rs) => rs.map((r) => r.n))).toEqual([[1, 3], [2], [], [1, 3]]);
    expect(got[0]).not.toBe(got[3]);
    expect(queries).toEqual([{ $in: [a, b, c] }]);
    // Alone, a key is asked by equality, as a single read would.
    expect((await read(b)).map((r) => r.n)).toEqual([2]);
    expect(queries[1]).toBe(b);
  });

  it('fails every caller of a failed query, and keeps groups apart', async () => {
    const read = coalesce<Row>(
      async () => {
        throw new Error('store down');
      },
      (r) => r.k,
    );
    const key = new Types.ObjectId();
    await expect(Promise.all([read(key), read(new Types.ObjectId())])).rejects.toThrow('store down');
    const seen: string[] = [];
    const byGroup = coalesceBy((group) =>
      coalesce<Row>(
        async () => {
          seen.push(group);
          return [];
        },
        (r) => r.k,
      ),
    );
    await Promise.all([byGroup('x', key), byGroup('y', key), byGroup('x', new Types.ObjectId())]);
    expect(seen.sort()).toEqual(['x', 'y']);
  });
});
