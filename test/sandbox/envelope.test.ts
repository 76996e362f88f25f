import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxClient, SbUser } from '../support/sandbox-client.js';
import { setup, type RawBot } from './helpers.js';

describe('Bot API envelopes, tokens, method names and request bodies', () => {
  let sb: SandboxClient;
  let bot: RawBot;
  let user: SbUser;

  beforeAll(async () => {
    ({ sb, bot } = await setup());
    user = await sb.createUser({ first_name: 'Ann' });
    await sb.start(user);
  });
  afterAll(() => sb.close());

  it('answers {ok:true,result} for getMe with a bot user derived from the token', async () => {
    const a = await bot.call('getMe');
    expect(a.status).toBe(200);
    expect(a.body).toEqual({
      ok: true,
      result: expect.objectContaining({ id: bot.id, is_bot: true, username: expect.stringMatching(/bot$/) }),
    });
  });

  it('answers 401 Unauthorized for a token not of Telegram shape', async () => {
    for (const token of ['nope', '123:short', 'abc:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
      const res = await fetch(`${sb.url}/bot${token}/getMe`);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ ok: false, error_code: 401, description: 'Unauthorized' });
    }
  });

  it('answers 404 Not Found for an unknown method', async () => {
    const a = await bot.call('sendTelepathy');
    expect(a.status).toBe(404);
    expect(a.body).toEqual({ ok: false, error_code: 404, description: 'Not Found' });
  });

  it('matches method names case-insensitively', async () => {
    for (const m of ['getme', 'GETME', 'GetMe']) expect((await bot.call(m)).body.ok).toBe(true);
  });

  it('answers errors as {ok:false,error_code,description}', async () => {
    const a = await bot.call('sendMessage', { chat_id: user.id });
    expect(a.status).toBe(400);
    expect(a.body).toEqual({ ok: false, error_code: 400, description: 'Bad Request: message text is empty' });
  });

  it('reads JSON, form-urlencoded, multipart and query-string parameters alike', async () => {
    const json = await bot.call<{ text: string }>('sendMessage', { chat_id: user.id, text: 'json' });
    expect(json.body.result?.text).toBe('json');
    const form = await bot.call<{ text: string; reply_markup: unknown }>(
      'sendMessage',
      {
        chat_id: String(user.id),
        text: '表单',
        reply_markup: { inline_keyboard: [[{ text: 'x', callback_data: 'y' }]] },
      },
      true,
    );
    expect(form.body.result?.text).toBe('表单');
    expect(form.body.result?.reply_markup).toEqual({
      inline_keyboard: [[{ text: 'x', callback_data: 'y' }]],
    });
    const fd = new FormData();
    fd.set('chat_id', String(user.id));
    fd.set('text', 'multipart');
    const mp = await fetch(`${sb.url}/bot${bot.token}/sendMessage`, { method: 'POST', body: fd });
    expect(((await mp.json()) as { result: { text: string } }).result.text).toBe('multipart');
    const q = await fetch(`${sb.url}/bot${bot.token}/sendMessage?chat_id=${user.id}&text=query`);
    expect(((await q.json()) as { result: { text: string } }).result.text).toBe('query');
  });

  it('answers 400 for a JSON body that does not parse', async () => {
    const res = await fetch(`${sb.url}/bot${bot.token}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"chat_id": ',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { ok: boolean }).ok).toBe(false);
  });

  it('gives 64-bit-safe ids above 2^32 to users and negative ids to groups', async () => {
    const u = await sb.createUser({ first_name: 'Big' });
    expect(u.id).toBeGreaterThan(2 ** 32);
    expect(Number.isSafeInteger(u.id)).toBe(true);
    const g = await sb.createGroup({ admins: [u], type: 'supergroup' });
    expect(g.id).toBeLessThan(-1_000_000_000_000);
    expect(Number.isSafeInteger(g.id)).toBe(true);
  });
});
