/** Server-side cursors: 64-bit ids, batchSize, a 16 MB batch cap, getMore, kill, idle expiry. */
import { BSON, Long } from 'bson';
import type { Doc } from './codec.js';
import { MongoServerError } from './errors.js';

export const MAX_BATCH_BYTES = 16 * 1024 * 1024;
/** Room left for the reply around the batch (cursor id, ns, ok), as MongoDB keeps replies ≤ 16 MB. */
const ENVELOPE_BYTES = 16 * 1024;
/** Per element of the batch array: type byte, index key ("12345") and its terminator. */
const ELEMENT_OVERHEAD = 9;
const DEFAULT_FIRST_BATCH = 101;

interface Cursor {
  id: number;
  ns: string;
  docs: Doc[];
  pos: number;
  lastUsed: number;
}

export class CursorManager {
  private readonly cursors = new Map<number, Cursor>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly timeoutMs = 10 * 60 * 1000) {
    this.timer = setInterval(() => this.expire(), Math.max(50, Math.min(timeoutMs / 2, 60_000)));
    this.timer.unref();
  }

  get open(): number {
    return this.cursors.size;
  }

  /** Builds a `{ cursor: { id, ns, firstBatch } }` reply, keeping a cursor open if docs remain. */
  first(ns: string, docs: Doc[], batchSize: number | undefined, singleBatch = false): Doc {
    const cur: Cursor = { id: 0, ns, docs, pos: 0, lastUsed: Date.now() };
    const batch = this.take(cur, batchSize ?? DEFAULT_FIRST_BATCH);
    if (cur.pos < docs.length && !singleBatch) {
      cur.id = newId(this.cursors);
      this.cursors.set(cur.id, cur);
    }
    return { cursor: { firstBatch: batch, id: Long.fromNumber(cur.id), ns }, ok: 1 };
  }

  getMore(id: unknown, ns: string, batchSize: number | undefined): Doc {
    const key = Number(id);
    const cur = this.cursors.get(key);
    if (!cur) throw new MongoServerError(43, 'CursorNotFound', `cursor id ${String(id)} not found`);
    if (cur.ns !== ns)
      throw new MongoServerError(
        13,
        'Unauthorized',
        `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace ${cur.ns}`,
      );
    cur.lastUsed = Date.now();
    const batch = this.take(cur, batchSize ?? Infinity);
    let replyId = key;
    if (cur.pos >= cur.docs.length) {
      this.cursors.delete(key);
      replyId = 0;
    }
    return { cursor: { nextBatch: batch, id: Long.fromNumber(replyId), ns }, ok: 1 };
  }

  kill(ids: unknown[]): Doc {
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const id of ids) {
      const n = Number(id);
      (this.cursors.delete(n) ? killed : notFound).push(Long.fromNumber(n));
    }
    return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
  }

  private take(cur: Cursor, batchSize: number): Doc[] {
    const limit = batchSize > 0 ? batchSize : batchSize === 0 && cur.pos === 0 ? 0 : Infinity;
    const out: Doc[] = [];
    let bytes = 0;
    while (out.length < limit && cur.pos < cur.docs.length) {
      const doc = cur.docs[cur.pos] as Doc;
      const size = BSON.calculateObjectSize(doc) + ELEMENT_OVERHEAD;
      if (out.length && bytes + size > MAX_BATCH_BYTES - ENVELOPE_BYTES) break;
      out.push(doc);
      bytes += size;
      cur.pos++;
    }
    return out;
  }

  private expire(): void {
    const cutoff = Date.now() - this.timeoutMs;
    for (const [id, cur] of this.cursors) if (cur.lastUsed < cutoff) this.cursors.delete(id);
  }

  close(): void {
    clearInterval(this.timer);
    this.cursors.clear();
  }
}

function newId(existing: Map<number, unknown>): number {
  for (;;) {
    // Positive ids above 2^32 and below 2^53: always sent as int64, exact as JS numbers.
    const id = 2 ** 32 + Math.floor(Math.random() * (2 ** 53 - 2 ** 33));
    if (!existing.has(id)) return id;
  }
}
