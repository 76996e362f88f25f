import { Schema, type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConnection } from '../support/mongo.js';

const userSchema = new Schema({
  name: { type: String, required: true, unique: true },
  n: { type: Number, default: 0 },
  tags: [String],
});

describe('mongoose CRUD against the store', () => {
  let conn: Connection;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ conn, cleanup } = await testConnection('crud'));
  });
  afterAll(() => cleanup());

  it('creates, reads, updates and deletes documents', async () => {
    const User = conn.model('User', userSchema);
    await User.init();
    const a = await User.create({ name: 'a' });
    expect((await User.findById(a._id).lean())?.name).toBe('a');
    expect((await User.findOne({ name: 'a' }).lean())?._id.equals(a._id)).toBe(true);

    const upd = await User.updateOne({ name: 'a' }, { $inc: { n: 2 } });
    expect(upd).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    expect((await User.findById(a._id).lean())?.n).toBe(2);

    const b = await User.findOneAndUpdate(
      { name: 'b' },
      { $setOnInsert: { tags: ['x'] } },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    expect(b).toMatchObject({ name: 'b', tags: ['x'], n: 0 });

    expect(await User.insertMany([{ name: 'c' }, { name: 'd' }])).toHaveLength(2);
    expect(await User.countDocuments()).toBe(4);
    expect(await User.countDocuments({ name: { $in: ['c', 'd'] } })).toBe(2);

    await expect(User.create({ name: 'a' })).rejects.toMatchObject({ code: 11000, keyValue: { name: 'a' } });

    a.tags.push('t1');
    await a.save();
    expect(await User.findById(a._id).lean()).toMatchObject({ tags: ['t1'], __v: 1 });

    expect(await User.deleteOne({ name: 'd' })).toMatchObject({ deletedCount: 1 });
    const names = (await User.find().sort({ name: -1 }).lean()).map((u) => u.name);
    expect(names).toEqual(['c', 'b', 'a']);
  });

  it('lists its database and counts its objects', async () => {
    const dbs = await conn.db!.admin().listDatabases({ nameOnly: true });
    expect(dbs.databases.map((d) => d.name)).toContain(conn.db!.databaseName);
    const stats = await conn.db!.stats();
    expect(stats).toMatchObject({ db: conn.db!.databaseName, objects: 3 });
    expect(stats.collections).toBeGreaterThanOrEqual(1);
  });
});
