import { afterAll, beforeAll, expect, it } from 'vitest';
import { startBotProcess, type BotProcess } from '../support/bot-process.js';
import { SandboxClient, type SbChat, type SbUser } from '../support/sandbox-client.js';

// Telegram answers 429 when a chat gets messages faster than it allows. Here one message per chat
// per second, no burst: every dialog question that follows another message at once is refused first.
let sb: SandboxClient;
let bot: BotProcess;
let secretary: SbUser;
let group: SbChat;

beforeAll(async () => {
  sb = await SandboxClient.start({
    rateLimits: { perChatPerSecond: 1, perChatBurst: 1, perGroupPerMinute: 60, globalPerSecond: 30 },
  });
  bot = await startBotProcess({ apiRoot: sb.apiRoot });
  await sb.useBot(bot.token);
  secretary = await sb.createUser({ first_name: '限流书记', language_code: 'zh-hans' });
  group = await sb.createGroup({ title: '限流测试支部群', admins: [secretary] });
}, 60_000);
afterAll(async () => {
  await bot?.stop();
  await sb?.close();
});

it('dialogs wait out 429 retry_after instead of failing (auto-retry inside conversations too)', async () => {
  await sb.nextBotMessage(group); // the bot introduces itself: the chat's one message this second
  await sb.send(secretary, group, '/bind');
  const ask = await sb.nextBotMessage(group, { timeoutMs: 15_000 });
  expect(ask.text).not.toContain('出错');
  await sb.reply(secretary, ask, '限流测试支部');
  const askUnit = await sb.nextBotMessage(group, { timeoutMs: 15_000 });
  await sb.reply(secretary, askUnit, '测试单位');
  const done = await sb.nextBotMessage(group, { match: /已绑定/, timeoutMs: 15_000 });
  expect(done.text).toContain('限流测试支部');
  const texts = (await sb.messages(group)).map((m) => m.text ?? '');
  expect(texts.filter((t) => t.includes('出错'))).toEqual([]);
  expect(bot.output()).not.toContain('"update failed"');
});
