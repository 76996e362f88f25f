import type { Types } from 'mongoose';

/**
 * Coalesces reads of one kind made in the same turn of the event loop into one query for all
 * their keys: when the closes of many branches run together (09:00 on the 1st), their reads share
 * round trips instead of taking one each. `query` gets the distinct keys (one key: an equality,
 * as a single read would send); every caller gets the rows of its own key, in the order the store
 * returned them, or the query's error.
 */
export function coalesce<R>(
  query: (keys: Types.ObjectId | { $in: Types.ObjectId[] }) => Promise<R[]>,
  keyOf: (row: R) => Types.ObjectId | undefined,
): (key: Types.ObjectId) => Promise<R[]> {
  type Waiter = { key: string; resolve(rows: R[]): void; reject(err: unknown): void };
  let batch: { keys: Map<string, Types.ObjectId>; waiters: Waiter[] } | undefined;
  const run = (b: NonNullable<typeof batch>) => {
    const keys = [...b.keys.values()];
    query(keys.length === 1 ? keys[0]! : { $in: keys }).then(
      (rows) => {
        const byKey = new Map<string, R[]>();
        for (const row of rows) {
          const k = String(keyOf(row));
          let list = byKey.get(k);
          if (!list) byKey.set(k, (list = []));
          list.push(row);
        }
        for (const w of b.waiters) w.resolve([...(byKey.get(w.key) ?? [])]);
      },
      (err: unknown) => {
        for (const w of b.waiters) w.reject(err);
      },
    );
  };
  return (key) =>
    new Promise<R[]>((resolve, reject) => {
      if (!batch) {
        const b = (batch = { keys: new Map(), waiters: [] });
        setImmediate(() => {
          batch = undefined;
          run(b);
        });
      }
      const k = String(key);
      batch.keys.set(k, key);
      batch.waiters.push({ key: k, resolve, reject });
    });
}

/** One coalescer per group (reads that differ in more than their key are not coalesced). */
export function coalesceBy<R>(
  make: (group: string) => (key: Types.ObjectId) => Promise<R[]>,
): (group: string, key: Types.ObjectId) => Promise<R[]> {
  const groups = new Map<string, (key: Types.ObjectId) => Promise<R[]>>();
  return (group, key) => {
    let read = groups.get(group);
    if (!read) {
      if (groups.size >= 64) groups.clear();
      groups.set(group, (read = make(group)));
    }
    return read(key);
  };
}
