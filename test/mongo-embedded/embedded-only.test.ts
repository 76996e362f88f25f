import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Long } from 'bson';
import mongoose, { Schema, type Connection, type Model } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/mongo-embedded/index.js';

// Promises of the embedded server itself (a real MongoDB runs $out, is case-sensitive and, as a
// replica set, has transactions), so this file always starts its own embedded server.
describe('embedded server: what it refuses and how it dispatches', () => {
  let server: EmbeddedMongo;
  let dir: string;
  let conn: Connection;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mongo-embedded-only-'));
    server = await startEmbeddedMongo({ dbpath: dir });
    conn = await mongoose.createConnection(server.uri, { dbName: 'only' }).asPromise();
  });
  afterAll(async () => {
    await conn.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const itemSchema = new Schema(
    { name: String, n: Schema.Types.Mixed, list: Schema.Types.Mixed },
    { strictQuery: false },
  );
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const Item = () => (conn.models.Item ?? conn.model('Item', itemSchema)) as Model<any>;

  it('dispatches command names case-insensitively', async () => {
    expect(await conn.db!.command({ PING: 1 })).toMatchObject({ ok: 1 });
    expect(await conn.db!.command({ isMaster: 1 })).toMatchObject({ ok: 1, ismaster: true });
  });

  it('refuses transactions with code 20, as a standalone does', async () => {
    await expect(
      conn.db!.command({
        insert: 'tx',
        documents: [{ a: 1 }],
        txnNumber: Long.fromNumber(1),
        startTransaction: true,
        autocommit: false,
      }),
    ).rejects.toMatchObject({ code: 20 });
    const session = await conn.startSession();
    try {
      session.startTransaction();
      // The server answers 20 and the driver rewords it as "does not support retryable writes".
      const err = await Item()
        .create([{ name: 'in-tx' }], { session })
        .then(
          () => null,
          (e: { code?: number; originalError?: { code?: number } }) => e,
        );
      expect(err?.originalError?.code ?? err?.code).toBe(20);
    } finally {
      await session.endSession();
    }
    expect(await Item().countDocuments({ name: 'in-tx' })).toBe(0);
  });

  it('names an unsupported query operator or stage instead of answering wrongly', async () => {
    await expect(
      Item()
        .find({ $text: { $search: 'x' } })
        .lean(),
    ).rejects.toThrow(/\$text/);
    await expect(
      Item()
        .find({ loc: { $near: [0, 0] } })
        .lean(),
    ).rejects.toThrow(/\$near/);
    await expect(Item().aggregate([{ $out: 'other' }])).rejects.toThrow(/\$out/);
    await expect(Item().aggregate([{ $merge: { into: 'other' } }])).rejects.toThrow(/\$merge/);
    await expect(Item().aggregate([{ $frob: {} } as never])).rejects.toMatchObject({ code: 40324 });
    await expect(
      Item()
        .find({ n: { $frob: 1 } })
        .lean(),
    ).rejects.toThrow(/\$frob/);
  });

  it('refuses find options it does not implement, naming them', async () => {
    await expect(conn.db!.command({ find: 'items', filter: {}, let: { x: 1 } })).rejects.toThrow(/'let'/);
    await expect(
      conn.db!.command({ find: 'items', filter: {}, collation: { locale: 'zh' } }),
    ).rejects.toThrow(/collation/);
  });
});
