import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxClient, SbMessage, SbUser } from '../support/sandbox-client.js';
import { setup, type RawBot } from './helpers.js';

type Upd = {
  update_id: number;
  message?: SbMessage & { new_chat_members?: SbUser[]; left_chat_member?: SbUser };
  my_chat_member?: {
    chat: { id: number };
    new_chat_member: { status: string };
    old_chat_member: { status: string };
  };
  chat_member?: { new_chat_member: { status: string; user: SbUser } };
};

describe('privacy mode, members joining and leaving, deep links', () => {
  let sb: SandboxClient;
  let bot: RawBot;
  let ann: SbUser;
  let bob: SbUser;

  beforeEach(async () => {
    ({ sb, bot } = await setup());
    ann = await sb.createUser({ first_name: 'Ann', username: 'ann_sandbox' });
    bob = await sb.createUser({ first_name: 'Bob' });
  });
  afterEach(() => sb.close());

  const texts = async () => (await bot.drain<Upd>()).map((u) => u.message?.text).filter(Boolean);

  it('with privacy on, a member bot sees only commands for it, replies to it and service messages', async () => {
    const me = await bot.ok<{ username: string }>('getMe');
    const g = await sb.createGroup({ admins: [ann], members: [bob] });
    const first = await bot.drain<Upd>();
    expect(first.some((u) => u.message?.group_chat_created)).toBe(true);
    expect(first.some((u) => u.my_chat_member?.new_chat_member.status === 'member')).toBe(true);
    await sb.send(ann, g, 'just chatting');
    await sb.send(ann, g, '/help');
    await sb.send(ann, g, `/help@${me.username} now`);
    await sb.send(ann, g, '/help@some_other_bot');
    const mine = await bot.ok<SbMessage>('sendMessage', { chat_id: g.id, text: 'bot says' });
    await sb.send(bob, g, { text: 'replying to the bot', reply_to_message_id: mine.message_id });
    expect(await texts()).toEqual(['/help', `/help@${me.username} now`, 'replying to the bot']);
    await sb.member(g, await sb.createUser({ first_name: 'Cy' }), 'join');
    expect((await bot.drain<Upd>()).some((u) => u.message?.new_chat_members)).toBe(true);
  });

  it('sees every message as an admin, or with privacy off', async () => {
    const g = await sb.createGroup({ admins: [ann], botAdmin: true });
    await sb.send(ann, g, 'hello admins');
    expect(await texts()).toEqual(['hello admins']);
    await sb.useBot(bot.token, { privacy: false });
    expect(await bot.ok('getMe')).toMatchObject({ can_read_all_group_messages: true });
    const g2 = await sb.createGroup({ admins: [ann] });
    await bot.drain();
    await sb.send(ann, g2, 'plain text');
    expect(await texts()).toEqual(['plain text']);
  });

  it('emits service messages and chat_member / my_chat_member updates as members come and go', async () => {
    const g = await sb.createGroup({ admins: [ann], botAdmin: true });
    await bot.ok('getUpdates', { allowed_updates: ['message', 'chat_member', 'my_chat_member'] });
    await bot.drain();
    await sb.member(g, bob, 'join');
    const join = await bot.drain<Upd>();
    expect(join.find((u) => u.message)?.message?.new_chat_members).toEqual([bob]);
    expect(join.find((u) => u.chat_member)?.chat_member?.new_chat_member).toMatchObject({
      status: 'member',
      user: bob,
    });
    await sb.member(g, bob, 'promote');
    expect((await bot.drain<Upd>()).map((u) => u.chat_member?.new_chat_member.status)).toEqual([
      'administrator',
    ]);
    await sb.member(g, bob, 'leave');
    const leave = await bot.drain<Upd>();
    expect(leave.find((u) => u.message)?.message?.left_chat_member).toEqual(bob);
    expect(leave.find((u) => u.chat_member)?.chat_member?.new_chat_member.status).toBe('left');
    expect(await bot.ok('getChatMember', { chat_id: g.id, user_id: bob.id })).toMatchObject({
      status: 'left',
    });

    await sb.member(g, bot.id, 'kick', ann);
    const kicked = await bot.drain<Upd>();
    expect(kicked.map((u) => u.my_chat_member?.new_chat_member.status)).toEqual(['kicked']);
    const refused = await bot.call('sendMessage', { chat_id: g.id, text: 'x' });
    expect(refused.body).toMatchObject({
      error_code: 403,
      description: 'Forbidden: bot was kicked from the group chat',
    });

    await sb.member(g, bot.id, 'add', ann);
    const back = await bot.drain<Upd>();
    expect(back.some((u) => u.my_chat_member?.new_chat_member.status === 'member')).toBe(true);
    expect(back.some((u) => u.message?.new_chat_members?.[0]?.id === bot.id)).toBe(true);
  });

  it('opens t.me deep links from a URL button: /start <payload> in private, startgroup adds the bot', async () => {
    const me = await bot.ok<{ username: string }>('getMe');
    const g = await sb.createGroup({ admins: [ann], members: [bob] });
    const m = await bot.ok<SbMessage>('sendMessage', {
      chat_id: g.id,
      text: '点这里',
      reply_markup: {
        inline_keyboard: [[{ text: '报名', url: `https://t.me/${me.username}?start=join_42` }]],
      },
    });
    await bot.drain();
    expect((await bot.call('sendMessage', { chat_id: bob.id, text: 'x' })).status).toBe(403);
    await sb.pressButton(bob, m, '报名');
    const upd = await bot.drain<Upd>();
    expect(upd.map((u) => [u.message?.chat.id, u.message?.text])).toEqual([[bob.id, '/start join_42']]);
    expect((await bot.call('sendMessage', { chat_id: bob.id, text: '欢迎' })).body.ok).toBe(true);

    const other = await sb.createGroup({ admins: [ann] });
    await sb.member(other, bot.id, 'leave', ann);
    await bot.drain();
    await sb.openLink(ann, `https://t.me/${me.username}?startgroup=x1`, other);
    const added = await bot.drain<Upd>();
    expect(added.some((u) => u.my_chat_member?.new_chat_member.status === 'member')).toBe(true);
    expect(added.some((u) => u.message?.text === `/start@${me.username} x1`)).toBe(true);
  });

  it('lets users press callback buttons: the bot gets a callback_query and answers it once', async () => {
    const g = await sb.createGroup({ admins: [ann] });
    const m = await bot.ok<SbMessage>('sendMessage', {
      chat_id: g.id,
      text: 'pick',
      reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] },
    });
    await bot.drain();
    const { callback_query_id } = await sb.press(ann, g, m.message_id, 'a');
    const [u] = await bot.drain<{
      callback_query?: { id: string; data: string; from: SbUser; message: SbMessage };
    }>();
    expect(u?.callback_query).toMatchObject({
      id: callback_query_id,
      data: 'a',
      from: ann,
      message: { message_id: m.message_id },
    });
    expect(await bot.ok('answerCallbackQuery', { callback_query_id, text: '好' })).toBe(true);
    const twice = await bot.call('answerCallbackQuery', { callback_query_id });
    expect(twice.body.description).toMatch(/query is too old/);
    await expect(sb.press(ann, g, m.message_id, 'zzz')).rejects.toThrow(/no button/);
  });
});
