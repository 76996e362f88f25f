/**
 * Applies one journal record during recovery. Every record is a blind write (whole document
 * put, delete, create, drop, index), so replaying records on top of a snapshot that already
 * holds some of their effects, or later ones, still ends in the state the journal describes.
 */
import type { Engine } from './engine.js';
import type { JournalRecord } from './journal.js';
import { valueKey } from './keys.js';

export function replayRecord(engine: Engine, rec: JournalRecord): void {
  switch (rec.op) {
    case 'put':
      engine.ensure(rec.db, rec.c).put(rec.d);
      break;
    case 'del': {
      const coll = engine.collection(rec.db, rec.c);
      const doc = coll?.docs.get(valueKey(rec.id));
      if (coll && doc) coll.remove(doc);
      break;
    }
    case 'create':
      engine.ensure(rec.db, rec.c, rec.o);
      break;
    case 'drop':
      engine.dbs.get(rec.db)?.delete(rec.c);
      break;
    case 'dropDb':
      engine.dbs.delete(rec.db);
      break;
    case 'idx': {
      // Blind, like every replayed record: a fuzzy snapshot may already hold this or a later index.
      const coll = engine.ensure(rec.db, rec.c);
      const key = JSON.stringify(rec.spec.key);
      for (const ix of [...coll.indexes.values()]) {
        if (ix.spec.name === rec.spec.name || JSON.stringify(ix.spec.key) === key)
          coll.indexes.delete(ix.spec.name);
      }
      coll.createIndex(rec.spec as never, false);
      break;
    }
    case 'dropIdx':
      engine.collection(rec.db, rec.c)?.indexes.delete(rec.name);
      break;
  }
}
