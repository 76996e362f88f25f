import mongoose, { type Connection } from 'mongoose';

/** Opens the one mongoose connection a process uses; models are registered on it by `createModels`. */
export async function connectMongo(uri: string, dbName?: string): Promise<Connection> {
  const conn = mongoose.createConnection(uri, { dbName, serverSelectionTimeoutMS: 10_000, autoIndex: true });
  await conn.asPromise();
  return conn;
}
