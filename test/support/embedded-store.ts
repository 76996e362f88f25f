import mongoose from 'mongoose';
import { startEmbeddedMongo, type StartOptions } from '../../src/mongo-embedded/index.js';

/**
 * Starts the embedded store on `opts.dbpath`, runs `fn` on database `dbName` through mongoose, then
 * stops it: a test calls it again on the same dbpath to check what a restart brings back.
 */
export async function withEmbeddedStore<T>(
  opts: StartOptions,
  dbName: string,
  fn: (db: mongoose.mongo.Db) => Promise<T>,
): Promise<T> {
  const server = await startEmbeddedMongo(opts);
  const conn = await mongoose.createConnection(server.uri, { dbName }).asPromise();
  try {
    return await fn(conn.db!);
  } finally {
    await conn.close();
    await server.close();
  }
}
