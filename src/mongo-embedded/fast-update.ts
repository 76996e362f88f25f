/**
 * A direct path for the most common updates ($set / $inc / $unset on plain, non-array paths),
 * which avoids building a mingo context per write. Anything else returns false and goes to mingo.
 * Operand types were already checked by `checkOperandTypes`.
 */
import type { Doc } from './codec.js';
import { cloneDoc, isPlainObject, setPath } from './paths.js';

const FAST_OPS = new Set(['$set', '$inc', '$unset']);

function plainPath(doc: Doc, path: string): boolean {
  const parts = path.split('.');
  let cur: unknown = doc;
  for (const p of parts) {
    if (!p || p.startsWith('$') || /^\d+$/.test(p)) return false;
    if (cur === undefined) continue;
    if (!isPlainObject(cur)) return false;
    cur = Object.hasOwn(cur, p) ? cur[p] : undefined;
  }
  return true;
}

/** Applies the update in place when it is simple enough; returns false (untouched) otherwise. */
export function tryFastUpdate(doc: Doc, modifier: Doc): boolean {
  const paths: string[] = [];
  for (const [op, arg] of Object.entries(modifier)) {
    if (!FAST_OPS.has(op)) return false;
    for (const path of Object.keys(arg as Doc)) {
      if (!plainPath(doc, path)) return false;
      paths.push(path);
    }
  }
  const sorted = [...paths].sort();
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1] as string;
    const b = sorted[i] as string;
    if (a === b || b.startsWith(`${a}.`)) return false; // conflicts: let mingo report them
  }
  for (const [op, arg] of Object.entries(modifier)) {
    for (const [path, value] of Object.entries(arg as Doc)) {
      if (op === '$set') setPath(doc, path, cloneDoc(value));
      else if (op === '$inc')
        setPath(doc, path, ((getPlain(doc, path) as number | undefined) ?? 0) + (value as number));
      else unsetPath(doc, path);
    }
  }
  return true;
}

function getPlain(doc: Doc, path: string): unknown {
  let cur: unknown = doc;
  for (const p of path.split('.')) cur = isPlainObject(cur) && Object.hasOwn(cur, p) ? cur[p] : undefined;
  return cur;
}

function unsetPath(doc: Doc, path: string): void {
  const parts = path.split('.');
  const last = parts.pop() as string;
  const parent = parts.length ? getPlain(doc, parts.join('.')) : doc;
  if (isPlainObject(parent)) delete parent[last];
}
