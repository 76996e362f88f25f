/** Single-document write steps shared by update and findAndModify: modify, and upsert. */
import { ObjectId } from 'bson';
import type { Doc } from './codec.js';
import type { Collection } from './collection.js';
import { valueKey } from './keys.js';
import { isPlainObject, setPath } from './paths.js';
import { checkUpdatedDoc } from './storage-validation.js';
import { applyUpdate, isOperatorUpdate, type UpdateSpec } from './update.js';

/** Applies `u` to a stored document; returns the new version, or the old one when nothing changed. */
export function modifyOne(
  coll: Collection,
  doc: Doc,
  u: UpdateSpec,
  filter: Doc,
  arrayFilters?: Doc[],
): { doc: Doc; modified: boolean } {
  const next = applyUpdate(doc, u, { isInsert: false, arrayFilters, filter });
  if (sameDoc(doc, next)) return { doc, modified: false };
  coll.replace(doc, next);
  return { doc: next, modified: true };
}

function sameDoc(a: Doc, b: Doc): boolean {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false;
  return valueKey(a) === valueKey(b) && deepTypesEqual(a, b);
}

/** valueKey treats 1 and 1.0 alike; a changed field order or type still counts as a change. */
function deepTypesEqual(a: unknown, b: unknown): boolean {
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && deepTypesEqual(a[k], b[k]));
  }
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => deepTypesEqual(v, b[i]));
  return (
    typeof a === typeof b &&
    (a as { _bsontype?: string })?._bsontype === (b as { _bsontype?: string })?._bsontype
  );
}

/** The document an upsert starts from: the filter's equality fields (incl. inside `$and`). */
export function seedFromFilter(filter: Doc, seed: Doc = {}): Doc {
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$and' && Array.isArray(v)) {
      for (const sub of v) if (isPlainObject(sub)) seedFromFilter(sub, seed);
      continue;
    }
    if (k.startsWith('$')) continue;
    let val = v;
    if (isPlainObject(v)) {
      const keys = Object.keys(v);
      if (keys.length === 1 && keys[0] === '$eq') val = v.$eq;
      else if (keys.some((x) => x.startsWith('$'))) continue;
    }
    if (val instanceof RegExp) continue;
    setPath(seed, k, val);
  }
  return seed;
}

/** Inserts the document an upsert creates; throws E11000 like an insert. */
export function upsertOne(coll: Collection, filter: Doc, u: UpdateSpec, arrayFilters?: Doc[]): Doc {
  const seed = seedFromFilter(filter);
  let doc: Doc;
  if (!Array.isArray(u) && !isOperatorUpdate(u)) {
    doc = { ...u };
    if (doc._id === undefined && seed._id !== undefined) doc = { _id: seed._id, ...doc };
    checkUpdatedDoc(doc, false);
  } else {
    doc = applyUpdate(seed, u, { isInsert: true, arrayFilters, filter });
  }
  if (doc._id === undefined) doc = { _id: new ObjectId(), ...doc };
  return coll.insert(doc);
}
