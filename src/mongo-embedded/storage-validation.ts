/**
 * Field-name rules for stored documents, as MongoDB 7.0 applies them (the manual's "Field Names
 * with Periods and Dollar Signs", and the server's storage validation):
 * - inserts accept `$`-prefixed and dotted names anywhere except inside an `_id` document (52);
 * - `_id` is never an array, a regex or undefined (53);
 * - a replacement may not have `$`-prefixed top-level names, and an update operator may not
 *   create one in an existing document (52); upserts and pipeline updates may (they count as
 *   inserts, and `$setField` exists to do it), but not directly inside `_id`.
 * DBRefs (`$ref`, `$id`, optional `$db`, in that order) are the one allowed use of those names.
 */
import { Timestamp } from 'bson';
import type { Doc } from './codec.js';
import { MongoServerError } from './errors.js';
import { isPlainObject } from './paths.js';

const dollarPrefixed = (msg: string) => new MongoServerError(52, 'DollarPrefixedFieldName', msg);

function checkIdType(id: unknown): void {
  if (
    Array.isArray(id) ||
    id instanceof RegExp ||
    (id as { _bsontype?: string })?._bsontype === 'BSONRegExp'
  ) {
    const type = Array.isArray(id) ? 'array' : 'regex';
    throw new MongoServerError(53, 'InvalidIdField', `The '_id' value cannot be of type ${type}`);
  }
}

/** Is `key`, the i-th key of `keys`, part of a well-formed DBRef (`$ref`, `$id`[, `$db`])? */
function inDBRef(obj: Doc, keys: string[], i: number): boolean {
  if (keys[0] !== '$ref' || keys[1] !== '$id' || typeof obj.$ref !== 'string') return false;
  if (i < 2) return true;
  return i === 2 && keys[2] === '$db' && typeof obj.$db === 'string';
}

/** The first `$`-prefixed name at any depth of `v` that is not a DBRef part (BSONObj::storageValidEmbedded). */
function deepDollar(v: unknown): string | undefined {
  if (Array.isArray(v)) {
    for (const el of v) {
      const found = deepDollar(el);
      if (found) return found;
    }
    return undefined;
  }
  if (!isPlainObject(v)) return undefined;
  const keys = Object.keys(v);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    if (k.startsWith('$') && !inDBRef(v, keys, i)) return k;
    if (k === '$id' && i === 1) continue; // MongoDB does not look inside a DBRef's id
    const found = deepDollar(v[k]);
    if (found) return found;
  }
  return undefined;
}

/** An inserted document (insert command): `_id` type, and no `$`-prefixed names inside `_id`. */
export function checkInsertedDoc(doc: Doc): void {
  const id = doc._id;
  checkIdType(id);
  const bad = deepDollar(id);
  if (bad) {
    throw dollarPrefixed(`_id fields may not contain '$'-prefixed fields: ${bad} is not valid for storage.`);
  }
}

export function dollarPrefixedField(name: string, path: string): MongoServerError {
  return dollarPrefixed(
    `The dollar ($) prefixed field '${name}' in '${path}' is not allowed in the context of an update's replacement document. Consider using an aggregation pipeline with $replaceWith.`,
  );
}

/** `$`-prefixed names directly in `obj` (a top level), other than DBRef parts. */
function checkLevel(obj: Doc, prefix: string): void {
  const keys = Object.keys(obj);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    if (k.startsWith('$') && !inDBRef(obj, keys, i)) throw dollarPrefixedField(k, prefix + k);
  }
}

/**
 * A document an update produced: `_id` as MongoDB checks it on updates (its own names only), and
 * for a replacement of a stored document its top-level names (an upsert counts as an insert; an
 * operator update's top-level `$` names are refused before it runs: update.ts).
 */
export function checkUpdatedDoc(doc: Doc, replacement: boolean): void {
  const id = doc._id;
  if (isPlainObject(id)) checkLevel(id, '_id.');
  else checkIdType(id);
  if (replacement) checkLevel(doc, '');
}

let lastSecond = 0;
let increment = 0;

/**
 * The manual (BSON Types, Timestamps): an empty timestamp in a top-level field of an inserted
 * document is replaced by the current one. Returns whether any was (the wire bytes are then stale).
 */
export function fillEmptyTimestamps(doc: Doc): boolean {
  let filled = false;
  for (const [k, v] of Object.entries(doc)) {
    if (!(v instanceof Timestamp) || v.t !== 0 || v.i !== 0) continue;
    const second = Math.floor(Date.now() / 1000);
    increment = second === lastSecond ? increment + 1 : 1;
    lastSecond = second;
    doc[k] = new Timestamp({ t: second, i: increment });
    filled = true;
  }
  return filled;
}
