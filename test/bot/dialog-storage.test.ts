import { describe, expect, it } from 'vitest';
import { noteIdle } from '../../scenes/support/idle.js';
import { dialogStorage } from '../../src/bot/dialog-storage.js';
import type { Models } from '../../src/db/models/index.js';
import { storeFixture } from '../support/mongo.js';

let models: Models;
storeFixture('dialog', (m) => (models = m));

const T0 = new Date('2026-06-01T00:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

describe('dialog storage', () => {
  it('stores when the open question goes stale, by the limit the dialog asked with', async () => {
    const storage = dialogStorage<{ v: number }>(models, () => T0);
    noteIdle('-5:1', 45);
    await storage.write('-5:1', { version: ['x', 0], state: { v: 1 } } as never);
    await storage.write('7:7', { version: ['x', 0], state: { v: 2 } } as never);
    const docs = await models.DialogState.find({ _id: { $in: ['-5:1', '7:7'] } })
      .sort({ _id: 1 })
      .lean();
    expect(docs.map((d) => [d._id, d.idleMinutes, d.expiresAt])).toEqual([
      ['-5:1', 45, minutes(45)],
      ['7:7', 30, minutes(30)],
    ]);
    expect(await storage.read('-5:1')).toEqual({ version: ['x', 0], state: { v: 1 } });
    await storage.delete('-5:1');
    await storage.delete('7:7');
    expect(await models.DialogState.countDocuments()).toBe(0);
  });
});
