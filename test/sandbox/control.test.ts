import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxClient, type SbUser } from '../support/sandbox-client.js';
import { setup, type RawBot } from './helpers.js';

describe('control API and command lists', () => {
  let sb: SandboxClient;
  let bot: RawBot;
  let ann: SbUser;

  beforeAll(async () => {
    ({ sb, bot } = await setup());
    ann = await sb.createUser({
      first_name: '安',
      last_name: '张',
      username: 'an_z',
      language_code: 'zh-hans',
    });
  });
  afterAll(() => sb.close());

  it('creates users with names, usernames and language codes', () => {
    expect(ann).toEqual({
      id: expect.any(Number),
      is_bot: false,
      first_name: '安',
      last_name: '张',
      username: 'an_z',
      language_code: 'zh-hans',
    });
  });

  it('answers control errors as {error} with an HTTP status', async () => {
    const res = await fetch(`${sb.url}/sandbox/chats/-1/messages`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'chat -1 not found' });
    const bad = await fetch(`${sb.url}/sandbox/users`, { method: 'POST', body: '{}' });
    expect(bad.status).toBe(400);
  });

  it('shows history as users see it: bot messages with keyboards, user messages, service messages', async () => {
    const g = await sb.createGroup({ title: '支部', admins: [ann] });
    await sb.send(ann, g, '/hi');
    await bot.ok('sendMessage', {
      chat_id: g.id,
      text: 'hello',
      reply_markup: { inline_keyboard: [[{ text: 'ok', callback_data: 'ok' }]] },
    });
    const h = await sb.history(g);
    expect(h.chat).toMatchObject({ id: g.id, title: '支部', type: 'group' });
    expect(h.messages.map((m) => m.text ?? (m.group_chat_created ? 'created' : '?'))).toEqual([
      'created',
      '/hi',
      'hello',
    ]);
    expect(h.messages[2]!.reply_markup).toEqual({ inline_keyboard: [[{ text: 'ok', callback_data: 'ok' }]] });
  });

  it('resolves setMyCommands by scope and language as Telegram does', async () => {
    const g = await sb.createGroup({ admins: [ann], members: [] });
    await bot.ok('setMyCommands', { commands: [{ command: 'help', description: 'Help' }] });
    await bot.ok('setMyCommands', {
      commands: [{ command: 'help', description: '帮助' }],
      language_code: 'zh',
    });
    await bot.ok('setMyCommands', {
      commands: [{ command: 'settings', description: 'Settings' }],
      scope: { type: 'all_chat_administrators' },
    });
    const q = (chat: number, extra = '') =>
      sb.call<{ command: string; description: string }[]>(
        'GET',
        `/chats/${chat}/commands?user_id=${ann.id}${extra}`,
      );
    expect(await q(ann.id)).toEqual([{ command: 'help', description: '帮助' }]);
    expect(await q(ann.id, '&language_code=en')).toEqual([{ command: 'help', description: 'Help' }]);
    expect(await q(g.id)).toEqual([{ command: 'settings', description: 'Settings' }]);
    expect(await bot.ok('getMyCommands', { language_code: 'zh' })).toEqual([
      { command: 'help', description: '帮助' },
    ]);
    const bad = await bot.call('setMyCommands', { commands: [{ command: 'Bad-Name', description: 'x' }] });
    expect(bad.body.description).toBe('Bad Request: BOT_COMMAND_INVALID');
  });

  it('resets users, chats and files but keeps bots, whose update ids keep growing', async () => {
    const u = await sb.createUser({ first_name: 'Before' });
    await sb.send(u, u, '/start');
    const [before] = await bot.drain();
    await sb.reset();
    expect(await sb.call('GET', '/users')).toEqual([]);
    expect(await sb.call('GET', '/chats')).toEqual([]);
    expect((await bot.call('getMe')).body.ok).toBe(true);
    const v = await sb.createUser({ first_name: 'After' });
    await sb.send(v, v, '/start');
    const [after] = await bot.drain();
    expect(after!.update_id).toBeGreaterThan(before!.update_id);
    expect(await bot.ok('getMyCommands')).toEqual([{ command: 'help', description: 'Help' }]);
  });
});

describe('ids', () => {
  it('never gives a person the id of a bot whose token starts where user ids start', async () => {
    const fresh = await SandboxClient.start();
    try {
      const bot = await fresh.useBot('7000000001:sandbox-id-clash-test-token-0000000000');
      const people = await Promise.all([1, 2, 3].map((n) => fresh.createUser({ first_name: `U${n}` })));
      expect(people.map((p) => p.id)).not.toContain(bot.id);
      const token = '7000000001:sandbox-id-clash-test-token-0000000000';
      const named = await fresh.call<SbUser>('POST', '/bots', { token, first_name: '党员示范岗助手' });
      expect(named).toMatchObject({ id: bot.id, first_name: '党员示范岗助手' });
      expect(new Set(people.map((p) => p.id)).size).toBe(3);
    } finally {
      await fresh.close();
    }
  });
});
