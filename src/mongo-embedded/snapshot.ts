/**
 * Snapshots: each database is a folder `<dbpath>/<db>/` holding `catalog.bson` (collections,
 * options, indexes) and one `<collection>.bson` file of concatenated documents. Written to temp
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

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function writeDurably(path: string, chunks: Uint8Array[]): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    let batch: Uint8Array[] = [];
    let size = 0;
    const flush = () => {
      if (batch.length) writeSync(fd, Buffer.concat(batch));
      batch = [];
      size = 0;
    };
    for (const c of chunks) {
      batch.push(c);
      size += c.length;
      if (size > 1 << 20) flush();
    }
    flush();
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/** Writes every database; removes folders of databases that no longer exist. */
export function writeSnapshot(dbpath: string, dbs: Map<string, Map<string, Collection>>): void {
  const live = new Set<string>();
  for (const [db, colls] of dbs) {
    const dir = join(dbpath, enc(db));
    live.add(enc(db));
    mkdirSync(dir, { recursive: true });
    const catalog = [...colls.values()].map((c) => ({
      name: c.name,
      options: c.options,
      indexes: c.indexSpecs().slice(1),
    }));
    const files = new Set(['catalog.bson']);
    for (const c of colls.values()) {
      const file = `${enc(c.name)}.bson`;
      files.add(file);
      writeDurably(
        join(dir, file),
        [...c.docs.values()].map((d) => BSON.serialize(d)),
      );
    }
    writeDurably(join(dir, 'catalog.bson'), [BSON.serialize({ db, collections: catalog })]);
    for (const f of readdirSync(dir)) if (!files.has(f)) rmSync(join(dir, f), { force: true });
    fsyncDir(dir);
  }
  for (const entry of readdirSync(dbpath, { withFileTypes: true })) {
    if (entry.isDirectory() && !live.has(entry.name))
      rmSync(join(dbpath, entry.name), { recursive: true, force: true });
  }
  fsyncDir(dbpath);
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
      const file = join(dbpath, entry.name, `${enc(c.name)}.bson`);
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
