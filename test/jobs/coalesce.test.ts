import { randomUUID } from 'node:crypto';
import { Bot } from 'grammy';
import { autoRetry } from '@grammyjs/auto-retry';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, afterEach, describe, expect, it, inject } from 'vitest';
import {
  batchKey,
  composeAnswers,
  depositAnswer,
  takeBatch,
  type Answer,
  type Deposit,
} from '../../jobs/coalesce.js';
import { groupAnswers } from '../../src/bot/group-answers.js';
import { answersBatched } from '../../src/ops/metrics.js';
import type { BotContext } from '../../src/context.js';
import { answerParts } from '../support/answers.js';
import { senderHarness } from './harness.js';

/**
 * Answers to a flooded group coalesced (jobs/coalesce.ts, src/bot/group-answers.ts) on the real
 * Redis: the batch's rules, then a grammY bot under the sandbox's Telegram limits with the sender.
 */
const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: 1 });
afterAll(async () => {
  await redis.quit();
});

/** The batch a deposit went to ('' for none). */
const idOf = (d: Deposit) => ('id' in d ? d.id : '');

const answer = (user: number, name: string, h: string, m: number, k?: string) => ({
  a: `<a href="tg://user?id=${user}">${name}</a>`,
  n: name,
  h,
  m,
  ...(k && { k }),
  digest: `${h}|${k ?? ''}`,
});

