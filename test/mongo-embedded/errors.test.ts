import { Long } from 'bson';
import { Schema, type Connection, type Model } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConnection } from '../support/mongo.js';

describe('error codes', () => {
  let conn: Connection;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ conn, cleanup } = await testConnection('err'));
  });
  afterAll(() => cleanup());

  const itemSchema = new Schema(
    { name: String, n: Schema.Types.Mixed, list: Schema.Types.Mixed },
    { strictQuery: false },
  );
  const Item = (): Model<any> => conn.models.Item ?? conn.model('Item', itemSchema); // eslint-disable-line @typescript-eslint/no-explicit-any

  it('answers an unknown command with 59 CommandNotFound', async () => {
    await expect(conn.db!.command({ noSuchCommand: 1 })).rejects.toMatchObject({
      code: 59,
      codeName: 'CommandNotFound',
    });
  });

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

  it('fails $inc on a string with 14 TypeMismatch and $push on a non-array with 2 BadValue', async () => {
    const doc = await Item().create({ name: 's', n: 'text', list: 5 });
    await expect(Item().updateOne({ _id: doc._id }, { $inc: { n: 1 } })).rejects.toMatchObject({ code: 14 });
    await expect(Item().updateOne({ _id: doc._id }, { $push: { list: 1 } })).rejects.toMatchObject({
      code: 2,
    });
    expect(await Item().findById(doc._id).lean()).toMatchObject({ n: 'text', list: 5 });
  });

  it('refuses to change _id (66 ImmutableField) and unknown modifiers (9)', async () => {
    const coll = conn.db!.collection('raw');
    await coll.insertOne({ _id: 1 as never, a: 1 });
    await expect(coll.updateOne({ _id: 1 as never }, { $set: { _id: 2 } })).rejects.toMatchObject({
      code: 66,
    });
    await expect(
      coll.updateOne({ _id: 1 as never }, { $frobnicate: { a: 2 } } as never),
    ).rejects.toMatchObject({ code: 9 });
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

  it('answers 48 NamespaceExists when a collection is created twice', async () => {
    await conn.db!.createCollection('twice');
    await expect(conn.db!.createCollection('twice')).rejects.toMatchObject({ code: 48 });
  });
});
