/**
 * Query planning: equality on `_id` or on every field of an index becomes a hash lookup;
 * everything else scans the collection. Candidates are always re-checked with the full filter.
 */
import type { Doc } from './codec.js';
import type { Collection } from './collection.js';
import type { Index } from './indexes.js';
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

/** The values a filter allows for `path` by equality or a plain `$in`; undefined otherwise. */
function allowedValues(filter: Doc, path: string, compound: boolean): unknown[] | undefined {
  const eq = equalityOf(filter, path);
  if (eq) return compound && isPlainObject(eq.value) ? undefined : [eq.value];
  const v = filter[path];
  if (!isPlainObject(v) || Object.keys(v).length !== 1 || !Array.isArray(v.$in)) return undefined;
  const list = v.$in as unknown[];
  if (list.some((x) => x instanceof RegExp || Array.isArray(x) || isPlainObject(x))) return undefined;
  return list;
}

const MAX_COMBINATIONS = 1000;

/** Ids from the longest leading prefix of the index the filter pins down; undefined if none. */
function indexCandidates(ix: Index, filter: Doc): Set<string> | undefined {
  let combos: unknown[][] = [[]];
  for (const f of ix.fields) {
    const values = allowedValues(filter, f, ix.fields.length > 1);
    if (!values || combos.length * values.length > MAX_COMBINATIONS) break;
    combos = combos.flatMap((c) => values.map((v) => [...c, v]));
  }
  if (!combos[0]?.length) return undefined;
  if (combos.length === 1) return ix.lookup(combos[0]);
  const out = new Set<string>();
  for (const c of combos) {
    const ids = ix.lookup(c);
    if (!ids) return undefined;
    for (const id of ids) out.add(id);
  }
  return out;
}

/** Index-served candidates, or undefined when only a scan can answer. */
function lookup(coll: Collection, filter: Doc): Doc[] | undefined {
  return indexLookup(coll, filter)?.docs;
}

/** How a filter is served: `IDHACK`, `IXSCAN <index name>` or `COLLSCAN` (for tests and debugging). */
export function planOf(coll: Collection, filter: Doc): string {
  return indexLookup(coll, filter)?.plan ?? 'COLLSCAN';
}

function indexLookup(coll: Collection, filter: Doc): { docs: Doc[]; plan: string } | undefined {
  const idEq = equalityOf(filter, '_id');
  if (idEq) {
    const d = coll.docs.get(valueKey(idEq.value));
    return { docs: d ? [d] : [], plan: 'IDHACK' };
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
    return { docs: out, plan: 'IDHACK' };
  }
  let best: Set<string> | undefined;
  let bestName = '';
  for (const ix of coll.indexes.values()) {
    const ids = indexCandidates(ix, filter);
    if (ids && (!best || ids.size < best.size)) {
      best = ids;
      bestName = ix.spec.name;
    }
    if (best && best.size <= 1) break;
  }
  if (best) {
    const out: Doc[] = [];
    for (const id of best) {
      const d = coll.docs.get(id);
      if (d) out.push(d);
    }
    return { docs: out, plan: `IXSCAN ${bestName}` };
  }
  return undefined;
}

/**
 * A scalar that equals exactly the values sharing its index key (so an index hit needs no
 * re-check): strings, finite numbers, booleans, dates and ObjectIds.
 */
function exactScalar(v: unknown): boolean {
  if (typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  return v instanceof Date || (v as { _bsontype?: string } | null)?._bsontype === 'ObjectId';
}

/** All matching documents in natural order, stopping after `limit` when given (no sort). */
export function findDocs(coll: Collection | undefined, filter: Doc | undefined, limit = Infinity): Doc[] {
  const f = filter ?? {};
  if (!coll) {
    compileFilter(f); // a missing collection still refuses a filter it could not run
    return [];
  }
  const keys = Object.keys(f);
  const hit = keys.length ? lookup(coll, f) : undefined;
  if (hit && keys.length === 1 && exactScalar(f[keys[0] as string])) return hit.slice(0, limit);
  const match = compileFilter(f);
  const out: Doc[] = [];
  for (const d of hit ?? coll.docs.values()) {
    if (match(d)) {
      out.push(d);
      if (out.length >= limit) break;
    }
  }
  return out;
}
