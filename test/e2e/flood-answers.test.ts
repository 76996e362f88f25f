import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startBotProcess, type BotProcess } from '../support/bot-process.js';
import { answerParts } from '../support/answers.js';
import { SandboxClient, type SbChat, type SbUser } from '../support/sandbox-client.js';
import { freePort } from '../support/webhook-proxy.js';

/**
 * Many members, each under their own limit, flood one group with Telegram's limits on (README,
 * "Update pipeline" → "Flooded group"): two real bot replicas (either may handle the group; the
 * batch is in Redis) and the worker, over the sandbox.
 */
let sb: SandboxClient;
let bot: BotProcess;
let replica: BotProcess;
const ports: number[] = [];
let worker: BotProcess;
let secretary: SbUser;
let group: SbChat;
const members: SbUser[] = [];

beforeAll(async () => {
  sb = await SandboxClient.start({ rateLimits: true });
  const env = { QUEUE_PREFIX: `e2e${randomBytes(5).toString('hex')}` };
  ports.push(await freePort(), await freePort());
  bot = await startBotProcess({ apiRoot: sb.apiRoot, env: { ...env, PORT: String(ports[0]) } });
  replica = await bot.sibling({ env: { PORT: String(ports[1]) } });
  worker = await bot.sibling({ role: 'worker' });
  await sb.useBot(bot.token);
  secretary = await sb.createUser({ first_name: '刷屏书记', language_code: 'zh-hans' });
  for (let i = 0; i < 30; i++)
    members.push(await sb.createUser({ first_name: `群众${i}`, language_code: 'zh-hans' }));
  group = await sb.createGroup({ title: '热闹支部群', admins: [secretary], members });
  await sb.nextBotMessage(group);
  await sb.send(secretary, group, '/bind');
  await sb.reply(secretary, await sb.nextBotMessage(group, { timeoutMs: 15_000 }), '热闹支部');
  await sb.reply(secretary, await sb.nextBotMessage(group, { timeoutMs: 15_000 }), '测试单位');
  await sb.nextBotMessage(group, { match: /已绑定/, timeoutMs: 15_000 });
}, 120_000);
/** bot_group_answers_batched_total on a replica's /metrics, all label sets. */
async function batchedOn(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith('bot_group_answers_batched_total{'))
    .reduce((n, l) => n + Number(l.split(' ').pop()), 0);
}

afterAll(async () => {
  await bot?.stop();
  await replica?.stop();
  await worker?.stop();
  await sb?.close();
});

it('60 commands from 30 members: a bounded number of group messages, every command answered, other chats within 2 s', async () => {
  const other = await sb.createUser({ first_name: '隔壁', language_code: 'zh-hans' });
  const quiet = await sb.createGroup({ title: '安静群', admins: [other] });
  await sb.nextBotMessage(quiet);
  await sb.start(other);
  await sb.nextBotMessage(other);

  const started = Date.now();
  let firstCommand = 0;
  for (const m of members) {
    const help = await sb.send(m, group, '/help');
    firstCommand ||= help.message_id;
    await sb.send(m, group, '/card');
  }
  const sentIn = Date.now() - started;
  expect(sentIn).toBeLessThan(10_000);
  // Meanwhile another group and a private chat are answered at once.
  const asked = Date.now();
  await sb.send(other, other, '/help');
  await sb.send(other, quiet, '/help');
  await sb.nextBotMessage(other, { timeoutMs: 2_000 });
  await sb.nextBotMessage(quiet, { timeoutMs: 2_000 });
  expect(Date.now() - asked).toBeLessThan(2_000);

  // Every command answered once: each member's /card answer (it names them) is there once, for
  // them; each member is named by at most one /help answer, and the /help answers sent directly
  // (before Telegram refused the group more) make up the rest.
  const answers = async () =>
    (await sb.messages(group)).filter((m) => m.from?.is_bot && m.message_id > firstCommand);
  const isHelp = (t: string) => t.startsWith('您在') && t.includes('是群众身份');
  const complete = async () => {
    const parts = (await answers()).flatMap(answerParts);
    const cards = members.filter((m) => parts.some((p) => p.text === `${m.first_name} 还没有党员名片。`));
    const help = parts.filter((p) => isHelp(p.text));
    const named = help.flatMap((p) => p.users);
    return cards.length + named.length + help.filter((p) => p.users.length === 0).length;
  };
  await expect.poll(complete, { timeout: 90_000, interval: 500 }).toBe(60);
  const answeredIn = Date.now() - started;
  const sent = await answers();
  const parts = sent.flatMap(answerParts);
  for (const m of members) {
    const card = parts.filter((p) => p.text === `${m.first_name} 还没有党员名片。`);
    expect(card).toHaveLength(1);
    expect(card[0]!.users.filter((u) => u !== m.id)).toEqual([]);
  }
  const help = parts.filter((p) => isHelp(p.text));
  const named = help.flatMap((p) => p.users);
  expect(new Set(named).size).toBe(named.length);
  expect(parts).toHaveLength(help.length + members.length);
  console.info(
    `60 commands from 30 members (sent in ${sentIn} ms): ${sent.length} messages into the group, ` +
      `the last answer after ${answeredIn} ms`,
  );
  // Telegram takes about 20 a minute into a group: 60 answers one by one would take 3 minutes.
  expect(sent.length).toBeLessThanOrEqual(10);
  expect(answeredIn).toBeLessThan(60_000);
  for (const p of [bot, replica]) expect(p.output()).not.toContain('"update failed"');
  // /metrics of the two replicas: every answer not sent directly was counted as batched.
  const batched = await Promise.all(ports.map((port) => batchedOn(port)));
  const batches = sent.filter((m) => m.reply_to_message).length;
  console.info(`answers batched per replica: ${batched.join(', ')}`);
  expect(batched[0]! + batched[1]!).toBe(60 - (sent.length - batches));
  // The batches wait for their slot: the sender never met a 429 (which would hold the group).
  expect(worker.output()).not.toContain('telegram 429');
}, 180_000);
