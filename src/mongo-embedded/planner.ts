/**
 * Query planning: equality on `_id` or on every field of an index becomes a hash lookup;
 * everything else scans the collection. Candidates are always re-checked with the full filter.
 */
import type { Doc } from './codec.js';
import type { Collection } from './collection.js';
import { valueKey } from './keys.js';
import { isPlainObject } from './paths.js';
import { compileFilter } from './query.js';

/** The equality value a filter demands for `path`, or undefined if not a simple equality. */
function equalityOf(filter: Doc, path: string): { value: unknown } | undefined {
  if (!(path in filter)) return undefined;
  let v = filter[path];
  if (isPlainObject(v)) {
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === '$eq') v = v.$eq;
    else if (keys.some((k) => k.startsWith('$'))) return undefined;
  }
  if (v instanceof RegExp || Array.isArray(v) || v === undefined) return undefined;
  return { value: v };
}

function candidates(coll: Collection, filter: Doc): Iterable<Doc> {
  const idEq = equalityOf(filter, '_id');
  if (idEq) {
    const d = coll.docs.get(valueKey(idEq.value));
    return d ? [d] : [];
  }
  const idIn = isPlainObject(filter._id) ? filter._id.$in : undefined;
  if (
    Array.isArray(idIn) &&
    Object.keys(filter._id as Doc).length === 1 &&
    !idIn.some((v) => v instanceof RegExp)
  ) {
    const seen = new Set<string>();
    const out: Doc[] = [];
    for (const v of idIn) {
      const k = valueKey(v);
      const d = coll.docs.get(k);
      if (d && !seen.has(k)) {
        seen.add(k);
        out.push(d);
      }
    }
    return out;
  }
  let best: Set<string> | undefined;
  for (const ix of coll.indexes.values()) {
    const values: unknown[] = [];
    for (const f of ix.fields) {
      const eq = equalityOf(filter, f);
      if (!eq || (isPlainObject(eq.value) && ix.fields.length > 1)) break;
      values.push(eq.value);
    }
    if (values.length !== ix.fields.length) continue;
    const ids = ix.lookup(values);
    if (ids && (!best || ids.size < best.size)) best = ids;
    if (best && best.size <= 1) break;
  }
  if (best) {
    const out: Doc[] = [];
    for (const id of best) {
      const d = coll.docs.get(id);
      if (d) out.push(d);
    }
    return out;
  }
  return coll.docs.values();
}

/** All matching documents in natural order, stopping after `limit` when given (no sort). */
export function findDocs(coll: Collection | undefined, filter: Doc | undefined, limit = Infinity): Doc[] {
  if (!coll) return [];
  const f = filter ?? {};
  const match = compileFilter(f);
  const out: Doc[] = [];
  for (const d of candidates(coll, f)) {
    if (match(d)) {
      out.push(d);
      if (out.length >= limit) break;
    }
  }
  return out;
}
