import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, beforeAll, inject } from 'vitest';
import { createModels, syncIndexes, type Models } from '../../src/db/models/index.js';

/** The URI of the run's store: the embedded server, or the real MongoDB named by MONGODB_URI. */
export function mongoUri(): string {
  return inject('mongoUri');
}

/** A fresh mongoose connection to a database no other test uses; drop it with `cleanup()`. */
export async function testConnection(prefix = 't') {
  const dbName = `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const conn = await mongoose
    .createConnection(mongoUri(), { dbName, serverSelectionTimeoutMS: 5000 })
    .asPromise();
  return {
    conn,
    dbName,
    async cleanup() {
      // Dropping is tidiness: a database left behind is named as such, not a failed test.
      await conn
        .dropDatabase()
        .catch((err: unknown) => console.warn(`test database ${dbName} not dropped`, err));
      await conn.close();
    },
  };
}

/** A database of its own with the product's models and their indexes built; drop it with `cleanup()`. */
export async function testStore(prefix: string, indexes = true) {
  const db = await testConnection(prefix);
  const models = createModels(db.conn);
  if (indexes) await syncIndexes(models);
  return { ...db, models };
}

/**
 * A test file's store: `testStore` made before its tests and dropped after them; `use` gets the
 * models (`let models: Models; storeFixture('x', (m) => (models = m));`).
 */
export function storeFixture(prefix: string, use: (models: Models) => void, indexes = true): void {
  let cleanup: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const store = await testStore(prefix, indexes);
    cleanup = store.cleanup;
    use(store.models);
  });
  afterAll(() => cleanup?.());
}
