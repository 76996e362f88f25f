import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { inject } from 'vitest';

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
      await conn.dropDatabase().catch(() => undefined);
      await conn.close();
    },
  };
}
