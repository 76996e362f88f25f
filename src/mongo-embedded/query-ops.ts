/**
 * BSON-aware replacements for mingo's comparison query operators ($eq, $ne, $gt, $gte, $lt,
 * $lte, $in, $nin): mingo compares Long/Decimal128 as strings and across types loosely; these use
 * the BSON comparator with MongoDB's type bracketing. Unsupported operators fail loudly
 * (`rejectUnsupported` usually names them first).
 */
import { resolve } from 'mingo/util';
import { compareValues, MISSING, typeRank } from './bson-order.js';
import { badValue, notSupported } from './errors.js';

type Pred = (v: unknown) => boolean;
type QueryOp = (selector: string, value: unknown, options: unknown) => (obj: unknown) => boolean;

/** Does the field (resolved with array unwrapping) satisfy `pred` directly or via an element? */
function matchField(selector: string, pred: Pred, arrayWhole = true): (obj: unknown) => boolean {
  return (obj) => {
    const v = resolve(obj as Parameters<typeof resolve>[0], selector, { unwrapArray: true });
    if (pred(v === undefined ? MISSING : v)) return arrayWhole || !Array.isArray(v);
    if (Array.isArray(v)) {
      for (const el of v) {
        if (pred(el)) return true;
        if (Array.isArray(el) && selector.includes('.') && el.some(pred)) return true;
      }
    }
    return false;
  };
}

function eqPred(b: unknown): Pred {
  if (b instanceof RegExp) return (a) => typeof a === 'string' && new RegExp(b.source, b.flags).test(a);
  if (b === null || b === undefined) return (a) => a === MISSING || a === null || a === undefined;
  const rank = typeRank(b);
  return (a) => typeRank(a) === rank && compareValues(a, b) === 0;
}

function rangePred(b: unknown, ok: (c: number) => boolean): Pred {
  const rank = typeRank(b);
  return (a) => {
    const ra = typeRank(a);
    if (rank === 1 || rank === 13) return ok(compareValues(a, b));
    return ra === rank && ok(compareValues(a, b));
  };
}

const $eq: QueryOp = (sel, value) => matchField(sel, eqPred(value));
const $ne: QueryOp = (sel, value) => {
  const m = matchField(sel, eqPred(value));
  return (obj) => !m(obj);
};
const range =
  (ok: (c: number) => boolean): QueryOp =>
  (sel, value) => {
    if (value === null && ok(0)) return matchField(sel, eqPred(null));
    return matchField(sel, rangePred(value, ok));
  };

/** A key under which equal values meet, for the two kinds a long `$in` list usually holds. */
function hashKey(v: unknown): string | null {
  if (typeof v === 'string') return `s${v}`;
  if (typeof v === 'object' && v !== null && (v as { _bsontype?: string })._bsontype === 'ObjectId')
    return `o${(v as { toHexString(): string }).toHexString()}`;
  return null;
}

/**
 * `$in`: plain strings and ObjectIds of the list go in a set (a list of hundreds of ids against
 * every document would otherwise cost list × documents comparisons); any other value keeps its
 * BSON comparison. A string or ObjectId can only equal a list value of its own type (a symbol
 * aside, which stays with the other values), so the set answers for them exactly.
 */
function inList(value: unknown): Pred {
  if (!Array.isArray(value)) throw badValue('$in needs an array');
  const preds = value.map(eqPred);
  const hashed = new Set<string>();
  const rest: Pred[] = [];
  for (const [i, v] of value.entries()) {
    const k = hashKey(v);
    if (k === null) rest.push(preds[i]!);
    else hashed.add(k);
  }
  return (a) => {
    const k = hashKey(a);
    if (k === null) return preds.some((p) => p(a));
    return hashed.has(k) || rest.some((p) => p(a));
  };
}
const $in: QueryOp = (sel, value) => matchField(sel, inList(value));
const $nin: QueryOp = (sel, value) => {
  const m = matchField(sel, inList(value));
  return (obj) => !m(obj);
};

function unsupported(name: string): QueryOp {
  return () => {
    throw notSupported(`query operator ${name}`);
  };
}

export const queryOps: Record<string, QueryOp> = {
  $eq,
  $ne,
  $gt: range((c) => c > 0),
  $gte: range((c) => c >= 0),
  $lt: range((c) => c < 0),
  $lte: range((c) => c <= 0),
  $in,
  $nin,
  $text: unsupported('$text'),
  $near: unsupported('$near'),
  $nearSphere: unsupported('$nearSphere'),
  $geoWithin: unsupported('$geoWithin'),
  $geoIntersects: unsupported('$geoIntersects'),
  $where: unsupported('$where'),
};
