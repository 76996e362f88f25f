import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pingRedis } from '../../src/local-redis/ping.js';
import { startBotProcess, type BotProcess } from '../support/bot-process.js';
import { SandboxClient, type SbUser } from '../support/sandbox-client.js';
import { freePort } from '../support/webhook-proxy.js';

/**
 * Issue 13: Redis killed (SIGKILL) in the middle of a burst and started again on its files, as
 * production runs it (append-only file; `appendfsync always` here so the test does not depend on
 * the second a kill lands in). Nothing is lost: every command is answered, once, in order per chat.
 */
let dir: string;
let port: number;
let redis: ChildProcess;
let sb: SandboxClient;
let bot: BotProcess;

async function startRedis(): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    [
      ...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''],
      ...['--appendonly', 'yes', '--appendfsync', 'always', '--maxmemory-policy', 'noeviction'],
    ],
    { stdio: 'ignore' },
  );
  const deadline = Date.now() + 10_000;
  while (!(await pingRedis('127.0.0.1', port))) {
    if (Date.now() > deadline) throw new Error('redis-server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return child;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'redis-restart-'));
  port = await freePort();
  redis = await startRedis();
  sb = await SandboxClient.start();
  bot = await startBotProcess({
    apiRoot: sb.apiRoot,
    env: { REDIS_URL: `redis://127.0.0.1:${port}`, QUEUE_PREFIX: 'e2eredis' },
  });
  await sb.useBot(bot.token);
}, 60_000);

afterAll(async () => {
  const code = await bot?.stop();
  await sb?.close();
  redis?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
  if (code !== 0) throw new Error(`bot exited with ${code}:\n${bot.output().slice(-3000)}`);
});

describe('Redis killed mid-burst and started again', () => {
  it('loses nothing: every command answered once, in order per chat', async () => {
    // Two commands with different answers, alternating, so the order of the answers shows.
    const kindOf = (text: string | undefined) =>
      /\/language/.test(text ?? '') ? 'help' : /党员名片/.test(text ?? '') ? 'me' : 'other';
    const people: SbUser[] = [];
    for (let i = 0; i < 5; i++) {
      const u = await sb.createUser({ first_name: `用户${i}`, language_code: 'zh-hans' });
      await sb.start(u);
      await sb.nextBotMessage(u);
      people.push(u);
    }
    const PER = 12;
    const burst = (async () => {
      for (let n = 0; n < PER; n++) {
        await Promise.all(people.map((u) => sb.send(u, u, n % 2 === 0 ? '/help' : '/me')));
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    await new Promise((r) => setTimeout(r, 400));
    redis.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 2_000));
    redis = await startRedis();
    await burst;

    const answers = async (u: SbUser) =>
      (await sb.messages(u))
        .filter((m) => m.from?.is_bot && kindOf(m.text) !== 'other')
        .map((m) => kindOf(m.text));
    const expected = Array.from({ length: PER }, (_, n) => (n % 2 === 0 ? 'help' : 'me'));
    for (const u of people)
      await expect.poll(async () => (await answers(u)).length, { timeout: 60_000, interval: 500 }).toBe(PER);
    // None twice (a few seconds more for a late one), and in the order the commands were sent.
    await new Promise((r) => setTimeout(r, 3000));
    for (const u of people) expect(await answers(u)).toEqual(expected);
    // The bot did see Redis go (and stayed up: afterAll checks its exit code).
    expect(bot.output()).toMatch(/redis: connection error|unreachable/);
  }, 150_000);
});
