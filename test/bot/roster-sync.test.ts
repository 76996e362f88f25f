import { describe, expect, it } from 'vitest';
import type { Api } from 'grammy';
import pino from 'pino';
import { createAdminCache } from '../../src/bot/admins.js';
import { createI18n } from '../../src/i18n.js';
import { createRosterBoard } from '../../src/bot/roster-board.js';
import { createRosterSync } from '../../src/bot/roster-sync.js';
import { createNotifier } from '../../src/bot/notify.js';
import type { Models } from '../../src/db/models/index.js';
import { createServices } from '../../src/services/index.js';
import { storeFixture } from '../support/mongo.js';
import { testRosterBoard } from '../support/roster-board.js';
import { joinCard } from '../support/seed.js';
import { actor } from '../support/actor.js';

let models: Models;
storeFixture('rostersync', (m) => (models = m));

const card = joinCard('王芳');

describe('roster sync', () => {
  it('refreshes the boards of branches whose members changed elsewhere (stars set by the worker)', async () => {
    const services = createServices({ models, clock: () => new Date() });
    const edits: { chat: number; id: number; text: string }[] = [];
    const api = {
      editMessageText: async (chat: number, id: number, text: string) => void edits.push({ chat, id, text }),
      sendMessage: async () => ({ message_id: 99 }),
      getChatAdministrators: async () => [],
    } as unknown as Api;
    const log = pino({ level: 'silent' });
    const i18n = createI18n(async () => 'zh');
    // Notices (the missing pin right) are queued; this test looks at the boards only.
    const outbox = { send: () => Promise.resolve(true) };
    const roster = testRosterBoard({ services, i18n, log, outbox });
    const sync = createRosterSync({ services, roster, api: () => api, log });

    const a = await services.branches.bind({ chatId: -7001, actorId: 1, name: '甲支部', unit: 'u' });
    const b = await services.branches.bind({ chatId: -7002, actorId: 2, name: '乙支部', unit: 'u' });
    const c = await services.branches.bind({ chatId: -7003, actorId: 3, name: '丙支部', unit: 'u' }); // no board yet
    for (const [branch, user] of [
      [a, 10],
      [b, 20],
      [c, 30],
    ] as const) {
      const { member } = await services.members.submitCard(branch._id, user, card);
      await services.members.review(branch._id, actor(branch.secretaryId), member._id.toString(), 'confirm');
    }
    await services.branches.setRosterMessage(a._id, 501);
    await services.branches.setRosterMessage(b._id, 502);
    expect((await sync.sync()).sort()).toEqual([a._id.toString(), b._id.toString()].sort());
    edits.length = 0;
    expect(await sync.sync()).toEqual([]);

    // The worker gives 甲's member three stars.
    await new Promise((r) => setTimeout(r, 10));
    await models.Member.updateOne({ branchId: a._id, userId: 10 }, { $set: { stars: 3 } });
    expect(await sync.sync()).toEqual([a._id.toString()]);
    expect(edits).toEqual([expect.objectContaining({ chat: -7001, id: 501 })]);
    expect(edits[0]!.text).toContain('1. ★★★☆☆ <b>王芳</b>');

    // A writer whose clock is three seconds behind is still seen, once.
    edits.length = 0;
    const behind = new Date(Date.now() - 3_000);
    await models.Member.updateOne(
      { branchId: b._id, userId: 20 },
      { $set: { plateOn: false, updatedAt: behind } },
      { timestamps: false },
    );
    expect(await sync.sync()).toEqual([b._id.toString()]);
    expect(edits[0]!.text).toContain('王芳</b> · 综合窗口 · 一号窗口 🚫');
    expect(await sync.sync()).toEqual([]);
  });

  it('shows the red flag on the board of its holder until it passes on, then on the new holder only', async () => {
    const services = createServices({ models, clock: () => new Date() });
    const edits = new Map<number, string>();
    const api = {
      editMessageText: async (chat: number, _id: number, text: string) => void edits.set(chat, text),
      sendMessage: async () => ({ message_id: 99 }),
      getChatAdministrators: async () => [],
    } as unknown as Api;
    const log = pino({ level: 'silent' });
    const i18n = createI18n(async () => 'zh');
    const roster = createRosterBoard({
      services,
      i18n,
      admins: createAdminCache(),
      log,
      botUsername: () => 'model_post_bot',
      notify: createNotifier({ outbox: { send: () => Promise.resolve(true) }, i18n, services, log }),
    });
    const sync = createRosterSync({ services, roster, api: () => api, log });
    const top = await services.committees.bind({
      chatId: -7100,
      actorId: 9,
      kind: 'committee',
      name: '机关党委',
      unit: '机关',
    });
    const a = await services.branches.bind({ chatId: -7101, actorId: 1, name: '丁支部', unit: 'u' });
    const b = await services.branches.bind({ chatId: -7102, actorId: 2, name: '戊支部', unit: 'u' });
    await services.branches.setRosterMessage(a._id, 601);
    await services.branches.setRosterMessage(b._id, 602);
    await sync.sync();
    edits.clear();
    const award = (period: string, winner: typeof a, previous: typeof a | null) =>
      models.CommitteeAward.create({
        committeeId: top._id,
        kind: 'red-flag',
        period,
        rules: { redFlag: 'red-flag/2026.1' },
        inputs: { previousHolderId: previous ? String(previous._id) : null },
        result: { winnerId: String(winner._id) },
        winnerId: winner._id,
        computedAt: new Date(),
      });

    await award('2026-11', a, null);
    expect(await sync.sync()).toEqual([a._id.toString()]);
    expect(edits.get(-7101)).toContain('🚩 本支部持有“机关党委”流动红旗（2026年11月）');
    expect(await sync.sync()).toEqual([]);

    edits.clear();
    await new Promise((r) => setTimeout(r, 10));
    await award('2026-12', b, a);
    expect((await sync.sync()).sort()).toEqual([a._id.toString(), b._id.toString()].sort());
    expect(edits.get(-7101)).not.toContain('🚩');
    expect(edits.get(-7102)).toContain('🚩 本支部持有“机关党委”流动红旗（2026年12月）');
  });
});
