/**
 * TTL indexes: like MongoDB's TTL monitor (every 60 s by default), removes documents whose
 * indexed date (or earliest date in an array) is older than `expireAfterSeconds`.
 */
import type { Doc } from './codec.js';
import type { Engine } from './engine.js';
import { pathValues } from './paths.js';

function expiry(doc: Doc, field: string): number | undefined {
  let min: number | undefined;
  for (const v of pathValues(doc, field).flat()) {
    if (v instanceof Date && (min === undefined || v.getTime() < min)) min = v.getTime();
  }
  return min;
}

/** One pass over every TTL index; returns how many documents were removed. */
export function removeExpired(engine: Engine, now = Date.now()): number {
  let removed = 0;
  for (const colls of engine.dbs.values()) {
    for (const coll of colls.values()) {
      for (const ix of coll.indexes.values()) {
        const secs = ix.spec.expireAfterSeconds;
        if (typeof secs !== 'number' || ix.fields.length !== 1) continue;
        const field = ix.fields[0] as string;
        const cutoff = now - secs * 1000;
        for (const doc of [...coll.docs.values()]) {
          const at = expiry(doc, field);
          if (at !== undefined && at <= cutoff) {
            coll.remove(doc);
            removed++;
          }
        }
      }
    }
  }
  return removed;
}

/** Starts the periodic monitor; returns the function that stops it. */
export function startTtlMonitor(engine: Engine, intervalMs = 60_000): () => void {
  const timer = setInterval(() => {
    if (removeExpired(engine) > 0) engine.commit().catch((err) => console.error('[mongo-embedded] TTL', err));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
