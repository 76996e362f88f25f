import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomToken, startBotProcess, type BotProcess } from '../support/bot-process.js';
import { SandboxClient, type SbChat, type SbUser } from '../support/sandbox-client.js';
import { freePort, startWebhookProxy } from '../support/webhook-proxy.js';

/**
 * The update pipeline through real processes (issue 13): webhook mode with two bot replicas behind a
 * load balancer and the worker; polling mode with two replicas sharing the polling lease.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const botTexts = async (sb: SandboxClient, chat: { id: number }) =>
  (await sb.messages(chat)).filter((m) => m.from?.is_bot).map((m) => m.text ?? '');
/** Sum of one Prometheus counter (all label sets) on a process's /metrics. */
async function counter(port: number, name: string, labels = ''): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith(name) && l.includes(labels))
    .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
}

describe('webhook mode: two bot replicas and the worker', () => {
  let sb: SandboxClient;
  const replicas: Array<{ port: number; proc: BotProcess; alive: boolean }> = [];
  let worker: BotProcess;
  let proxy: Awaited<ReturnType<typeof startWebhookProxy>>;
  let user: SbUser;
  const secret = randomBytes(16).toString('hex');

  beforeAll(async () => {
    sb = await SandboxClient.start();
    proxy = await startWebhookProxy(() => replicas.filter((r) => r.alive).map((r) => r.port));
    const token = randomToken();
    const env = {
      QUEUE_PREFIX: `e2e${randomBytes(5).toString('hex')}`,
      BOT_MODE: 'webhook',
      WEBHOOK_URL: `${proxy.url}/telegram`,
      WEBHOOK_SECRET: secret,
      UPDATE_CONCURRENCY: '8',
    };
    const ports = [await freePort(), await freePort()];
    const first = await startBotProcess({
      apiRoot: sb.apiRoot,
      token,
      env: { ...env, PORT: String(ports[0]) },
    });
    const second = await first.sibling({ env: { PORT: String(ports[1]) } });
    for (const [i, proc] of [first, second].entries()) replicas.push({ port: ports[i]!, proc, alive: true });
    worker = await first.sibling({ role: 'worker' });
    await sb.useBot(token);
    user = await sb.createUser({ first_name: '张三', language_code: 'zh-hans' });
  }, 120_000);
  afterAll(async () => {
    for (const r of replicas) await r.proc.stop();
    await worker?.stop();
    await proxy?.close();
    await sb?.close();
  });

  it('sets the webhook with its secret; a POST without the secret is refused 401', async () => {
    const info = await (await fetch(`${sb.apiRoot}/bot${replicas[0]!.proc.token}/getWebhookInfo`)).json();
    expect(info.result).toMatchObject({ url: `${proxy.url}/telegram`, max_connections: 40 });
    expect(info.result.allowed_updates).toContain('chat_member');
    const post = (headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${replicas[0]!.port}/telegram`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ update_id: 1, message: { chat: { id: 1 } } }),
      });
    expect((await post({})).status).toBe(401);
    expect((await post({ 'x-telegram-bot-api-secret-token': 'wrong' })).status).toBe(401);
    for (const r of replicas) expect((await fetch(`http://127.0.0.1:${r.port}/readyz`)).status).toBe(200);
  });

  it('answers commands; the same update delivered twice is handled once', async () => {
    await sb.start(user);
    await sb.nextBotMessage(user);
    const cmd = await sb.send(user, user, '/help');
    await sb.nextBotMessage(user, { match: /help|\/join/ });
    const before = await botTexts(sb, user);
    const redelivered = await sb.redeliver(cmd);
    expect(redelivered.update_id).toBeGreaterThan(0);
    await sleep(1_500);
    expect(await botTexts(sb, user)).toEqual(before);
    let duplicates = 0;
    for (const r of replicas)
      duplicates += await counter(r.port, 'bot_updates_received_total', 'duplicate="true"');
    expect(duplicates).toBe(1);
  });

  it('a replica killed in the middle of a burst of 500 over 20 groups: every update answered once, in order per chat', async () => {
    const member = await sb.createUser({ first_name: '李四' });
    const groups: SbChat[] = [];
    for (let i = 0; i < 20; i++) {
      const g = await sb.createGroup({ title: `压测群${i}`, admins: [member] });
      await sb.nextBotMessage(g);
      groups.push(g);
    }
    // Two commands with different answers in a random order per group: the answers' order shows
    // whether each group's updates were handled in the order sent.
    const plans = groups.map(() =>
      Array.from({ length: 25 }, () => (Math.random() < 0.5 ? 'help' : 'cancel')),
    );
    let sent = 0;
    const sending = groups.map(async (g, i) => {
      for (const cmd of plans[i]!) {
        await sb.send(member, g, `/${cmd}`);
        sent++;
      }
    });
    while (sent < 150) await sleep(5);
    replicas[1]!.alive = false;
    await replicas[1]!.proc.stop('SIGKILL');
    await Promise.all(sending);
    const kindOf = (t: string) => (t.includes('尚未绑定') ? 'help' : t.includes('没有进行中') ? 'cancel' : t);
    const answered = async () =>
      (await Promise.all(groups.map((g) => botTexts(sb, g)))).map((t) => t.slice(1).map(kindOf));
    // The killed replica's calls whose requests had left are not made again by the replica that
    // handles their updates again (the replay guard's wire marker, src/bot/replay-guard.ts): it logs
    // each as in doubt, naming the chat. Telegram has no idempotency key, so such a call was carried
    // out or not, and nobody can know which: almost always it was, but a request cut off by the kill
    // is lost (seen once in CI under load: 499 answers of 500), never repeated.
    const inDoubtSends = () => {
      const perChat = new Map<number, number>();
      for (const line of replicas[0]!.proc.output().split('\n')) {
        if (!line.includes('replay guard: the request left before a crash')) continue;
        const { method, chatId } = JSON.parse(line) as { method: string; chatId: number };
        if (method === 'sendMessage') perChat.set(chatId, (perChat.get(chatId) ?? 0) + 1);
      }
      return perChat;
    };
    const total = (a: string[][]) => a.reduce((n, x) => n + x.length, 0);
    await expect
      .poll(async () => total(await answered()) + [...inDoubtSends().values()].reduce((n, x) => n + x, 0), {
        timeout: 90_000,
        interval: 500,
      })
      .toBeGreaterThanOrEqual(500);
    // Then until no more answers come.
    let last = -1;
    for (let now = total(await answered()); now !== last; now = total(await answered())) {
      last = now;
      await sleep(2_000);
    }
    const answers = await answered();
    const doubt = inDoubtSends();
    // Per group the answers are the plan, one for one: every update answered, none twice, in the
    // order sent. Only in a chat with a send in doubt may answers be missing, no more than the sends
    // in doubt there, and what came is still the plan in order, none twice.
    const inOrderWithin = (got: string[], plan: string[]) => {
      let i = 0;
      for (const k of got) {
        while (i < plan.length && plan[i] !== k) i++;
        if (i++ >= plan.length) return false;
      }
      return true;
    };
    for (const [i, g] of groups.entries()) {
      const missing = plans[i]!.length - answers[i]!.length;
      if (missing === 0) expect(answers[i], g.title).toEqual(plans[i]);
      else {
        expect(missing, `${g.title}: answers missing without a send in doubt`).toBeLessThanOrEqual(
          doubt.get(g.id) ?? 0,
        );
        expect(missing, `${g.title}: more answers than commands`).toBeGreaterThan(0);
        expect(inOrderWithin(answers[i]!, plans[i]!), `${g.title}: ${answers[i]!.join(',')}`).toBe(true);
      }
    }
    const lost = 500 - total(answers);
    const inDoubt = replicas[0]!.proc.output().split('in doubt, not repeated').length - 1;
    console.info(
      `calls in doubt after the kill (request left, not repeated): ${inDoubt}; answers lost: ${lost}`,
    );
  }, 180_000);
});

describe('polling mode: the polling lease', () => {
  let sb: SandboxClient;
  const procs: BotProcess[] = [];

  beforeAll(async () => {
    sb = await SandboxClient.start();
    const token = randomToken();
    const env = { QUEUE_PREFIX: `e2e${randomBytes(5).toString('hex')}` };
    const first = await startBotProcess({ apiRoot: sb.apiRoot, token, env });
    procs.push(first, await first.sibling());
    await sb.useBot(token);
  }, 120_000);
  afterAll(async () => {
    for (const p of procs) await p.stop();
    await sb?.close();
  });

  it('moves to another replica within 10 s of the holder being killed; nothing sent meanwhile is lost', async () => {
    const taken = (p: BotProcess) => p.output().split('polling lease taken').length - 1;
    await expect.poll(() => procs.map(taken).reduce((a, b) => a + b), { timeout: 10_000 }).toBe(1);
    const holder = procs.find((p) => taken(p) === 1)!;
    const other = procs.find((p) => p !== holder)!;
    const user = await sb.createUser({ first_name: '王五', language_code: 'zh-hans' });
    await sb.start(user);
    await sb.nextBotMessage(user);
    await holder.stop('SIGKILL');
    const killedAt = Date.now();
    await sb.send(user, user, '/help');
    await expect.poll(() => taken(other), { timeout: 10_000, interval: 100 }).toBe(1);
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    await sb.nextBotMessage(user, { timeoutMs: 10_000 });
  }, 60_000);
});

describe('flood: one member floods a group with Telegram limits on', () => {
  let sb: SandboxClient;
  let bot: BotProcess;
  let worker: BotProcess;

  beforeAll(async () => {
    sb = await SandboxClient.start({ rateLimits: true });
    // 5 commands per minute here (the default is 20 per 10 s), so the whole flood falls in one window.
    const env = {
      QUEUE_PREFIX: `e2e${randomBytes(5).toString('hex')}`,
      FLOOD_COMMANDS: '5',
      FLOOD_WINDOW_S: '60',
    };
    bot = await startBotProcess({ apiRoot: sb.apiRoot, env });
    // The worker sends the answers the flooded group gets in a batch (jobs/coalesce.ts).
    worker = await bot.sibling({ role: 'worker' });
    await sb.useBot(bot.token);
  }, 60_000);
  afterAll(async () => {
    await bot?.stop();
    await worker?.stop();
    await sb?.close();
  });

  it('500 commands into one group: one notice, and a private chat and another group are answered within 2 s', async () => {
    const flooder = await sb.createUser({ first_name: '刷屏者' });
    const other = await sb.createUser({ first_name: '路人', language_code: 'zh-hans' });
    const flooded = await sb.createGroup({ title: '刷屏群', admins: [flooder] });
    const quiet = await sb.createGroup({ title: '安静群', admins: [other] });
    await sb.nextBotMessage(flooded);
    await sb.nextBotMessage(quiet);
    await sb.start(other);
    await sb.nextBotMessage(other);
    const started = Date.now();
    for (let i = 0; i < 500; i++) await sb.send(flooder, flooded, '/help');
    expect(Date.now() - started).toBeLessThan(10_000);
    const asked = Date.now();
    await sb.send(other, other, '/help');
    await sb.send(other, quiet, '/help');
    await sb.nextBotMessage(other, { timeoutMs: 2_000 });
    await sb.nextBotMessage(quiet, { timeoutMs: 2_000 });
    expect(Date.now() - asked).toBeLessThan(2_000);
    // The flooder's first 5 are answered, the other 495 are dropped with one notice. Answered
    // directly until Telegram refuses the group more (its burst), then in one batch of answers
    // sent by the worker (the same answer to the same person once: README, "Update pipeline").
    // (Answered while the flood was still being sent: earlier in the chat than the last command.)
    await sb.waitForMessage(flooded, (m) => m.from?.is_bot === true && /过于频繁/.test(m.text ?? ''), 20_000);
    const answered = async () => (await sb.messages(flooded)).filter((m) => m.from?.is_bot).slice(1);
    const direct = (await answered()).filter((m) => m.text?.includes('尚未绑定') && !m.reply_to_message);
    expect(direct.length).toBeGreaterThanOrEqual(1);
    expect(direct.length).toBeLessThanOrEqual(5);
    if (direct.length < 5)
      await sb.waitForMessage(
        flooded,
        (m) =>
          m.from?.is_bot === true &&
          /尚未绑定/.test(m.text ?? '') &&
          m.reply_to_message?.from?.id === flooder.id,
        20_000,
      );
    await sleep(1_000);
    const texts = (await answered()).map((m) => m.text ?? '');
    expect(texts.filter((t) => t.includes('过于频繁'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('尚未绑定'))).toHaveLength(
      direct.length < 5 ? direct.length + 1 : 5,
    );
    expect(texts).toHaveLength(direct.length < 5 ? direct.length + 2 : 6);
  }, 60_000);
});
