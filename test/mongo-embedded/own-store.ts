import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient, type Db } from 'mongodb';
import { startEmbeddedMongo } from '../../src/mongo-embedded/index.js';

/**
 * An embedded server of the test file's own, reached with the official driver: for what only the
 * embedded server promises (its refusals), which the shared store may be a real MongoDB for.
 */
export async function ownEmbeddedStore(name: string): Promise<{ db: Db; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), `mongo-${name}-`));
  const server = await startEmbeddedMongo({ dbpath: dir });
  const client = await MongoClient.connect(server.uri);
  return {
    db: client.db(name),
    async close() {
      await client.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
