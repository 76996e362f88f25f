/**
 * Append-only journal of BSON records with group commit: every record appended since the last
 * flush is written with one write + fdatasync, and each write command awaits `commit()` before
 * it replies, so an acknowledged write survives `kill -9`.
 */
import {
  closeSync,
  existsSync,
  fdatasyncSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { BSON } from 'bson';
import { DESER, type Doc } from './codec.js';
import { fsyncDir } from './snapshot.js';

export type JournalRecord =
  | { op: 'put'; db: string; c: string; d: Doc }
  | { op: 'del'; db: string; c: string; id: unknown }
  | { op: 'create'; db: string; c: string; o: Doc }
  | { op: 'drop'; db: string; c: string }
  | { op: 'dropDb'; db: string }
  | { op: 'idx'; db: string; c: string; spec: Doc }
  | { op: 'dropIdx'; db: string; c: string; name: string };

interface Waiter {
  resolve(): void;
  reject(err: unknown): void;
}

export class Journal {
  private pending: Uint8Array[] = [];
  private waiters: Waiter[] = [];
  private scheduled = false;
  private closed = false;
  /** Logical bytes in the journal (written or pending). */
  size = 0;
  /** Where the next record goes; the file is zero-filled ahead of it. */
  private pos = 0;
  private allocated = 0;

  private constructor(
    private fd: number,
    private readonly path: string,
    private readonly onFlushed: () => Promise<void>,
  ) {}

  static async open(path: string, onFlushed: () => Promise<void>): Promise<Journal> {
    closeSync(openSync(path, 'a'));
    const fd = openSync(path, 'r+');
    const j = new Journal(fd, path, onFlushed);
    j.pos = j.size = validLength(path);
    j.allocated = fstatSync(fd).size;
    return j;
  }

  /**
   * Appends a record. `rawDoc`, for a put, is the document's BSON as it came from the client
   * (the stored document was decoded from exactly these bytes): it goes into the record as is.
   */
  append(rec: JournalRecord, rawDoc?: Uint8Array): void {
    const bytes =
      rawDoc && rec.op === 'put'
        ? putRecord(rec.db, rec.c, rawDoc)
        : BSON.serialize(rec, { ignoreUndefined: true });
    this.pending.push(bytes);
    this.size += bytes.length;
  }

  /**
   * Resolves once everything appended so far is on disk. The flush waits for the end of the
   * current I/O phase, so every command that arrived together shares one write + fdatasync.
   */
  commit(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('journal closed'));
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /**
   * Synchronous on purpose: one blocking write + fdatasync (a fraction of a millisecond) costs
   * less than two thread-pool round trips, and no other write can interleave with it.
   */
  private flush(compact = true): void {
    this.scheduled = false;
    if (this.closed) return;
    const bufs = this.pending;
    const waiters = this.waiters;
    this.pending = [];
    this.waiters = [];
    try {
      if (bufs.length) {
        const data = bufs.length === 1 ? (bufs[0] as Uint8Array) : Buffer.concat(bufs);
        if (this.pos + data.length > this.allocated) this.preallocate(this.pos + data.length);
        for (let off = 0; off < data.length;) {
          off += writeSync(this.fd, data, off, data.length - off, this.pos + off);
        }
        this.pos += data.length;
        fdatasyncSync(this.fd);
      }
      for (const w of waiters) w.resolve();
    } catch (err) {
      for (const w of waiters) w.reject(err);
    }
    if (compact) this.onFlushed().catch((err) => console.error('[mongo-embedded] compaction failed', err));
  }

  /**
   * Zero-fills the file ahead of the writes: overwriting allocated blocks lets fdatasync skip the
   * metadata (file size) update an append needs, which is most of its cost. Zeros end the replay.
   */
  private preallocate(needed: number): void {
    const zeros = Buffer.alloc(PREALLOCATE_BYTES);
    while (this.allocated < needed) {
      for (let off = 0; off < zeros.length;)
        off += writeSync(this.fd, zeros, off, zeros.length - off, this.allocated + off);
      this.allocated += zeros.length;
    }
    fsyncSync(this.fd);
  }

  /**
   * Moves everything written so far to `prevPath` and starts an empty journal file, so that a
   * snapshot can be written while new records keep arriving.
   */
  rotate(prevPath: string): void {
    this.flush(false);
    closeSync(this.fd);
    renameSync(this.path, prevPath);
    this.fd = openSync(this.path, 'w+');
    fsyncDir(dirname(this.path));
    this.allocated = 0;
    this.pos = 0;
    this.preallocate(1);
    this.size = 0;
  }

  /** Empties the journal file (after a snapshot made every record redundant). */
  async truncate(): Promise<void> {
    ftruncateSync(this.fd, 0);
    this.allocated = 0;
    this.pos = 0;
    this.preallocate(1);
    this.size = this.pending.reduce((n, b) => n + b.length, 0);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.flush(false);
    this.closed = true;
    closeSync(this.fd);
  }
}

const PREALLOCATE_BYTES = 4 * 1024 * 1024;

/** `{ op: 'put', db, c, d }` with `d` given as BSON bytes: the bytes BSON.serialize would give. */
function putRecord(db: string, c: string, doc: Uint8Array): Uint8Array {
  const head = BSON.serialize({ op: 'put', db, c });
  // The head's elements, then `d` as an embedded document (type 0x03, name "d\0"), then the end.
  const size = head.length - 1 + 3 + doc.length + 1;
  const out = Buffer.allocUnsafe(size);
  out.set(head.subarray(0, head.length - 1), 0);
  let p = head.length - 1;
  out[p++] = 0x03;
  out[p++] = 0x64;
  out[p++] = 0x00;
  out.set(doc, p);
  p += doc.length;
  out[p] = 0x00;
  out.writeInt32LE(size, 0);
  return out;
}

/** Reads every whole record; a torn tail (crash mid-write) and the zero-filled rest are ignored. */
export function readJournal(path: string): JournalRecord[] {
  return scanJournal(path).records;
}

function validLength(path: string): number {
  return scanJournal(path).length;
}

function scanJournal(path: string): { records: JournalRecord[]; length: number } {
  if (!existsSync(path)) return { records: [], length: 0 };
  const buf = readFileSync(path);
  const records: JournalRecord[] = [];
  let pos = 0;
  while (pos + 5 <= buf.length) {
    const len = buf.readInt32LE(pos);
    if (len < 5 || pos + len > buf.length) break;
    try {
      // As the wire decodes documents: a put may hold a client's document byte for byte.
      records.push(BSON.deserialize(buf.subarray(pos, pos + len), DESER) as JournalRecord);
    } catch {
      break;
    }
    pos += len;
  }
  return { records, length: pos };
}
