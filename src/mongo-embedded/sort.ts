/** Sorting in BSON order, as MongoDB sorts (mingo's own `$sort` does not order across types). */
import type { Doc } from './codec.js';
import { compareValues, MISSING } from './bson-order.js';
import { badValue, notSupported } from './errors.js';
import { pathValues } from './paths.js';

function isEmpty(sort: Doc | undefined): boolean {
  if (!sort) return true;
  for (const _ in sort) return false;
  return true;
}

/** Sorts in place by a sort spec using BSON order (arrays sort by min asc / max desc). */
export function sortDocs(docs: Doc[], sort: Doc | undefined): Doc[] {
  if (isEmpty(sort)) return docs;
  if ('$natural' in (sort as Doc)) {
    if (Object.keys(sort as Doc).length > 1)
      throw badValue('$natural sort cannot be combined with other fields');
    return Number((sort as Doc).$natural) < 0 ? docs.reverse() : docs;
  }
  const spec = Object.entries(sort as Doc).map(([path, dir]) => {
    if (typeof dir === 'object' && dir !== null) throw notSupported(`sort by $meta (${path})`);
    const d = Number(dir);
    if (d !== 1 && d !== -1) throw badValue(`Invalid sort direction for ${path}: ${String(dir)}`);
    return { path, dir: d };
  });
  const keyCache = new Map<Doc, unknown[]>();
  const keyOf = (doc: Doc): unknown[] => {
    let k = keyCache.get(doc);
    if (!k) {
      k = spec.map(({ path, dir }) => sortKey(pathValues(doc, path), dir));
      keyCache.set(doc, k);
    }
    return k;
  };
  return docs.sort((a, b) => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    for (let i = 0; i < spec.length; i++) {
      const c = compareSortKeys(ka[i], kb[i]);
      if (c) return c * (spec[i] as { dir: number }).dir;
    }
    return 0;
  });
}

const EMPTY_ARRAY = Symbol('emptyArray');

function sortKey(values: unknown[], dir: number): unknown {
  const flat = values.flatMap((v) => (Array.isArray(v) ? (v.length ? v : [EMPTY_ARRAY]) : [v]));
  let best: unknown = flat[0];
  for (const v of flat.slice(1)) {
    const c = compareSortKeys(v, best);
    if ((dir > 0 && c < 0) || (dir < 0 && c > 0)) best = v;
  }
  return best === undefined ? MISSING : best;
}

/** Empty arrays sort below null/missing, as in MongoDB. */
function compareSortKeys(a: unknown, b: unknown): number {
  if (a === EMPTY_ARRAY || b === EMPTY_ARRAY) return a === b ? 0 : a === EMPTY_ARRAY ? -1 : 1;
  return compareValues(a, b);
}
