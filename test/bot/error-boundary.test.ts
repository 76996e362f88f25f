import { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBoundary } from '../../src/bot/error-boundary.js';
import type { BotContext } from '../../src/context.js';
import { createI18n } from '../../src/i18n.js';
import { markAttempt } from '../../src/ingest/attempt.js';
import { createLogger } from '../../src/logger.js';
import { randomToken } from '../support/bot-process.js';
import { SandboxClient, type SbUser } from '../support/sandbox-client.js';

/**
 * The error boundary on a real grammY bot and the sandbox: a failure before the i18n middleware ran
 * still gets a sentence (it once threw `translate is not a function`); a queued update's failure goes
 * back to the queue, and the user hears of it once, on the last attempt.
 */
let sb: SandboxClient;
let user: SbUser;
let bot: Bot<BotContext>;
let nextId = 1;

beforeAll(async () => {
  sb = await SandboxClient.start();
  user = await sb.createUser({ first_name: '张三' });
  const token = randomToken();
  await sb.useBot(token);
  bot = new Bot<BotContext>(token, { client: { apiRoot: sb.apiRoot } });
  const i18n = createI18n(async () => 'zh');
  const app = bot.errorBoundary(errorBoundary(createLogger('silent'), i18n));
  // Fails before translation is installed, as a store lookup ahead of i18n can.
  app.command('early', () => {
    throw new Error('store lookup failed');
  });
  app.command('mongo', () => {
    throw Object.assign(new Error('connect ECONNREFUSED'), { name: 'MongoServerSelectionError' });
  });
  app.use(i18n);
  await bot.init();
  await sb.start(user);
});
afterAll(() => sb.close());

const command = (text: string): Update =>
  ({
    update_id: nextId++,
    message: {
      message_id: 1000 + nextId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: user.id, type: 'private', first_name: user.first_name },
      from: { id: user.id, is_bot: false, first_name: user.first_name },
      text,
      entities: [{ type: 'bot_command', offset: 0, length: text.length }],
    },
  }) as Update;
const answers = async () => (await sb.messages(user)).filter((m) => m.from?.is_bot).map((m) => m.text ?? '');

describe('error boundary', () => {
  it('answers a failure before i18n ran in the default language, without throwing', async () => {
    await expect(bot.handleUpdate(command('/early'))).resolves.toBeUndefined();
    expect(await answers()).toEqual(['抱歉，处理时出错了，请稍后再试。']);
  });

  it('gives a queued update back for another try silently, and answers on the last one', async () => {
    const u = command('/early');
    markAttempt(u, { attempt: 1, last: false, replayed: false });
    await expect(bot.handleUpdate(u)).rejects.toThrow('store lookup failed');
    expect(await answers()).toHaveLength(1);
    const last = command('/early');
    markAttempt(last, { attempt: 5, last: true, replayed: true });
    await expect(bot.handleUpdate(last)).rejects.toThrow('store lookup failed');
    expect(await answers()).toHaveLength(2);
  });

  it('never answers a store-away failure: the update waits for the store, however often tried', async () => {
    const u = command('/mongo');
    markAttempt(u, { attempt: 5, last: true, replayed: true });
    await expect(bot.handleUpdate(u)).rejects.toThrow('ECONNREFUSED');
    expect(await answers()).toHaveLength(2);
  });
});
