import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/mongo-embedded/index.js';
import { startBotProcess, type BotProcess } from '../support/bot-process.js';
import { SandboxClient, type SbUser } from '../support/sandbox-client.js';

/**
 * Issue 13, "stores away": the bot's MongoDB (an embedded store of this test alone) stops for
 * 20 s while people keep sending commands. The bot process stays up, /readyz says it is not ready,
 * the updates wait in the queue, and once the store is back every command is answered, none twice.
 */
let dir: string;
let store: EmbeddedMongo;
let sb: SandboxClient;
let bot: BotProcess;
let readyz: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stores-away-'));
  store = await startEmbeddedMongo({ dbpath: dir });
  sb = await SandboxClient.start();
  bot = await startBotProcess({
    apiRoot: sb.apiRoot,
    env: {
      MONGODB_URI: `mongodb://127.0.0.1:${store.port}/storesaway`,
      QUEUE_PREFIX: `e2e${randomBytes(5).toString('hex')}`,
    },
  });
  await sb.useBot(bot.token);
  const port = /"port":(\d+)[^\n]*ops server listening/.exec(bot.output())?.[1];
  if (!port) throw new Error(`no ops server port in the bot's log:\n${bot.output()}`);
  readyz = `http://127.0.0.1:${port}/readyz`;
}, 60_000);

afterAll(async () => {
  const code = await bot?.stop();
  await sb?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
  if (code !== 0) throw new Error(`bot exited with ${code}:\n${bot.output().slice(-3000)}`);
});

const status = async () => (await fetch(readyz).catch(() => null))?.status ?? 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the store away for 20 s', () => {
  it('keeps the process up, says not ready, and answers every command once when the store is back', async () => {
    const people: SbUser[] = [];
    for (const name of ['甲', '乙']) {
      const u = await sb.createUser({ first_name: name, language_code: 'zh-hans' });
      await sb.start(u);
      await sb.nextBotMessage(u);
      people.push(u);
    }
    expect(await status()).toBe(200);

    await store.close();
    const stoppedAt = Date.now();
    // Four /help each, spread over the first seconds of the outage.
    for (let i = 0; i < 4; i++)
      for (const u of people) {
        await sb.send(u, u, '/help');
        await sleep(300);
      }
    await expect.poll(status, { timeout: 15_000, interval: 500 }).toBe(503);
    await sleep(Math.max(0, 20_000 - (Date.now() - stoppedAt)));
    // Nothing was answered meanwhile, and nobody was told of an internal error.
    for (const u of people) expect((await sb.messages(u)).filter((m) => m.from?.is_bot)).toHaveLength(1);

    store = await startEmbeddedMongo({ dbpath: dir, port: store.port });
    const answers = async (u: SbUser) =>
      (await sb.messages(u)).filter((m) => m.from?.is_bot && /\/language/.test(m.text ?? '')).length;
    for (const u of people) await expect.poll(() => answers(u), { timeout: 60_000, interval: 500 }).toBe(4);
    await expect.poll(status, { timeout: 15_000, interval: 500 }).toBe(200);
    // None twice (a few seconds more for any late duplicate), and no internal error said.
    await sleep(3000);
    for (const u of people) {
      expect(await answers(u)).toBe(4);
      expect((await sb.messages(u)).some((m) => /出错/.test(m.text ?? ''))).toBe(false);
    }
  }, 150_000);
});
