/** Secondary indexes: hash maps from canonical key tuples to document ids, with unique checks. */
import type { Doc } from './codec.js';
import { MISSING } from './bson-order.js';
import { MongoServerError, badValue, notSupported } from './errors.js';
import { valueKey } from './keys.js';
import { isPlainObject, pathValues } from './paths.js';
import { compileFilter } from './query.js';

export interface IndexSpec extends Doc {
  key: Record<string, unknown>;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Doc;
  expireAfterSeconds?: number;
}

const SUPPORTED_OPTIONS = new Set([
  'key',
  'name',
  'v',
  'unique',
  'sparse',
  'partialFilterExpression',
  'expireAfterSeconds',
  'background',
  'ns',
]);

/** Shell-like rendering used in E11000 messages: `{ name: "x" }`. */
export function formatValue(v: unknown): string {
  if (v === null || v === undefined || v === MISSING) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  if (Array.isArray(v)) return `[ ${v.map(formatValue).join(', ')} ]`;
  const t = (v as { _bsontype?: string })._bsontype;
  if (t === 'ObjectId') return `ObjectId('${String(v)}')`;
  if (t) return `${t}(${String(v)})`;
  if (typeof v === 'object') {
    const o = v as Doc;
    return `{ ${Object.keys(o)
      .map((k) => `${k}: ${formatValue(o[k])}`)
      .join(', ')} }`;
  }
  return String(v);
}

export function duplicateKeyError(ns: string, name: string, keyValue: Doc): MongoServerError {
  const keyPattern: Doc = {};
  for (const k of Object.keys(keyValue)) keyPattern[k] = 1;
  return new MongoServerError(
    11000,
    'DuplicateKey',
    `E11000 duplicate key error collection: ${ns} index: ${name} dup key: ${formatValue(keyValue)}`,
    { keyPattern, keyValue },
  );
}

type IdMap = Map<string, string | Set<string>>;

/** A document's keys in one index: the distinct full keys and the value tuples behind them. */
export interface IndexKeys {
  keys: string[];
  values: unknown[][];
  /** With a single tuple: the key of each leading prefix of a compound index (see `prefixes`). */
  prefixKeys?: string[];
}

export class Index {
  readonly fields: string[];
  /** Key → the one document id with it, or a set of ids (most keys have one: saves memory). */
  readonly entries: IdMap = new Map();
  /** For a compound index, `prefixes[i]` maps the keys of the first i + 1 fields. */
  private readonly prefixes: IdMap[];
  private readonly partial?: (doc: Doc) => boolean;
  /** Every field is a top-level name (no dotted path). */
  private readonly topLevel: boolean;

  constructor(
    readonly spec: IndexSpec,
    private readonly ns: string,
  ) {
    for (const k of Object.keys(spec)) {
      if (!SUPPORTED_OPTIONS.has(k)) throw notSupported(`index option '${k}'`);
    }
    this.fields = Object.keys(spec.key);
    this.prefixes = this.fields.slice(1).map(() => new Map());
    this.topLevel = this.fields.every((f) => !f.includes('.'));
    if (!this.fields.length) throw badValue('Index keys cannot be empty.');
    for (const f of this.fields) {
      if (f === '$**' || f.endsWith('.$**')) throw notSupported(`wildcard index (${f})`);
      if (f.split('.').some((p) => p.startsWith('$'))) {
        throw new MongoServerError(
          67,
          'CannotCreateIndex',
          `Index key contains an illegal field name: '${f}'`,
        );
      }
      const dir = spec.key[f];
      if (typeof dir !== 'number' && !(typeof dir === 'object' && dir !== null)) {
        throw notSupported(`index type '${String(dir)}' (${f}: no text, geo or hashed indexes)`);
      }
    }
    if (spec.partialFilterExpression) this.partial = compileFilter(spec.partialFilterExpression);
  }

  get unique(): boolean {
    return this.spec.unique === true;
  }

  /** The index keys of a document, or null when a sparse/partial index leaves it out. */
  keysOf(doc: Doc): IndexKeys | null {
    if (this.partial && !this.partial(doc)) return null;
    const simple = this.simpleKeysOf(doc);
    if (simple !== undefined) return simple;
    const perField = this.fields.map((f) => {
      const vals = pathValues(doc, f).flatMap((v) => (Array.isArray(v) ? (v.length ? v : [undefined]) : [v]));
      return vals.length ? vals : [MISSING];
    });
    if (this.spec.sparse && perField.every((vals) => vals.length === 1 && vals[0] === MISSING)) return null;
    let tuples: unknown[][] = [[]];
    for (const vals of perField) tuples = tuples.flatMap((t) => vals.map((v) => [...t, v]));
    const keys = [...new Set(tuples.map((t) => tupleKey(t)))];
    return { keys, values: tuples };
  }

