import { describe, expect, it } from 'vitest';
import { actor } from '../support/actor.js';
import type { Api } from 'grammy';
import pino from 'pino';
import { noteIdle } from '../../scenes/support/idle.js';
import { createDialogSweeper } from '../../src/bot/dialog-expiry.js';
import { dialogStorage } from '../../src/bot/dialog-storage.js';
import { createI18n } from '../../src/i18n.js';
import type { Models } from '../../src/db/models/index.js';
import { createServices } from '../../src/services/index.js';
import { storeFixture } from '../support/mongo.js';

let models: Models;
storeFixture('dialog', (m) => (models = m));

const T0 = new Date('2026-06-01T00:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

describe('dialog expiry', () => {
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

  it('ends stale dialogs with a note where they were asked, in the right language, and keeps live ones', async () => {
    const services = createServices({ models, clock: () => T0 });
    const branch = await services.branches.bind({ chatId: -900, actorId: 1, name: 'Branch One', unit: 'u' });
    await services.branches.updateSettings(branch, actor(1), 'language', 'en');
    await services.users.remember({ id: 42, first_name: '小王' });
    await services.users.remember({ id: 43, first_name: 'Ann', language_code: 'en' });
    const storage = dialogStorage(models, () => T0);
    for (const [key, idle] of [
      ['-900:42', 30],
      ['43:43', 30],
      ['44:44', 60],
      ['-901:45', 5],
    ] as const) {
      noteIdle(key, idle);
      await storage.write(key, { version: ['x', 0], state: {} } as never);
    }
    const sent: { chat: number; text: string; markup?: unknown }[] = [];
    const api = {
      sendMessage: async (chat: number, text: string, other?: { reply_markup?: unknown }) => {
        if (chat === -901) throw new Error('bot was kicked');
        sent.push({ chat, text, markup: other?.reply_markup });
        return {};
      },
    } as unknown as Api;
    const sweeper = createDialogSweeper({
      services,
      i18n: createI18n(async () => 'zh'),
      api: () => api,
      log: pino({ level: 'silent' }),
    });

    expect(await sweeper.sweep(minutes(29))).toEqual(['-901:45']);
    expect(sent).toEqual([]);
    expect((await sweeper.sweep(minutes(31))).sort()).toEqual(['-900:42', '43:43']);
    expect([...sent].sort((a, b) => a.chat - b.chat)).toEqual([
      expect.objectContaining({
        chat: -900,
        text: '小王: the dialog timed out (no answer for 30 minutes) and has ended. Please start again.',
      }),
      expect.objectContaining({
        chat: 43,
        text: 'The dialog timed out (no answer for 30 minutes). Please start again.',
        markup: { remove_keyboard: true },
      }),
    ]);
    expect((await models.DialogState.find().lean()).map((d) => d._id)).toEqual(['44:44']);
    expect(await sweeper.sweep(minutes(31))).toEqual([]);
  });
});
