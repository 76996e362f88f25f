import mongoose from 'mongoose';
import type { Db } from 'mongodb';

const { EJSON } = mongoose.mongo.BSON;
type Doc = Record<string, unknown>;

/** Every document of every collection of a database, by collection and `_id`, as stored. */
export type StoreSnapshot = Map<string, Map<string, { doc: Doc; json: string }>>;

/** Reads every collection whole, as someone holding a backup of the database would. */
export async function snapshotStore(db: Db): Promise<StoreSnapshot> {
  const out: StoreSnapshot = new Map();
  for (const { name } of await db.listCollections().toArray()) {
    const docs = (await db.collection(name).find({}).toArray()) as Doc[];
    out.set(
      name,
      new Map(docs.map((doc) => [EJSON.stringify(doc._id), { doc, json: EJSON.stringify(doc) }])),
    );
  }
  return out;
}

/** Documents added, changed or removed between two snapshots (removed ones as `{ removed: true }`). */
export function changedDocs(before: StoreSnapshot, after: StoreSnapshot) {
  const changes: Array<{ collection: string; doc: Doc; removed?: boolean }> = [];
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(name) ?? new Map();
    const b = after.get(name) ?? new Map();
    for (const [id, entry] of b)
      if (a.get(id)?.json !== entry.json) changes.push({ collection: name, doc: entry.doc });
    for (const [id, entry] of a)
      if (!b.has(id)) changes.push({ collection: name, doc: entry.doc, removed: true });
  }
  return changes;
}

/** Whether a user id appears anywhere (as a number or inside a string) in a document or a snapshot. */
export function mentions(what: Doc | StoreSnapshot, userId: number): boolean {
  const id = String(userId);
  if (what instanceof Map) {
    for (const docs of what.values())
      for (const { json } of docs.values()) if (json.includes(id)) return true;
    return false;
  }
  return EJSON.stringify(what).includes(id);
}