describe('a group batch in Redis', () => {
  it('answers directly until a 429, then batches; identical answers once; the pace waits for the flood', async () => {
    const prefix = `t-${randomUUID()}`;
    const chat = -100;
    const now = 1_000_000;
    expect(await depositAnswer(redis, prefix, chat, answer(1, '甲', '帮助', 10), { now })).toEqual({
      state: 'direct',
    });
    // A 429 (retry_after 2 s): this answer opens a batch, and the sender's next slot is no earlier.
    const opened = await depositAnswer(redis, prefix, chat, answer(2, '乙', '帮助', 11), {
      now,
      floodedUntil: now + 2_000,
    });
    expect(opened.state).toBe('opened');
    const id = idOf(opened);
    expect(Number(await redis.get(`${prefix}:pace:${chat}`))).toBe(now + 2_000);
    // Until the batch is sent, answers join it (no direct answer overtakes it), even after the flood.
    for (const [u, name, h, m] of [
      [3, '丙', '帮助', 12],
      [1, '甲', '甲 还没有党员名片。', 13],
      [4, 'A&lt;b&gt;', '帮助', 14],
    ] as const)
      expect(await depositAnswer(redis, prefix, chat, answer(u, name, h, m), { now: now + 5_000 })).toEqual({
        state: 'joined',
        id,
      });
    const msg = await takeBatch(
      redis,
      prefix,
      { key: 'k', chatId: chat, batch: id },
      { gapMs: 3_000, now: now + 5_000 },
    );
    expect(msg).toMatchObject({
      chatId: chat,
      html: true,
      replyTo: 14,
      text:
        '<a href="tg://user?id=2">乙</a> <a href="tg://user?id=3">丙</a> <a href="tg://user?id=4">A&lt;b&gt;</a>\n帮助' +
        '\n\n<a href="tg://user?id=1">甲</a>\n甲 还没有党员名片。',
    });
    // A retried send builds the same message; the batch is closed, and for one gap no answer is direct.
    expect(
      await takeBatch(
        redis,
        prefix,
        { key: 'k', chatId: chat, batch: id },
        { gapMs: 3_000, now: now + 6_000 },
      ),
    ).toEqual(msg);
    const next = await depositAnswer(redis, prefix, chat, answer(5, '丁', '帮助', 15), { now: now + 6_000 });
    expect(next.state).toBe('opened');
    expect(idOf(next)).not.toBe(id);
    // Unknown or expired batch: nothing to send.
    expect(
      await takeBatch(redis, prefix, { key: 'k', chatId: chat, batch: 'gone' }, { gapMs: 3_000, now }),
    ).toBeUndefined();
  });

  it('a batch holds what fits in one message', async () => {
    const prefix = `t-${randomUUID()}`;
    const chat = -200;
    const now = 2_000_000;
    const flooded = { now, floodedUntil: now + 1_000, limit: 100 };
    const first = await depositAnswer(redis, prefix, chat, answer(1, '甲', 'x'.repeat(60), 1), flooded);
    // Identical text: only the mention counts.
    const same = await depositAnswer(redis, prefix, chat, answer(2, '乙', 'x'.repeat(60), 2), {
      now,
      limit: 100,
    });
    expect(same).toEqual({ state: 'joined', id: idOf(first) });
    // Another 60 characters would pass 100: the next batch.
    const over = await depositAnswer(redis, prefix, chat, answer(3, '丙', 'y'.repeat(60), 3), {
      now,
      limit: 100,
    });
    expect(over.state).toBe('opened');
    // No more answers than BATCH_ANSWERS (here 2), short as they are.
    const few = { now, answers: 2 };
    expect((await depositAnswer(redis, prefix, chat, answer(4, '丁', 'z', 4), few)).state).toBe('joined');
    expect((await depositAnswer(redis, prefix, chat, answer(5, '戊', 'z', 5), few)).state).toBe('opened');
  });

  it('answers with keyboards of their own: one keyboard, each button named after whom it is for', async () => {
    const prefix = `t-${randomUUID()}`;
    const chat = -250;
    const now = 2_500_000;
    const link = (to: string) =>
      JSON.stringify([[{ text: '💬 提意见', url: `https://t.me/bot?start=${to}` }]]);
    const first = await depositAnswer(redis, prefix, chat, answer(1, '甲', '名片甲', 1, link('a')), {
      now,
      floodedUntil: now + 1_000,
    });
    const id = idOf(first);
    for (const [u, name, h, m, k] of [
      [2, '乙', '名片甲', 2, link('a')],
      [3, '一个名字很长很长很长的群众', '名片丙', 3, link('c')],
      [4, '丁', '帮助', 4, undefined],
    ] as const)
      expect(await depositAnswer(redis, prefix, chat, answer(u, name, h, m, k), { now })).toEqual({
        state: 'joined',
        id,
      });
    // Two more buttons than BATCH_BUTTONS (here 2) allows: the next batch.
    expect(
      (await depositAnswer(redis, prefix, chat, answer(5, '戊', '名片戊', 5, link('e')), { now, buttons: 2 }))
        .state,
    ).toBe('opened');
    const sent = await takeBatch(redis, prefix, { key: 'k', chatId: chat, batch: id }, { gapMs: 3_000, now });
    expect(sent?.buttons).toEqual([
      [{ text: '甲 · 💬 提意见', url: 'https://t.me/bot?start=a' }],
      [{ text: '一个名字很长很长很长的… · 💬 提意见', url: 'https://t.me/bot?start=c' }],
    ]);
    expect(sent?.text).toBe(
      '<a href="tg://user?id=1">甲</a> <a href="tg://user?id=2">乙</a>\n名片甲' +
        '\n\n<a href="tg://user?id=3">一个名字很长很长很长的群众</a>\n名片丙' +
        '\n\n<a href="tg://user?id=4">丁</a>\n帮助',
    );
    // One keyboard for all: kept as it is.
    expect(
      composeAnswers([
        { a: 'A', n: '甲', h: '去私聊', m: 1, k: link('x') },
        { a: 'B', n: '乙', h: '去私聊', m: 2, k: link('x') },
      ]).keyboard,
    ).toEqual(JSON.parse(link('x')));
  });

  it('two replicas (two connections) put their answers in the same batch, each once', async () => {
    const prefix = `t-${randomUUID()}`;
    const chat = -300;
    const now = 3_000_000;
    const other = redis.duplicate();
    try {
      const a = await depositAnswer(redis, prefix, chat, answer(1, '甲', '帮助', 1), {
        now,
        floodedUntil: now + 1_000,
      });
      const b = await depositAnswer(other, prefix, chat, answer(2, '乙', '帮助', 2), { now });
      expect(a.state).toBe('opened');
      expect(b).toEqual({ state: 'joined', id: idOf(a) });
      // The same answer to the same command again (its update handled again after a crash), even
      // after the batch was sent and the flood is over: neither batched nor sent twice.
      const sent = await takeBatch(
        redis,
        prefix,
        { key: 'k', chatId: chat, batch: idOf(a) },
        { gapMs: 1, now },
      );
      expect(
        await depositAnswer(other, prefix, chat, answer(2, '乙', '帮助', 2), { now: now + 60_000 }),
      ).toEqual({
        state: 'again',
      });
      expect(sent?.text).toBe('<a href="tg://user?id=1">甲</a> <a href="tg://user?id=2">乙</a>\n帮助');
      expect(
        await depositAnswer(other, prefix, chat, answer(3, '丙', '帮助', 3), { now: now + 60_000 }),
      ).toEqual({
        state: 'direct',
      });
    } finally {
      await other.quit();
    }
  });

  it('one answer alone goes out as it was, replying to its command', () => {
    const a: Answer = { a: '<a href="tg://user?id=1">甲</a>', n: '甲', h: '帮助', m: 7 };
    expect(composeAnswers([a])).toEqual({ text: '帮助', replyTo: 7 });
    expect(composeAnswers([a, { ...a, m: 8 }])).toEqual({ text: `${a.a}\n帮助`, replyTo: 8 });
  });
});

