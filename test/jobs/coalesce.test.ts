import { randomUUID } from 'node:crypto';
import { Bot } from 'grammy';
import { autoRetry } from '@grammyjs/auto-retry';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, afterEach, describe, expect, it, inject } from 'vitest';
import { batchBase, composeAnswers, depositAnswer, takeBatch, type Answer } from '../../jobs/coalesce.js';
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

const answer = (user: number, name: string, h: string, m: number, buttons = '') => ({
  a: `<a href="tg://user?id=${user}">${name}</a>`,
  h,
  m,
  buttons,
  digest: `${h}|${buttons}`,
  nameLength: name.length,
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
    const id = opened.state === 'direct' ? '' : opened.id;
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
    expect(next.state !== 'direct' && next.id).not.toBe(id);
    // Unknown or expired batch: nothing to send.
    expect(
      await takeBatch(redis, prefix, { key: 'k', chatId: chat, batch: 'gone' }, { gapMs: 3_000, now }),
    ).toBeUndefined();
  });

  it('a batch holds what fits in one message; other buttons open the next batch', async () => {
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
    expect(same).toEqual(first.state === 'direct' ? {} : { state: 'joined', id: first.id });
    // Another 60 characters would pass 100: the next batch.
    const over = await depositAnswer(redis, prefix, chat, answer(3, '丙', 'y'.repeat(60), 3), {
      now,
      limit: 100,
    });
    expect(over.state).toBe('opened');
    const kb = JSON.stringify({ inline_keyboard: [[{ text: '打开', url: 'https://t.me/bot?start=a' }]] });
    const other = JSON.stringify({ inline_keyboard: [[{ text: '打开', url: 'https://t.me/bot?start=b' }]] });
    const withKb = await depositAnswer(redis, prefix, chat, answer(4, '丁', 'z', 4, kb), { now, limit: 100 });
    expect(withKb).toEqual(over.state === 'direct' ? {} : { state: 'joined', id: over.id });
    const otherKb = await depositAnswer(redis, prefix, chat, answer(5, '戊', 'z', 5, other), {
      now,
      limit: 100,
    });
    expect(otherKb.state).toBe('opened');
    const sent = await takeBatch(
      redis,
      prefix,
      { key: 'k', chatId: chat, batch: over.state === 'direct' ? '' : over.id },
      { gapMs: 3_000, now },
    );
    expect(sent?.buttons).toEqual([[{ text: '打开', url: 'https://t.me/bot?start=a' }]]);
    expect(await redis.exists(`${batchBase(prefix, chat)}:open`)).toBe(1);
    // And no more answers than BATCH_ANSWERS (here 2), short as they are.
    const few = { now, limit: 4096, answers: 2 };
    const full = await depositAnswer(redis, prefix, chat, answer(6, '己', 'z', 6, other), few);
    expect(full.state).toBe('joined');
    expect((await depositAnswer(redis, prefix, chat, answer(7, '庚', 'z', 7, other), few)).state).toBe(
      'opened',
    );
  });

  it('two replicas (two connections) put their answers in the same batch', async () => {
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
      expect(b).toEqual({ state: 'joined', id: a.state === 'direct' ? '' : a.id });
    } finally {
      await other.quit();
    }
  });

  it('one answer alone goes out as it was, replying to its command', () => {
    const a: Answer = { a: '<a href="tg://user?id=1">甲</a>', h: '帮助', m: 7 };
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
      await ctx.reply(`<b>${ctx.from!.first_name}</b> 还没有党员名片。`, { parse_mode: 'HTML' });
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
    // Coalesced: some answers went out in batches, and /metrics counts them.
    expect(named.length).toBeGreaterThan(0);
    const batched = (await answersBatched.get()).values;
    expect(batched.find((v) => v.labels.batch === 'opened')?.value).toBeGreaterThan(0);
    expect(batched.reduce((n, v) => n + v.value, 0)).toBe(
      40 - sent.length + batched.find((v) => v.labels.batch === 'opened')!.value,
    );
  }, 90_000);
});
