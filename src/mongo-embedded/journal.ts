/**
 * Append-only journal of BSON records with group commit: every record appended since the last
 * flush is written with one writev + fdatasync, and each write command awaits `commit()` before
 * it replies, so an acknowledged write survives `kill -9`.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { readFileSync, existsSync } from 'node:fs';
import { BSON } from 'bson';
import type { Doc } from './codec.js';

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
  private flushing = false;
  private closed = false;
  /** Bytes in the journal file (written or pending). */
  size = 0;

  private constructor(
    private fh: FileHandle,
    private readonly onFlushed: () => Promise<void>,
  ) {}

  static async open(path: string, onFlushed: () => Promise<void>): Promise<Journal> {
    const fh = await open(path, 'a');
    const j = new Journal(fh, onFlushed);
    j.size = (await fh.stat()).size;
    return j;
  }

  append(rec: JournalRecord): void {
    const bytes = BSON.serialize(rec, { ignoreUndefined: true });
    this.pending.push(bytes);
    this.size += bytes.length;
  }

  /** Resolves once everything appended so far is on disk. */
  commit(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('journal closed'));
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.pending.length || this.waiters.length) {
      const bufs = this.pending;
      const waiters = this.waiters;
      this.pending = [];
      this.waiters = [];
      try {
        if (bufs.length) {
          await this.fh.writev(bufs);
          await this.fh.datasync();
        }
        for (const w of waiters) w.resolve();
      } catch (err) {
        for (const w of waiters) w.reject(err);
      }
      await this.onFlushed().catch((err) => console.error('[mongo-embedded] compaction failed', err));
    }
    this.flushing = false;
  }

  /** Empties the journal file (after a snapshot made every record redundant). */
  async truncate(): Promise<void> {
    await this.fh.truncate(0);
    await this.fh.datasync();
    this.size = this.pending.reduce((n, b) => n + b.length, 0);
  }

  async close(): Promise<void> {
    if (this.waiters.length || this.pending.length) await this.commit();
    while (this.flushing) await new Promise((r) => setTimeout(r, 1));
    this.closed = true;
    await this.fh.close();
  }
}

/** Reads every whole record; a torn tail (crash mid-write) is ignored. */
export function readJournal(path: string): JournalRecord[] {
  if (!existsSync(path)) return [];
  const buf = readFileSync(path);
  const out: JournalRecord[] = [];
  let pos = 0;
  while (pos + 5 <= buf.length) {
    const len = buf.readInt32LE(pos);
    if (len < 5 || pos + len > buf.length) break;
    try {
      out.push(BSON.deserialize(buf.subarray(pos, pos + len), { promoteBuffers: false }) as JournalRecord);
    } catch {
      break;
    }
    pos += len;
  }
  return out;
}
