/**
 * Update application: operator updates via mingo's updater, plus what mingo lacks —
 * `$setOnInsert`, replacement documents, immutable `_id`, and MongoDB's type errors
 * (`$inc` on a non-number → 14 TypeMismatch, `$push` on a non-array → 2 BadValue).
 */
import { update as mingoUpdate } from 'mingo/updater';
import type { Doc } from './codec.js';
import { MongoServerError, badValue, notSupported, typeMismatch } from './errors.js';
import { formatValue } from './indexes.js';
import { valueKey } from './keys.js';
import { cloneDoc, getPath } from './paths.js';
import { mingoOptions, runPipeline } from './query.js';
import { checkOperandTypes } from './update-checks.js';
import { checkUpdatedDoc, dollarPrefixedField } from './storage-validation.js';
import { tryFastUpdate } from './fast-update.js';
import { isOperatorUpdate, type UpdateSpec } from './update-validation.js';

export { isOperatorUpdate, validateUpdate, type UpdateSpec } from './update-validation.js';

const immutableId = () =>
  new MongoServerError(
    66,
    'ImmutableField',
    "Performing an update on the path '_id' would modify the immutable field '_id'",
  );

export interface ApplyOptions {
  isInsert: boolean;
  arrayFilters?: Doc[];
  filter?: Doc;
}

/** Returns the updated copy of `doc` (never mutates it), checked for storage as MongoDB does. */
export function applyUpdate(doc: Doc, u: UpdateSpec, opts: ApplyOptions): Doc {
  const next = computeUpdate(doc, u, opts);
  const replacement = !opts.isInsert && !Array.isArray(u) && !isOperatorUpdate(u);
  checkUpdatedDoc(next, replacement);
  return next;
}

function computeUpdate(doc: Doc, u: UpdateSpec, opts: ApplyOptions): Doc {
  if (Array.isArray(u)) {
    const out = runPipeline([cloneDoc(doc)], u, () => {
      throw badValue('$lookup is not allowed in an update pipeline');
    })[0];
    if (!out) throw badValue('update pipeline produced no document');
    return keepId(doc, out);
  }
  if (!isOperatorUpdate(u)) {
    return keepId(doc, { ...(doc._id !== undefined ? { _id: doc._id } : {}), ...cloneDoc(u as Doc) });
  }
  const next = cloneDoc(doc);
  const modifier: Doc = {};
  for (const [op, arg] of Object.entries(u)) {
    if (op === '$setOnInsert') {
      if (opts.isInsert) modifier.$set = Object.assign({}, modifier.$set, arg);
      continue;
    }
    if (op === '$set' && modifier.$set) modifier.$set = Object.assign({}, modifier.$set, arg);
    else modifier[op] = arg;
  }
  const dollarFields = takeDollarFields(modifier, opts.isInsert);
  Object.assign(next, dollarFields);
  if (!Object.keys(modifier).length) return next;
  checkOperandTypes(next, modifier);
  for (const path of Object.values(modifier).flatMap((a) => Object.keys(a as Doc))) {
    if (path === '_id' || path.startsWith('_id.')) {
      if (!opts.isInsert) {
        const setVal = getPath((modifier.$set as Doc | undefined) ?? {}, path);
        if (!(path === '_id' && modifier.$set && valueKey(setVal) === valueKey(doc._id))) throw immutableId();
      }
    }
  }
  const positional = Object.values(modifier).some((a) =>
    Object.keys(a as Doc).some((p) => /\.\$(\.|$)/.test(p)),
  );
  if (!positional && !opts.arrayFilters && tryFastUpdate(next, modifier)) return next;
  try {
    mingoUpdate(next, modifier, opts.arrayFilters, positional ? (opts.filter ?? {}) : {}, {
      cloneMode: 'deep',
      queryOptions: mingoOptions(),
    });
  } catch (err) {
    if (err instanceof MongoServerError) throw err;
    const msg = err instanceof Error ? err.message : String(err);
    if (/conflict/i.test(msg)) throw new MongoServerError(40, 'ConflictingUpdateOperators', msg);
    throw badValue(msg);
  }
  return next;
}

/**
 * Top-level `$`-prefixed names an operator update writes: MongoDB refuses them in an existing
 * document (52) and stores them when an upsert inserts (the manual's `$set: {$hotel: …}`).
 * mingo refuses them always, so an upsert's `$set` of one is applied here; they are removed
 * from `modifier` and returned.
 */
function takeDollarFields(modifier: Doc, isInsert: boolean): Doc {
  const out: Doc = {};
  for (const [op, arg] of Object.entries(modifier)) {
    for (const [path, v] of Object.entries(arg as Doc)) {
      const target = op === '$rename' && typeof v === 'string' ? v : path;
      const top = target.split('.')[0] as string;
      if (!top.startsWith('$') || top === '$' || top.startsWith('$[')) continue; // positional: mingo's to judge
      if (!isInsert) throw dollarPrefixedField(top, top);
      if (op !== '$set' || target.includes('.'))
        throw notSupported(`${op} of the $-prefixed field '${target}'`);
      out[path] = cloneDoc(v);
    }
  }
  // The rest goes to mingo, in copies (the update's own objects serve every matched document).
  if (Object.keys(out).length) {
    const rest = Object.fromEntries(Object.entries(modifier.$set as Doc).filter(([p]) => !(p in out)));
    if (Object.keys(rest).length) modifier.$set = rest;
    else delete modifier.$set;
  }
  return out;
}

function keepId(before: Doc, after: Doc): Doc {
  if (before._id !== undefined && after._id !== undefined && valueKey(before._id) !== valueKey(after._id)) {
    throw immutableId();
  }
  if (before._id !== undefined && after._id === undefined) return { _id: before._id, ...after };
  if (before._id !== undefined && Object.keys(after)[0] !== '_id') {
    const { _id, ...rest } = after;
    return { _id, ...rest };
  }
  return after;
}

export { formatValue, typeMismatch };
