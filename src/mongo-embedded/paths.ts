/** Dotted-path helpers shared by indexes, sort and upsert seeding. */
import type { Doc } from './codec.js';
import { MISSING } from './bson-order.js';
import { badValue } from './errors.js';

export function isPlainObject(v: unknown): v is Doc {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * All values a path reaches, descending into arrays of sub-documents (as an index does). A path
 * that reaches nothing yields [MISSING].
 */
export function pathValues(doc: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  walk(doc, path.split('.'), 0, out);
  return out.length ? out : [MISSING];
}

function walk(v: unknown, parts: string[], i: number, out: unknown[]): void {
  if (i === parts.length) {
    if (v !== undefined) out.push(v);
    return;
  }
  if (Array.isArray(v)) {
    const part = parts[i] as string;
    if (/^\d+$/.test(part)) walk(v[Number(part)], parts, i + 1, out);
    for (const el of v) if (isPlainObject(el)) walk(el, parts, i, out);
    return;
  }
  const key = parts[i] as string;
  if (isPlainObject(v) && Object.hasOwn(v, key)) walk(v[key], parts, i + 1, out);
}

/** Sets a dotted path, creating intermediate objects. */
export function setPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  if (parts.includes('__proto__')) throw badValue(`field name '__proto__' is not supported: ${path}`);
  let cur: Doc = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const k = parts[i] as string;
    if (!isPlainObject(cur[k])) cur[k] = {};
    cur = cur[k] as Doc;
  }
  cur[parts[parts.length - 1] as string] = value;
}

/** The value at a dotted path without descending into arrays (undefined when absent). */
export function getPath(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const k of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Object.hasOwn(cur, k) ? (cur as Doc)[k] : undefined;
  }
  return cur;
}

/** Deep copy of plain objects/arrays and Dates; BSON value objects are immutable and shared. */
export function cloneDoc<T>(v: T): T {
  if (Array.isArray(v)) return v.map(cloneDoc) as T;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (isPlainObject(v)) {
    const out: Doc = {};
    for (const k of Object.keys(v)) out[k] = cloneDoc(v[k]);
    return out as T;
  }
  return v;
}