describe('a flooded group under Telegram limits', () => {
  let h: Awaited<ReturnType<typeof senderHarness>> | undefined;
  let bot: Bot<BotContext> | undefined;
  afterEach(async () => {
    await bot?.stop();
    await h?.close();
  });

  it('answers 40 commands of 20 members in a few messages, at once, every member named', async () => {
    h = await senderHarness({ rateLimits: true });
    const members = [];
    for (let i = 0; i < 20; i++) members.push(await h.sb.createUser({ first_name: `成员${i}` }));
    const group = await h.sb.createGroup({
      title: '刷屏群',
      admins: [members[0]!],
      members: members.slice(1),
    });
    const answers = groupAnswers({
      redis,
      prefix: h.prefix,
      outbox: h.outbox,
      log: pino({ level: 'silent' }),
    });
    bot = new Bot<BotContext>(h.token, { client: { apiRoot: h.sb.apiRoot } });
    bot.api.config.use(answers.transformer);
    bot.api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 120 }));
    bot.use(answers.middleware);
    let handled = 0;
    bot.command('help', async (ctx) => {
      await ctx.reply('可用命令：/help /card');
      handled++;
    });
    bot.command('card', async (ctx) => {
      // A keyboard of its own per member, like a card's feedback link.
      await ctx.reply(`<b>${ctx.from!.first_name}</b> 还没有党员名片。`, {
        parse_mode: 'HTML',
        reply_markup: {
          inline_keyboard: [[{ text: '登记', url: `https://t.me/bot?start=join${ctx.from!.id}` }]],
        },
      });
      handled++;
    });
    await bot.init();
    void bot.start();
    h.startSender();
    const started = Date.now();
    for (const m of members) {
      await h.sb.send(m, group, '/help');
      await h.sb.send(m, group, '/card');
    }
    // Handled without waiting out Telegram's group limit (at 20 a minute that would take 2 minutes).
    await expect.poll(() => handled, { timeout: 15_000 }).toBe(40);
    const handledIn = Date.now() - started;
    await h.drained(30_000);
    const sent = (await h.sb.messages(group)).filter((m) => m.from?.is_bot);
    console.info(`40 commands: handled in ${handledIn} ms, ${sent.length} messages into the group`);
    expect(handledIn).toBeLessThan(15_000);
    expect(sent.length).toBeLessThanOrEqual(12);
    // Every command answered once: each /card answer (it names its member) is there once, for its
    // member; each member is named by at most one /help answer, and the unnamed ones (sent
    // directly, before the flood) make up the rest.
    const parts = sent.flatMap(answerParts);
    for (const m of members) {
      const card = parts.filter((p) => p.text === `${m.first_name} 还没有党员名片。`);
      expect(card).toHaveLength(1);
      expect(card[0]!.users.filter((u) => u !== m.id)).toEqual([]);
    }
    const help = parts.filter((p) => p.text === '可用命令：/help /card');
    const named = help.flatMap((p) => p.users);
    expect(new Set(named).size).toBe(named.length);
    expect(named.length + help.filter((p) => p.users.length === 0).length).toBe(members.length);
    expect(parts).toHaveLength(help.length + members.length);
    // Each /card answer's button is there once; where it shares a message with others, named.
    const buttons = sent.flatMap((m) => (m.reply_markup?.inline_keyboard ?? []).flat());
    for (const m of members) {
      const own = buttons.filter((b) => b.url === `https://t.me/bot?start=join${m.id}`);
      expect(own).toHaveLength(1);
      expect([`${m.first_name} · 登记`, '登记']).toContain(own[0]!.text);
    }
    expect(buttons).toHaveLength(members.length);
    // Coalesced: some answers went out in batches, and /metrics counts them.
    expect(named.length).toBeGreaterThan(0);
    const batched = (await answersBatched.get()).values;
    expect(batched.find((v) => v.labels.batch === 'opened')?.value).toBeGreaterThan(0);
    expect(batched.reduce((n, v) => n + v.value, 0)).toBe(
      40 - sent.length + batched.find((v) => v.labels.batch === 'opened')!.value,
    );
  }, 90_000);

  it('a batch Telegram refuses (429) waits alone: the sender goes on with other chats', async () => {
    // 1 message per 5 s into a chat: a refused batch is told to wait up to 5 s.
    h = await senderHarness({ rateLimits: { perChatPerSecond: 0.2, perChatBurst: 1 } });
    const asker = await h.sb.createUser({ first_name: '甲' });
    const reader = await h.sb.createUser({ first_name: '乙' });
    const group = await h.sb.createGroup({ title: '刷屏群', admins: [asker] });
    await h.sb.start(reader);
    await h.api.sendMessage(group.id, '直接回答'); // takes the group's one message
    const cmd = await h.sb.send(asker, group, '/help');
    const d = await depositAnswer(redis, h.prefix, group.id, answer(asker.id, '甲', '帮助', cmd.message_id), {
      floodedUntil: Date.now() + 1,
    });
    expect(d.state).toBe('opened');
    const id = idOf(d);
    await h.outbox.send({ key: batchKey(group.id, id), chatId: group.id, batch: id });
    h.startSender();
    await expect.poll(async () => (await h!.queue.getDelayed()).length, { timeout: 5_000 }).toBe(1);
    const refusedAt = Date.now();
    await h.outbox.send({ key: 't:other-chat', chatId: reader.id, text: '别的聊天' });
    await h.sb.nextBotMessage(reader, { timeoutMs: 3_000 });
    // Not held by the group's wait (only the refused group waits).
    const otherIn = Date.now() - refusedAt;
    await h.drained(20_000);
    const inGroup = (await h.sb.messages(group)).filter((m) => m.from?.is_bot);
    expect(inGroup.map((m) => m.text)).toEqual(['直接回答', '帮助']);
    expect(inGroup[1]!.reply_to_message?.message_id).toBe(cmd.message_id);
    const sentAfter = Date.now() - refusedAt;
    console.info(
      `refused batch: another chat answered after ${otherIn} ms, the batch sent within ${sentAfter} ms`,
    );
    expect(otherIn).toBeLessThan(2_500);
    expect((await h.queue.getCompleted()).map((j) => j.returnvalue).sort()).toEqual(['sent', 'sent']);
    expect(await h.queue.getFailed()).toEqual([]);
  }, 60_000);
});
