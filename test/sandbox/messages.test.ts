import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxClient, SbChat, SbMessage, SbUser } from '../support/sandbox-client.js';
import { setup, type RawBot } from './helpers.js';

describe('sending and editing messages: Telegram checks', () => {
  let sb: SandboxClient;
  let bot: RawBot;
  let ann: SbUser;
  let group: SbChat;

  beforeAll(async () => {
    ({ sb, bot } = await setup());
    ann = await sb.createUser({ first_name: 'Ann' });
    await sb.start(ann);
    group = await sb.createGroup({ title: 'G', admins: [ann], botAdmin: true });
  });
  afterAll(() => sb.close());

  const send = (params: Record<string, unknown>) =>
    bot.call<SbMessage>('sendMessage', { chat_id: ann.id, ...params });
  const desc = async (p: Promise<{ body: { description?: string } }>) => (await p).body.description;

  it('counts text length after entity parsing: 1–4096 characters', async () => {
    expect((await send({ text: 'x'.repeat(4096) })).body.ok).toBe(true);
    expect(await desc(send({ text: 'x'.repeat(4097) }))).toBe('Bad Request: message is too long');
    const html = `<b>${'字'.repeat(4096)}</b>`;
    expect((await send({ text: html, parse_mode: 'HTML' })).body.ok).toBe(true);
    expect(await desc(send({ text: '<b> </b>', parse_mode: 'HTML' }))).toBe(
      'Bad Request: message text is empty',
    );
    expect(await desc(send({ text: '' }))).toBe('Bad Request: message text is empty');
  });

  it('parses HTML into entities and rejects malformed HTML like Telegram', async () => {
    const ok = await send({
      text: '<b>粗</b> <i>斜</i> <a href="https://e.org">链</a> &lt;3',
      parse_mode: 'HTML',
    });
    expect(ok.body.result).toMatchObject({
      text: '粗 斜 链 <3',
      entities: [
        { type: 'bold', offset: 0, length: 1 },
        { type: 'italic', offset: 2, length: 1 },
        { type: 'text_link', offset: 4, length: 1, url: 'https://e.org' },
      ],
    });
    expect(await desc(send({ text: '<b>open', parse_mode: 'HTML' }))).toMatch(
      /^Bad Request: can't parse entities: /,
    );
    expect(await desc(send({ text: '<div>x</div>', parse_mode: 'HTML' }))).toMatch(
      /Unsupported start tag "div"/,
    );
    expect(await desc(send({ text: '<b>x</i>', parse_mode: 'HTML' }))).toMatch(/can't parse entities/);
  });

  it('parses MarkdownV2 and rejects unescaped reserved characters', async () => {
    const ok = await send({ text: '*粗* _斜_ `代码` 1\\.5', parse_mode: 'MarkdownV2' });
    expect(ok.body.result).toMatchObject({
      text: '粗 斜 代码 1.5',
      entities: [
        { type: 'bold', offset: 0, length: 1 },
        { type: 'italic', offset: 2, length: 1 },
        { type: 'code', offset: 4, length: 2 },
      ],
    });
    expect(await desc(send({ text: 'v1.5', parse_mode: 'MarkdownV2' }))).toBe(
      "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'",
    );
    expect(await desc(send({ text: '*open', parse_mode: 'MarkdownV2' }))).toMatch(
      /Can't find end of Bold entity/,
    );
  });

  it('accepts callback_data of 1–64 bytes only', async () => {
    const kb = (data: string) => ({ inline_keyboard: [[{ text: 'b', callback_data: data }]] });
    expect((await send({ text: 'k', reply_markup: kb('x'.repeat(64)) })).body.ok).toBe(true);
    expect((await send({ text: 'k', reply_markup: kb('字'.repeat(21)) })).body.ok).toBe(true);
    expect(await desc(send({ text: 'k', reply_markup: kb('字'.repeat(22)) }))).toBe(
      'Bad Request: BUTTON_DATA_INVALID',
    );
    expect(await desc(send({ text: 'k', reply_markup: kb('') }))).toBe('Bad Request: BUTTON_DATA_INVALID');
  });

  it('answers chat not found, bot not a member, and cannot initiate conversation', async () => {
    const a = await bot.call('sendMessage', { chat_id: -4_999_999_999, text: 'x' });
    expect(a).toEqual({
      status: 400,
      body: { ok: false, error_code: 400, description: 'Bad Request: chat not found' },
    });

    const other = await sb.createUser({ first_name: 'Other' });
    const foreign = await sb.createGroup({ admins: [other] });
    await sb.member(foreign, bot.id, 'leave');
    const b = await bot.call('sendMessage', { chat_id: foreign.id, text: 'x' });
    expect(b).toEqual({
      status: 403,
      body: { ok: false, error_code: 403, description: 'Forbidden: bot is not a member of the group chat' },
    });

    const c = await bot.call('sendMessage', { chat_id: other.id, text: 'x' });
    expect(c).toEqual({
      status: 403,
      body: {
        ok: false,
        error_code: 403,
        description: "Forbidden: bot can't initiate conversation with a user",
      },
    });
    await sb.start(other);
    expect((await bot.call('sendMessage', { chat_id: other.id, text: 'x' })).body.ok).toBe(true);
    await sb.block(other);
    expect((await bot.call('sendMessage', { chat_id: other.id, text: 'x' })).body).toMatchObject({
      error_code: 403,
      description: 'Forbidden: bot was blocked by the user',
    });
    await sb.block(other, false);
    expect((await bot.call('sendMessage', { chat_id: other.id, text: 'x' })).body.ok).toBe(true);
  });

  it('edits text and markup, refusing an edit that changes nothing', async () => {
    const kb = { inline_keyboard: [[{ text: 'a', callback_data: 'a' }]] };
    const m = (await bot.ok<SbMessage>('sendMessage', { chat_id: group.id, text: 'v1', reply_markup: kb }))!;
    const same = await bot.call('editMessageText', {
      chat_id: group.id,
      message_id: m.message_id,
      text: 'v1',
      reply_markup: kb,
    });
    expect(same.status).toBe(400);
    expect(same.body.description).toMatch(/^Bad Request: message is not modified/);
    const e = await bot.ok<SbMessage>('editMessageText', {
      chat_id: group.id,
      message_id: m.message_id,
      text: 'v2',
    });
    expect(e).toMatchObject({ text: 'v2', edit_date: expect.any(Number) });
    expect(e.reply_markup).toBeUndefined();
    const r = await bot.ok<SbMessage>('editMessageReplyMarkup', {
      chat_id: group.id,
      message_id: m.message_id,
      reply_markup: kb,
    });
    expect(r.reply_markup).toEqual(kb);
    const seen = (await sb.messages(group)).find((x) => x.message_id === m.message_id);
    expect(seen).toMatchObject({ text: 'v2', reply_markup: kb });
    const gone = await bot.call('editMessageText', { chat_id: group.id, message_id: 99_999, text: 'x' });
    expect(gone.body.description).toBe('Bad Request: message to edit not found');
  });

  it('answers 400 with migrate_to_chat_id after a group became a supergroup', async () => {
    const g = await sb.createGroup({ admins: [ann] });
    const sup = await sb.migrate(g);
    expect(sup.type).toBe('supergroup');
    const a = await bot.call('sendMessage', { chat_id: g.id, text: 'x' });
    expect(a).toEqual({
      status: 400,
      body: {
        ok: false,
        error_code: 400,
        description: 'Bad Request: group chat was upgraded to a supergroup chat',
        parameters: { migrate_to_chat_id: sup.id },
      },
    });
    expect((await bot.call('sendMessage', { chat_id: sup.id, text: 'x' })).body.ok).toBe(true);
  });

  it('deletes messages: its own anywhere, others only with the right', async () => {
    const mine = await bot.ok<SbMessage>('sendMessage', { chat_id: group.id, text: 'bye' });
    expect(await bot.ok('deleteMessage', { chat_id: group.id, message_id: mine.message_id })).toBe(true);
    expect((await sb.messages(group)).some((m) => m.message_id === mine.message_id)).toBe(false);
    const again = await bot.call('deleteMessage', { chat_id: group.id, message_id: mine.message_id });
    expect(again.body.description).toBe('Bad Request: message to delete not found');

    const bob = await sb.createUser({ first_name: 'Bob' });
    const plain = await sb.createGroup({ admins: [bob] });
    const his = await sb.send(bob, plain, 'hello');
    const refused = await bot.call('deleteMessage', { chat_id: plain.id, message_id: his.message_id });
    expect(refused.body.description).toBe("Bad Request: message can't be deleted");
  });

  it('pins and unpins with the right to pin', async () => {
    const m = await bot.ok<SbMessage>('sendMessage', { chat_id: group.id, text: '置顶' });
    expect(await bot.ok('pinChatMessage', { chat_id: group.id, message_id: m.message_id })).toBe(true);
    const h = await sb.history(group);
    expect(h.pinned_message_id).toBe(m.message_id);
    expect(h.messages.at(-1)).toMatchObject({ pinned_message: { message_id: m.message_id } });
    expect(await bot.ok('getChat', { chat_id: group.id })).toMatchObject({
      pinned_message: { text: '置顶' },
    });
    expect(await bot.ok('unpinChatMessage', { chat_id: group.id, message_id: m.message_id })).toBe(true);
    expect((await sb.history(group)).pinned_message_id).toBeNull();

    const bob = await sb.createUser({ first_name: 'Bob' });
    const plain = await sb.createGroup({ admins: [bob] });
    const n = await bot.ok<SbMessage>('sendMessage', { chat_id: plain.id, text: 'x' });
    const no = await bot.call('pinChatMessage', { chat_id: plain.id, message_id: n.message_id });
    expect(no.body.description).toBe('Bad Request: not enough rights to manage pinned messages in the chat');
  });

  it('keeps a reply keyboard for the chat until the bot removes it', async () => {
    const keyboard = [[{ text: '是' }, { text: '否' }]];
    await bot.ok('sendMessage', {
      chat_id: ann.id,
      text: '选择',
      reply_markup: { keyboard, resize_keyboard: true },
    });
    expect((await sb.history(ann)).reply_keyboard).toEqual({ keyboard, resize_keyboard: true });
    await bot.ok('sendMessage', { chat_id: ann.id, text: '好的', reply_markup: { remove_keyboard: true } });
    expect((await sb.history(ann)).reply_keyboard).toBeNull();
    const bad = await bot.call('sendMessage', { chat_id: ann.id, text: 'x', reply_markup: { nonsense: 1 } });
    expect(bad.body.description).toBe("Bad Request: can't parse reply keyboard markup JSON object");
  });

  it('describes chats with getChat and getChatMemberCount', async () => {
    expect(await bot.ok('getChat', { chat_id: ann.id })).toMatchObject({
      id: ann.id,
      type: 'private',
      first_name: 'Ann',
    });
    expect(await bot.ok('getChat', { chat_id: group.id })).toMatchObject({
      id: group.id,
      type: 'group',
      title: 'G',
    });
    expect(await bot.ok('getChatMemberCount', { chat_id: group.id })).toBe(2);
  });

  it('replies with reply_parameters and answers getChatMember / getChatAdministrators', async () => {
    const q = await sb.send(ann, group, 'question');
    const r = await bot.ok<SbMessage>('sendMessage', {
      chat_id: group.id,
      text: 'answer',
      reply_parameters: { message_id: q.message_id },
    });
    expect(r.reply_to_message).toMatchObject({ message_id: q.message_id, text: 'question' });
    expect(await bot.ok('getChatMember', { chat_id: group.id, user_id: ann.id })).toMatchObject({
      status: 'creator',
      user: { id: ann.id },
    });
    const admins = await bot.ok<{ user: { id: number } }[]>('getChatAdministrators', { chat_id: group.id });
    expect(admins.map((a) => a.user.id).sort()).toEqual([ann.id, bot.id].sort());
  });
});
