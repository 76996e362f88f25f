/**
 * Snapshots: each database is a folder `<dbpath>/<db>/` holding `catalog.bson` (collections,
 * options, indexes) and one `coll-<collection>.bson` file of concatenated documents. Written to temp
 * files, fsynced and renamed, so a crash leaves either the old or the new snapshot.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { BSON } from 'bson';
import type { Doc } from './codec.js';
import type { Collection } from './collection.js';
import type { IndexSpec } from './indexes.js';

export interface StoredCollection {
  name: string;
  options: Doc;
  indexes: IndexSpec[];
  docs: Doc[];
}

const enc = (s: string) => encodeURIComponent(s).replace(/\./g, '%2E');
/** The prefix keeps a collection named `catalog` from clashing with the catalog file. */
const docsFile = (name: string) => `coll-${enc(name)}.bson`;

export function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Serializes docs into `path` via a temp file + fsync + rename; yields every `yieldEvery` docs.
 * Returns the bytes written.
 */
async function writeDocs(path: string, docs: Doc[], yieldEvery: number): Promise<number> {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  let total = 0;
  try {
    let batch: Uint8Array[] = [];
    let size = 0;
    for (let i = 0; i < docs.length; i++) {
      const bytes = BSON.serialize(docs[i] as Doc);
      batch.push(bytes);
      size += bytes.length;
      total += bytes.length;
      if (size > 1 << 20) {
        writeSync(fd, Buffer.concat(batch));
        batch = [];
        size = 0;
      }
      if ((i + 1) % yieldEvery === 0) await pause();
    }
    if (batch.length) writeSync(fd, Buffer.concat(batch));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  return total;
}

/**
 * Writes every database; removes folders of databases that no longer exist. With `yieldEvery`
 * the server keeps serving while it runs, so collections are captured at slightly different
 * moments (a fuzzy snapshot): recovery stays exact because every journal record since the
 * journal rotation that preceded the snapshot is a blind write (whole document put, delete,
 * create, drop, index) and is replayed on top of it.
 *
 * A collection with no document written since an earlier snapshot captured it keeps that
 * snapshot's file (it holds exactly the current documents). Returns the bytes of all document
 * files, kept ones included.
 */
export async function writeSnapshot(
  dbpath: string,
  dbs: Map<string, Map<string, Collection>>,
  yieldEvery = Infinity,
): Promise<number> {
  const live = new Set<string>();
  let bytes = 0;
  for (const [db, colls] of [...dbs]) {
    const dir = join(dbpath, enc(db));
    mkdirSync(dir, { recursive: true });
    for (const c of [...colls.values()]) {
      if (colls.get(c.name) !== c) continue;
      const file = join(dir, docsFile(c.name));
      if (c.snapshotted?.writes === c.writes && existsSync(file)) {
        bytes += c.snapshotted.bytes;
        continue;
      }
      const writes = c.writes;
      const written = await writeDocs(file, [...c.docs.values()], yieldEvery);
      c.snapshotted = { writes, bytes: written };
      bytes += written;
    }
    // The catalog says what exists now; files of collections dropped meanwhile go.
    if (dbs.get(db) !== colls) continue; // dropped meanwhile: its folder goes below
    const current = [...colls.values()];
    live.add(enc(db));
    const catalog = current.map((c) => ({
      name: c.name,
      options: c.options,
      indexes: c.indexSpecs().slice(1),
    }));
    const tmp = join(dir, 'catalog.bson.tmp');
    writeFileSync(tmp, BSON.serialize({ db, collections: catalog }));
    const fd = openSync(tmp, 'r');
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, join(dir, 'catalog.bson'));
    const files = new Set(['catalog.bson', ...current.map((c) => docsFile(c.name))]);
    for (const f of readdirSync(dir)) if (!files.has(f)) rmSync(join(dir, f), { force: true });
    fsyncDir(dir);
  }
  for (const entry of readdirSync(dbpath, { withFileTypes: true })) {
    if (entry.isDirectory() && !live.has(entry.name))
      rmSync(join(dbpath, entry.name), { recursive: true, force: true });
  }
  fsyncDir(dbpath);
  return bytes;
}

/** Reads every database snapshot under dbpath. */
export function readSnapshot(dbpath: string): Map<string, StoredCollection[]> {
  const out = new Map<string, StoredCollection[]>();
  for (const entry of readdirSync(dbpath, { withFileTypes: true })) {
    const catPath = join(dbpath, entry.name, 'catalog.bson');
    if (!entry.isDirectory() || !existsSync(catPath)) continue;
    const cat = BSON.deserialize(readFileSync(catPath), { promoteBuffers: false }) as {
      db: string;
      collections: Omit<StoredCollection, 'docs'>[];
    };
    const colls = cat.collections.map((c) => {
      const file = join(dbpath, entry.name, docsFile(c.name));
      const docs: Doc[] = [];
      if (existsSync(file)) {
        const buf = readFileSync(file);
        for (let pos = 0; pos + 4 <= buf.length;) {
          const len = buf.readInt32LE(pos);
          docs.push(BSON.deserialize(buf.subarray(pos, pos + len), { promoteBuffers: false }));
          pos += len;
        }
      }
      return { ...c, docs };
    });
    out.set(cat.db, colls);
  }
  return out;
}
