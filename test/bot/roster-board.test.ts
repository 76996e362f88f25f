import { describe, expect, it } from 'vitest';
import type { Api } from 'grammy';
import pino from 'pino';
import { createRosterBoardKeeper } from '../../jobs/roster-board.js';
import { workerTranslate } from '../../jobs/deps.js';
import type { Models } from '../../src/db/models/index.js';
import { createI18n } from '../../src/i18n.js';
import type { Branch } from '../../src/services/branch-service.js';
import { createServices } from '../../src/services/index.js';
import type { OutgoingMessage } from '../../src/services/notice.js';
import { storeFixture } from '../support/mongo.js';
import { testRosterBoard } from '../support/roster-board.js';
import { joinCard } from '../support/seed.js';
import { actor } from '../support/actor.js';

let models: Models;
storeFixture('rosterboard', (m) => (models = m));

const card = joinCard;

/**
 * The sender queue as the bot and the worker see it: a key sent already is refused (the sent
 * marker), a key still queued is not queued twice (BullMQ's job id).
 */
function fakeOutbox() {
  const queued: OutgoingMessage[] = [];
  const sent = new Set<string>();
  return {
    queued,
    sent,
    async send(m: OutgoingMessage) {
      if (sent.has(m.key)) return false;
      if (!queued.some((q) => q.key === m.key)) queued.push(m);
      return true;
    },
  };
}

function world(pin: 'ok' | 'refused' = 'ok') {
  const services = createServices({ models, clock: () => new Date() });
  const log = pino({ level: 'silent' });
  const i18n = createI18n(async () => 'zh');
  const calls: string[] = [];
  const edits: { id: number; text: string }[] = [];
  const api = {
    sendMessage: async () => {
      throw new Error('the bot must not post the board itself');
    },
    editMessageText: async (_chat: number, id: number, text: string) => {
      calls.push('editMessageText');
      edits.push({ id, text });
      return true;
    },
    pinChatMessage: async () => {
      calls.push('pinChatMessage');
      if (pin === 'refused') throw new Error('Bad Request: not enough rights to pin a message');
      return true;
    },
    getChatAdministrators: async () => [],
  } as unknown as Api;
  const outbox = fakeOutbox();
  const roster = testRosterBoard({ services, i18n, log, outbox });
  const keeper = createRosterBoardKeeper({ services, api, outbox, t: workerTranslate(), log });
  /** The sender posting a queued board: the text at send time, then the id kept. */
  async function sendBoard(m: OutgoingMessage, messageId: number) {
    const out = await keeper.prepare(m);
    if (!out) return null;
    return async () => {
      outbox.sent.add(m.key);
      if (m.keep?.kind === 'roster-board') await keeper.kept(m.keep, messageId, out);
    };
  }
  const branchOf = async (b: Branch) => (await services.branches.byId(b._id.toString()))!;
  async function confirm(b: Branch, userId: number, name: string) {
    const { member } = await services.members.submitCard(b._id, userId, card(name));
    await services.members.review(b._id, actor(b.secretaryId), member._id.toString(), 'confirm');
    await roster(api, await branchOf(b));
  }
  return { services, api, outbox, roster, keeper, sendBoard, calls, edits, branchOf, confirm };
}

describe('roster board', () => {
  it('a new board goes on the sender queue under one key per generation, posted with the newest text', async () => {
    const w = world();
    const b = await w.services.branches.bind({ chatId: -7101, actorId: 1, name: '甲支部', unit: 'u' });
    await w.confirm(b, 11, '王芳');
    await w.confirm(b, 12, '李强'); // before the worker has posted the first board
    expect(w.outbox.queued.map((m) => [m.key, m.chatId, m.keep])).toEqual([
      [`roster-board:${b._id.toString()}:g0`, -7101, { kind: 'roster-board', id: b._id.toString(), gen: 0 }],
    ]);
    const post = await w.sendBoard(w.outbox.queued[0]!, 501);
    expect(post).not.toBeNull();
    await post!();
    expect(w.edits).toEqual([]); // the text read at send time had both
    expect((await w.branchOf(b)).rosterMessageId).toBe(501);
    expect(w.calls).toEqual(['pinChatMessage']);
  });

  it('a confirmation between the post and the kept id is edited in by the worker; later ones by the bot', async () => {
    const w = world();
    const b = await w.services.branches.bind({ chatId: -7102, actorId: 1, name: '乙支部', unit: 'u' });
    await w.confirm(b, 21, '王芳');
    const post = await w.sendBoard(w.outbox.queued[0]!, 601); // text read: 王芳 only
    await w.confirm(b, 22, '李强');
    await post!();
    expect(w.edits.map((e) => e.id)).toEqual([601]);
    expect(w.edits[0]!.text).toContain('李强');
    await w.confirm(b, 23, '张伟');
    expect(w.edits.map((e) => e.id)).toEqual([601, 601]);
    expect(w.edits[1]!.text).toContain('张伟');
    expect(w.outbox.queued).toHaveLength(1);
    expect(w.calls).toEqual(['editMessageText', 'pinChatMessage', 'editMessageText']);
  });

  it('the pin refused: the missing right is marked and the group told once, through the outbox', async () => {
    const w = world('refused');
    const b = await w.services.branches.bind({ chatId: -7103, actorId: 1, name: '丙支部', unit: 'u' });
    await w.confirm(b, 31, '王芳');
    await (await w.sendBoard(w.outbox.queued[0]!, 701))!();
    expect((await w.branchOf(b)).missingRights).toEqual(['pin']);
    const told = () => w.outbox.queued.filter((m) => m.key.startsWith('rights-missing-pin:'));
    expect(told().map((m) => [m.chatId, m.text])).toEqual([[-7103, expect.stringContaining('置顶')]]);
    // The board is lost (deleted in the group): the next one is a new generation, told not again.
    await w.services.branches.rosterLost(b._id, 701);
    await w.confirm(b, 32, '李强');
    const next = w.outbox.queued.filter((m) => m.key.startsWith('roster-board:'));
    expect(next.map((m) => m.key)).toEqual([
      `roster-board:${b._id.toString()}:g0`,
      `roster-board:${b._id.toString()}:g1`,
    ]);
    await (await w.sendBoard(next[1]!, 702))!();
    expect((await w.branchOf(b)).rosterMessageId).toBe(702);
    expect(told()).toHaveLength(1);
  });

  it('a board sent in doubt keeps no id and pins nothing; the next refresh posts a board of the next generation', async () => {
    const w = world();
    const b = await w.services.branches.bind({ chatId: -7104, actorId: 1, name: '丁支部', unit: 'u' });
    await w.confirm(b, 41, '王芳');
    // The sender settles it in doubt: counted as sent, onSent never called (no real id).
    w.outbox.sent.add(w.outbox.queued[0]!.key);
    const after = await w.branchOf(b);
    expect(after.rosterMessageId ?? null).toBeNull();
    expect(after.missingRights).toEqual([]);
    expect(w.calls).toEqual([]);
    await w.roster(w.api, after);
    expect(w.outbox.queued.map((m) => m.key)).toEqual([
      `roster-board:${b._id.toString()}:g0`,
      `roster-board:${b._id.toString()}:g1`,
    ]);
  });

  it('a queued board no longer wanted (another generation kept meanwhile) is not posted', async () => {
    const w = world();
    const b = await w.services.branches.bind({ chatId: -7105, actorId: 1, name: '戊支部', unit: 'u' });
    await w.confirm(b, 51, '王芳');
    await w.services.branches.nextRosterGen(b._id, 0);
    expect(await w.sendBoard(w.outbox.queued[0]!, 801)).toBeNull();
  });
});
