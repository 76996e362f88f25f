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
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const Item = () => (conn.models.Item ?? conn.model('Item', itemSchema)) as Model<any>;

  it('answers an unknown command with 59 CommandNotFound', async () => {
    await expect(conn.db!.command({ constructor: 1 })).rejects.toMatchObject({ code: 59 });
    await expect(conn.db!.command({ noSuchCommand: 1 })).rejects.toMatchObject({
      code: 59,
      codeName: 'CommandNotFound',
    });
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

  it('answers 48 NamespaceExists when a collection is created twice', async () => {
    await conn.db!.createCollection('twice');
    await expect(conn.db!.createCollection('twice')).rejects.toMatchObject({ code: 48 });
  });
});