  /**
   * The common case without building every combination: top-level fields (no dotted path)
   * holding no array give exactly one tuple. Undefined when the general path is needed.
   */
  private simpleKeysOf(doc: Doc): IndexKeys | null | undefined {
    if (!this.topLevel || !isPlainObject(doc)) return undefined;
    const tuple: unknown[] = [];
    let missing = 0;
    for (const f of this.fields) {
      const v = Object.hasOwn(doc, f) ? doc[f] : undefined;
      if (Array.isArray(v)) return undefined;
      if (v === undefined) missing++;
      tuple.push(v === undefined ? MISSING : v);
    }
    if (this.spec.sparse && missing === this.fields.length) return null;
    const parts = tuple.map((v) => valueKey(v === MISSING ? null : v));
    const prefixKeys = this.prefixes.map((_, i) =>
      i === 0 ? parts[0]! : parts.slice(0, i + 1).join('\u0000'),
    );
    return { keys: [parts.length === 1 ? parts[0]! : parts.join('\u0000')], values: [tuple], prefixKeys };
  }

  /** Throws E11000 if `doc` (whose id is `id`) collides with another document. */
  check(id: string, doc: Doc, k: IndexKeys | null = this.unique ? this.keysOf(doc) : null): void {
    if (!this.unique) return;
    if (!k) return;
    k.keys.forEach((key, i) => {
      const ids = this.entries.get(key);
      if (ids !== undefined && (typeof ids === 'string' ? ids !== id : ids.size > 1 || !ids.has(id))) {
        const keyValue: Doc = {};
        this.fields.forEach((f, j) => {
          const v = (k.values[i] as unknown[])[j];
          keyValue[f] = v === MISSING || v === undefined ? null : v;
        });
        throw duplicateKeyError(this.ns, this.spec.name, keyValue);
      }
    });
  }

  add(id: string, doc: Doc, k: IndexKeys | null = this.keysOf(doc)): void {
    if (!k) return;
    for (const [map, key] of this.allKeys(k)) {
      const ids = map.get(key);
      if (ids === undefined) map.set(key, id);
      else if (typeof ids !== 'string') ids.add(id);
      else if (ids !== id) map.set(key, new Set([ids, id]));
    }
  }

  remove(id: string, doc: Doc): void {
    const k = this.keysOf(doc);
    if (!k) return;
    for (const [map, key] of this.allKeys(k)) {
      const ids = map.get(key);
      if (ids === undefined) continue;
      if (typeof ids === 'string') {
        if (ids === id) map.delete(key);
        continue;
      }
      ids.delete(id);
      if (ids.size === 1) map.set(key, ids.values().next().value as string);
      else if (!ids.size) map.delete(key);
    }
  }

  /** Full-tuple keys, plus the keys of every leading prefix of a compound index. */
  private allKeys(k: IndexKeys): [IdMap, string][] {
    const out: [IdMap, string][] = k.keys.map((key) => [this.entries, key]);
    if (k.prefixKeys) {
      this.prefixes.forEach((map, i) => out.push([map, k.prefixKeys![i]!]));
      return out;
    }
    this.prefixes.forEach((map, i) => {
      for (const key of new Set(k.values.map((t) => tupleKey(t.slice(0, i + 1))))) out.push([map, key]);
    });
    return out;
  }

  /**
   * Ids for an equality match on the first `values.length` fields (all of them, or a leading
   * prefix of a compound index); undefined if this index cannot answer it.
   */
  lookup(values: unknown[]): Set<string> | undefined {
    if (this.partial || !values.length || values.length > this.fields.length) return undefined;
    if (this.spec.sparse && values.some((v) => v === null)) return undefined;
    const map = values.length === this.fields.length ? this.entries : this.prefixes[values.length - 1];
    const ids = map?.get(tupleKey(values));
    return ids === undefined ? new Set() : typeof ids === 'string' ? new Set([ids]) : ids;
  }
}

export function tupleKey(values: unknown[]): string {
  if (values.length === 1) return valueKey(values[0] === MISSING ? null : values[0]);
  return values.map((v) => valueKey(v === MISSING ? null : v)).join('\u0000');
}
