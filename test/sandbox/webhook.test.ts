import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxClient, SbUser } from '../support/sandbox-client.js';
import { setup, type RawBot } from './helpers.js';

type Upd = { update_id: number; message?: { text?: string; chat: { id: number } } };
interface Hit {
  update: Upd;
  secret: string | undefined;
}

/** A webhook receiver; `answer` decides each response's status (after an optional delay). */
async function receiver(answer: (u: Upd, n: number) => number | Promise<number> = () => 200) {
  const hits: Hit[] = [];
  let inflight = 0;
  let maxInflight = 0;
  const server: Server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', async () => {
      inflight++;
      maxInflight = Math.max(maxInflight, inflight);
      const update = JSON.parse(body) as Upd;
      const h = req.headers['x-telegram-bot-api-secret-token'];
      hits.push({ update, secret: typeof h === 'string' ? h : undefined });
      const status = await answer(update, hits.length);
      inflight--;
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return {
    url,
    hits,
    maxInflight: () => maxInflight,
    close: () => new Promise((r) => server.close(r)),
  };
}

const until = async (cond: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('webhooks', () => {
  let sb: SandboxClient;
  let bot: RawBot;
  let ann: SbUser;
  let bob: SbUser;
  const closers: (() => Promise<unknown>)[] = [];

  beforeEach(async () => {
    ({ sb, bot } = await setup());
    ann = await sb.createUser({ first_name: 'Ann' });
    bob = await sb.createUser({ first_name: 'Bob' });
  });
  afterEach(async () => {
    await bot.call('deleteWebhook');
    for (const c of closers.splice(0)) await c();
    await sb.close();
  });

  it('refuses what Telegram refuses: http to a public host, other ports, a secret with other characters', async () => {
    const refused = async (params: Record<string, unknown>) => (await bot.call('setWebhook', params)).body;
    expect(await refused({ url: 'http://example.org/hook' })).toMatchObject({
      error_code: 400,
      description: 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook',
    });
    expect(await refused({ url: 'https://example.org:9000/hook' })).toMatchObject({
      description: 'Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443',
    });
    expect(await refused({ url: 'https://example.org/hook', secret_token: 'a:b' })).toMatchObject({
      description: 'Bad Request: secret token contains unallowed characters',
    });
    expect(await bot.ok('getWebhookInfo')).toMatchObject({ url: '', pending_update_count: 0 });
  });

  it('delivers by POST with the secret header, confirms on 200, and getUpdates answers 409 meanwhile', async () => {
    const hook = await receiver();
    closers.push(hook.close);
    expect(
      await bot.ok('setWebhook', { url: hook.url, secret_token: 's3cret_-X', max_connections: 500 }),
    ).toBe(true);
    expect(await bot.ok('getWebhookInfo')).toMatchObject({ url: hook.url, max_connections: 100 });
    await sb.send(ann, ann, 'hello');
    await until(() => hook.hits.length === 1);
    expect(hook.hits[0]).toMatchObject({ secret: 's3cret_-X', update: { message: { text: 'hello' } } });
    await sleep(50);
    expect(await bot.ok('getWebhookInfo')).toMatchObject({ pending_update_count: 0 });
    const poll = await bot.call('getUpdates');
    expect(poll.status).toBe(409);
    expect(poll.body.description).toBe(
      "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    );
  });

  it('sends an update again until it gets a 2xx, keeping the last error; nothing is lost', async () => {
    const hook = await receiver((_u, n) => (n <= 2 ? 500 : 200));
    closers.push(hook.close);
    await bot.ok('setWebhook', { url: hook.url });
    await sb.send(ann, ann, 'one');
    await sb.send(ann, ann, 'two');
    await until(() => hook.hits.length >= 4);
    const texts = hook.hits.map((h) => h.update.message?.text);
    expect(texts).toEqual(['one', 'one', 'one', 'two']);
    expect(hook.hits[0]!.update.update_id).toBe(hook.hits[2]!.update.update_id);
    const info = await bot.ok<Record<string, unknown>>('getWebhookInfo');
    expect(info.last_error_message).toBe('Wrong response from the webhook: 500 Internal Server Error');
    expect(typeof info.last_error_date).toBe('number');
  });

  it('keeps each chat in order, runs different chats in parallel, and never exceeds max_connections', async () => {
    const hook = await receiver(async () => {
      await sleep(40);
      return 200;
    });
    closers.push(hook.close);
    await bot.ok('setWebhook', { url: hook.url, max_connections: 2 });
    const carol = await sb.createUser({ first_name: 'Carol' });
    for (let i = 0; i < 5; i++) for (const u of [ann, bob, carol]) await sb.send(u, u, `${u.first_name}${i}`);
    await until(() => hook.hits.length === 15);
    for (const u of [ann, bob, carol]) {
      const mine = hook.hits
        .filter((h) => h.update.message?.chat.id === u.id)
        .map((h) => h.update.message?.text);
      expect(mine).toEqual([0, 1, 2, 3, 4].map((i) => `${u.first_name}${i}`));
    }
    expect(hook.maxInflight()).toBe(2);
  });

  it('a failing chat does not hold the others', async () => {
    const hook = await receiver((u) => (u.message?.chat.id === ann.id ? 500 : 200));
    closers.push(hook.close);
    await bot.ok('setWebhook', { url: hook.url });
    await sb.send(ann, ann, 'stuck');
    await sb.send(bob, bob, 'b1');
    await sb.send(bob, bob, 'b2');
    await until(() => hook.hits.filter((h) => h.update.message?.chat.id === bob.id).length === 2);
    expect(await bot.ok('getWebhookInfo')).toMatchObject({ pending_update_count: 1 });
  });

  it('after deleteWebhook the pending updates come through getUpdates', async () => {
    const hook = await receiver(() => 503);
    closers.push(hook.close);
    await bot.ok('setWebhook', { url: hook.url });
    await sb.send(ann, ann, 'kept');
    await until(() => hook.hits.length >= 1);
    await bot.ok('deleteWebhook');
    const got = await bot.drain<Upd>();
    expect(got.map((u) => u.message?.text)).toEqual(['kept']);
  });
});

describe('--latency-ms', () => {
  it('adds the given time to every Bot API call', async () => {
    const { sb, bot } = await setup({ latencyMs: 150 });
    try {
      const t0 = Date.now();
      await bot.ok('getMe');
      expect(Date.now() - t0).toBeGreaterThanOrEqual(145);
    } finally {
      await sb.close();
    }
  });
});
