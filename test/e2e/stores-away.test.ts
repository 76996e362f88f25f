import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/mongo-embedded/index.js';
import { startBotProcess, type BotProcess } from '../support/bot-process.js';
import { SandboxClient, type SbChat, type SbUser } from '../support/sandbox-client.js';
import { freePort } from '../support/webhook-proxy.js';

/**
 * The store stopped for 20 s under a running bot (issue 13, "stores away"): the process stays up,
 * /readyz says not ready, and every command sent meanwhile is answered once the store is back,
 * none twice. The bot has a store of its own here, so the test can stop it.
 */
let sb: SandboxClient;
let bot: BotProcess;
let mongo: EmbeddedMongo | undefined;
let mongoPort: number;
let opsPort: number;
const dir = mkdtempSync(join(tmpdir(), 'mp-stores-away-'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ready = async () => (await fetch(`http://127.0.0.1:${opsPort}/readyz`)).status;

beforeAll(async () => {
  mongo = await startEmbeddedMongo({ port: 0, dbpath: dir });
  mongoPort = mongo.port;
  opsPort = await freePort();
  sb = await SandboxClient.start();
  bot = await startBotProcess({
    apiRoot: sb.apiRoot,
    env: {
      MONGODB_URI: `mongodb://127.0.0.1:${mongoPort}/stores_away_${randomBytes(4).toString('hex')}`,
      QUEUE_PREFIX: `e2e${randomBytes(5).toString('hex')}`,
      PORT: String(opsPort),
    },
  });
  await sb.useBot(bot.token);
}, 60_000);
afterAll(async () => {
  await bot?.stop();
  await sb?.close();
  await mongo?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('the store away for 20 s: the bot stays up, is not ready, and answers every command once it is back', async () => {
  const users: SbUser[] = [];
  for (let i = 0; i < 4; i++) {
    const u = await sb.createUser({ first_name: `用户${i}`, language_code: 'zh-hans' });
    await sb.start(u);
    await sb.nextBotMessage(u);
    users.push(u);
  }
  const group = await sb.createGroup({ title: '断库群', admins: [users[0]!] });
  await sb.nextBotMessage(group);
  expect(await ready()).toBe(200);

  await mongo!.close();
  mongo = undefined;
  for (const u of users) await sb.send(u, u, '/help');
  await sb.send(users[0]!, group, '/help');
  await sleep(5_000);
  expect(await ready()).toBe(503);
  await sleep(15_000);
  expect(bot.output()).not.toContain('"update failed"');

  mongo = await startEmbeddedMongo({ port: mongoPort, dbpath: dir });
  for (const u of users) await sb.nextBotMessage(u, { timeoutMs: 40_000 });
  await sb.nextBotMessage(group, { timeoutMs: 40_000 });
  await expect.poll(ready, { timeout: 20_000 }).toBe(200);
  await sleep(3_000);
  // Once each: the welcome and one answer per private chat, the greeting and one answer in the group.
  for (const u of users) expect((await sb.messages(u)).filter((m) => m.from?.is_bot)).toHaveLength(2);
  expect((await sb.messages(group)).filter((m) => m.from?.is_bot)).toHaveLength(2);
  expect(bot.output()).not.toContain('parked');
}, 120_000);

/** A Redis of this test's own (the run's shared Redis must not be restarted), with its data on disk. */
function startRedis(port: number, dataDir: string) {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dataDir, '--appendonly', 'yes', '--save', ''],
    { stdio: 'ignore' },
  );
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        // SIGTERM: Redis writes its append-only file and exits, as on a restart.
        child.kill('SIGTERM');
      }),
  };
}

it('Redis restarted in the middle of a burst: every command answered, none lost', async () => {
  const redisDir = mkdtempSync(join(tmpdir(), 'mp-redis-away-'));
  const port = await freePort();
  let redis = startRedis(port, redisDir);
  await sleep(300);
  const sb2 = await SandboxClient.start();
  const bot2 = await startBotProcess({
    apiRoot: sb2.apiRoot,
    env: {
      REDIS_URL: redis.url,
      MONGODB_URI: `mongodb://127.0.0.1:${mongoPort}/redis_away_${randomBytes(4).toString('hex')}`,
      QUEUE_PREFIX: `e2e${randomBytes(5).toString('hex')}`,
    },
  });
  try {
    await sb2.useBot(bot2.token);
    const member = await sb2.createUser({ first_name: '甲' });
    const groups: SbChat[] = [];
    for (let i = 0; i < 5; i++) {
      const g = await sb2.createGroup({ title: `重启群${i}`, admins: [member] });
      await sb2.nextBotMessage(g);
      groups.push(g);
    }
    const sending = groups.map(async (g) => {
      for (let i = 0; i < 10; i++) {
        await sb2.send(member, g, '/help');
        await sleep(50);
      }
    });
    await sleep(200);
    await redis.stop();
    await sleep(2_000);
    redis = startRedis(port, redisDir);
    await Promise.all(sending);
    const answers = async () =>
      await Promise.all(
        groups.map(async (g) => (await sb2.messages(g)).filter((m) => m.from?.is_bot).length - 1),
      );
    await expect.poll(async () => (await answers()).reduce((a, b) => a + b, 0), { timeout: 40_000 }).toBe(50);
    await sleep(2_000);
    expect(await answers()).toEqual([10, 10, 10, 10, 10]);
    // It stayed up through the restart and stops cleanly.
    expect(await bot2.stop()).toBe(0);
  } finally {
    await bot2.stop();
    await sb2.close();
    await redis.stop();
    rmSync(redisDir, { recursive: true, force: true });
  }
}, 120_000);
