/** One collection in memory: documents by canonical `_id` key, plus its secondary indexes. */
import { ObjectId } from 'bson';
import { idFirst, type Doc } from './codec.js';
import { MongoServerError, badValue } from './errors.js';
import { Index, duplicateKeyError, type IndexKeys, type IndexSpec } from './indexes.js';
import { valueKey } from './keys.js';
import type { JournalRecord } from './journal.js';

export const ID_INDEX: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

export class Collection {
  readonly docs = new Map<string, Doc>();
  readonly indexes = new Map<string, Index>();
  /** Counts document writes (insert, replace, remove, put): a snapshot skips an unchanged file. */
  writes = 0;
  /** What the last snapshot wrote of this collection: the write count it captured, and its bytes. */
  snapshotted?: { writes: number; bytes: number };

  constructor(
    readonly db: string,
    readonly name: string,
    readonly options: Doc,
    /** Journal sink; null while replaying. */
    private readonly log: ((rec: JournalRecord, raw?: Uint8Array) => void) | null,
  ) {}

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  get(id: unknown): Doc | undefined {
    return this.docs.get(valueKey(id));
  }

  /**
   * Inserts a new document (adds an ObjectId `_id` if absent); throws E11000 on conflicts.
   * `raw`: the BSON `doc` was decoded from, journaled as is (with `_id` moved first, as stored).
   */
  insert(doc: Doc, raw?: Uint8Array): Doc {
    if (doc._id === undefined) {
      doc = { _id: new ObjectId(), ...doc };
      raw = undefined;
    } else if (Object.keys(doc)[0] !== '_id') {
      const { _id, ...rest } = doc;
      doc = { _id, ...rest };
      raw = raw && idFirst(raw);
    }
    if (Array.isArray(doc._id)) throw badValue(`The '_id' value cannot be of type array`);
    const id = valueKey(doc._id);
    if (this.docs.has(id)) throw duplicateKeyError(this.ns, '_id_', { _id: doc._id });
    const keys = this.indexKeys(doc);
    let i = 0;
    for (const ix of this.indexes.values()) ix.check(id, doc, keys[i++]);
    i = 0;
    for (const ix of this.indexes.values()) ix.add(id, doc, keys[i++]);
    this.docs.set(id, doc);
    this.writes++;
    this.log?.({ op: 'put', db: this.db, c: this.name, d: doc }, raw);
    return doc;
  }

  /** Replaces a stored document by a new version with the same `_id`. */
  replace(old: Doc, next: Doc): void {
    const id = valueKey(old._id);
    const keys = this.indexKeys(next);
    let i = 0;
    for (const ix of this.indexes.values()) ix.check(id, next, keys[i++]);
    i = 0;
    for (const ix of this.indexes.values()) {
      ix.remove(id, old);
      ix.add(id, next, keys[i++]);
    }
    this.docs.set(id, next);
    this.writes++;
    this.log?.({ op: 'put', db: this.db, c: this.name, d: next });
  }

  /** The document's keys in each index, in index order (computed once for check and add). */
  private indexKeys(doc: Doc): (IndexKeys | null)[] {
    const out: (IndexKeys | null)[] = [];
    for (const ix of this.indexes.values()) out.push(ix.keysOf(doc));
    return out;
  }

  remove(doc: Doc): void {
    const id = valueKey(doc._id);
    if (!this.docs.delete(id)) return;
    this.writes++;
    for (const ix of this.indexes.values()) ix.remove(id, doc);
    this.log?.({ op: 'del', db: this.db, c: this.name, id: doc._id });
  }

  /** Replay helper: upsert without uniqueness checks. */
  put(doc: Doc): void {
    const id = valueKey(doc._id);
    const old = this.docs.get(id);
    for (const ix of this.indexes.values()) {
      if (old) ix.remove(id, old);
      ix.add(id, doc);
    }
    this.docs.set(id, doc);
    this.writes++;
  }

  indexSpecs(): IndexSpec[] {
    return [ID_INDEX, ...[...this.indexes.values()].map((ix) => ix.spec)];
  }

  /** Creates an index; returns false when an identical one exists. */
  createIndex(spec: IndexSpec, enforce: boolean): boolean {
    const keyStr = JSON.stringify(spec.key);
    if (spec.name === '_id_' || keyStr === '{"_id":1}') return false;
    for (const ix of this.indexes.values()) {
      const same = JSON.stringify(ix.spec.key) === keyStr;
      if (ix.spec.name === spec.name || same) {
        const opts = (s: IndexSpec) =>
          JSON.stringify([
            !!s.unique,
            !!s.sparse,
            s.partialFilterExpression ?? null,
            s.expireAfterSeconds ?? null,
          ]);
        if (ix.spec.name === spec.name && same && opts(ix.spec) === opts(spec)) return false;
        if (ix.spec.name === spec.name && !same) {
          throw new MongoServerError(
            86,
            'IndexKeySpecsConflict',
            `An existing index has the same name as the requested index but different key: ${spec.name}`,
          );
        }
        throw new MongoServerError(
          85,
          'IndexOptionsConflict',
          `An equivalent index already exists with a different name or options: ${ix.spec.name}`,
        );
      }
    }
    const index = new Index(spec, this.ns);
    for (const [id, doc] of this.docs) {
      if (enforce) index.check(id, doc);
      index.add(id, doc);
    }
    this.indexes.set(spec.name, index);
    this.log?.({ op: 'idx', db: this.db, c: this.name, spec });
    return true;
  }

  dropIndex(name: string): void {
    if (name === '_id_') throw new MongoServerError(72, 'InvalidOptions', 'cannot drop _id index');
    if (!this.indexes.delete(name))
      throw new MongoServerError(27, 'IndexNotFound', `index not found with name [${name}]`);
    this.log?.({ op: 'dropIdx', db: this.db, c: this.name, name });
  }
}
