import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { Bot } from 'grammy';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createReplayGuard } from '../../src/bot/replay-guard.js';
import { markAttempt } from '../../src/ingest/attempt.js';
import type { BotContext } from '../../src/context.js';
import { randomToken } from '../support/bot-process.js';
import { SandboxClient, type SbUser } from '../support/sandbox-client.js';

/**
 * The replay guard on a real grammY bot, the sandbox and the real Redis: an update handled again
 * after a crash in the middle makes each Bot API call once; Redis away, the guard steps aside.
 */
let sb: SandboxClient;
let user: SbUser;
const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: 1 });
const errors: unknown[] = [];
const logLines: string[] = [];
const log = pino(
  { level: 'info' },
  new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(chunk.toString());
      done();
    },
  }),
);

/** A bot with the guard on `guardRedis` whose /two answers twice, crashing between on its first try. */
async function startBot(guardRedis: Redis) {
  const token = randomToken();
  const bot = new Bot<BotContext>(token, { client: { apiRoot: sb.apiRoot } });
  const guard = createReplayGuard(guardRedis, {
    prefix: `t${randomBytes(4).toString('hex')}`,
    botId: Number(token.split(':')[0]),
    log,
  });
  bot.api.config.use(guard.transformer);
  bot.use(guard.middleware);
  let attempts = 0;
  bot.command('two', async (ctx) => {
    attempts++;
    await ctx.reply('第一句');
    if (attempts === 1) throw new Error('crashed after the first answer');
    await ctx.reply('第二句');
  });
  bot.catch((err) => void errors.push(err.error));
  await bot.init();
  void bot.start();
  await sb.useBot(token);
  return { bot, attempts: () => attempts };
}

beforeAll(async () => {
  sb = await SandboxClient.start();
  user = await sb.createUser({ first_name: '张三' });
});
afterAll(async () => {
  await sb.close();
  await redis.quit();
});

const texts = async () => (await sb.messages(user)).filter((m) => m.from?.is_bot).map((m) => m.text);

describe('an update handled again after a crash in the middle', () => {
  it('makes each call once: the answer already sent is not sent again, the rest is', async () => {
    const { bot, attempts } = await startBot(redis);
    try {
      await sb.start(user);
      const cmd = await sb.send(user, user, '/two');
      await sb.nextBotMessage(user, { match: /第一句/ });
      await expect.poll(() => errors.length).toBe(1);
      // Handled again (Telegram sends it again: the crash came before the receipt was confirmed).
      await sb.redeliver(cmd);
      await sb.nextBotMessage(user, { match: /第二句/ });
      expect(attempts()).toBe(2);
      expect(await texts()).toEqual(['第一句', '第二句']);
      // Handled to the end, sent once more: skipped whole.
      await sb.redeliver(cmd);
      await expect.poll(() => logLines.some((l) => l.includes('update already handled'))).toBe(true);
      expect(attempts()).toBe(2);
      expect(await texts()).toEqual(['第一句', '第二句']);
    } finally {
      await bot.stop();
    }
  });

  it('with Redis away the guard steps aside, says so once in the log, and the bot still answers', async () => {
    const away = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 1, lazyConnect: true });
    away.on('error', () => logLines.push('test: redis away (expected)'));
    const { bot } = await startBot(away);
    const other = await sb.createUser({ first_name: '李四' });
    try {
      await sb.start(other);
      await sb.send(other, other, '/two');
      await sb.nextBotMessage(other, { match: /第一句/ });
      const warned = logLines.filter((l) => l.includes('replay guard: Redis unreachable'));
      expect(warned).toHaveLength(1);
    } finally {
      await bot.stop();
      away.disconnect();
    }
  });

  it('does not take another update that reuses an id (a restarted sandbox starts at 1) for one handled', async () => {
    const guard = createReplayGuard(redis, { prefix: `t${randomBytes(4).toString('hex')}`, botId: 1, log });
    const handled: string[] = [];
    const run = (update: { update_id: number; message: { text: string } }) =>
      guard.middleware(
        { update } as unknown as BotContext,
        async () => void handled.push(update.message.text),
      );
    await run({ update_id: 1, message: { text: 'first' } });
    await run({ update_id: 1, message: { text: 'first' } }); // sent again: skipped
    await run({ update_id: 1, message: { text: 'another' } }); // same id, another update: handled
    expect(handled).toEqual(['first', 'another']);
  });

  it('looks nothing up for an update the queue hands out the first time, and everything when handed out again', async () => {
    const guard = createReplayGuard(redis, { prefix: `t${randomBytes(4).toString('hex')}`, botId: 1, log });
    const handled: number[] = [];
    const run = (update: { update_id: number }) =>
      guard.middleware({ update } as unknown as BotContext, async () => void handled.push(update.update_id));
    const update = { update_id: 7 };
    await run(update); // handled to the end (outside the queue): its done marker is kept
    // The queue says no process handled it before: the guard does not ask Redis, so it handles it.
    const first = { update_id: 7 };
    markAttempt(first, { attempt: 1, last: false, replayed: false });
    await run(first);
    // Handed out again (a holder died): the done marker is read and the update skipped.
    const again = { update_id: 7 };
    markAttempt(again, { attempt: 2, last: false, replayed: true });
    await run(again);
    expect(handled).toEqual([7, 7]);
  });
});
