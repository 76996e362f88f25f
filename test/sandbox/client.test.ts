import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxClient, SbChat, SbMessage, SbUser } from '../support/sandbox-client.js';
import { setup, type RawBot } from './helpers.js';

describe('the sandbox client used by e2e tests', () => {
  let sb: SandboxClient;
  let bot: RawBot;
  let ann: SbUser;
  let bob: SbUser;
  let group: SbChat;

  beforeAll(async () => {
    ({ sb, bot } = await setup());
    ann = await sb.createUser({ first_name: 'Ann', username: 'ann_sb' });
    bob = await sb.createUser({ first_name: 'Bob' });
    group = await sb.createGroup({ admins: [ann], members: [bob] });
  });
  afterAll(() => sb.close());

  it('nextBotMessage moves past what the client saw and can skip unrelated bot messages', async () => {
    await sb.send(ann, group, '/one');
    await bot.ok('sendMessage', { chat_id: group.id, text: 'greeting' });
    await bot.ok('sendMessage', { chat_id: group.id, text: 'answer one' });
    expect((await sb.nextBotMessage(group, { match: /answer/ })).text).toBe('answer one');
    await expect(sb.nextBotMessage(group, { timeoutMs: 200 })).rejects.toThrow(/timed out after 200 ms/);
    await bot.ok('sendMessage', { chat_id: group.id, text: 'later' });
    expect((await sb.nextBotMessage(group)).text).toBe('later');
  });

  it('answer() replies to a selective force_reply prompt meant for the user, once', async () => {
    const q = await sb.send(bob, group, '/ask');
    await bot.drain();
    const prompt = await bot.ok<SbMessage>('sendMessage', {
      chat_id: group.id,
      text: '请输入您的岗位名称',
      reply_parameters: { message_id: q.message_id },
      reply_markup: { force_reply: true, selective: true },
    });
    expect((await sb.history(group)).force_reply).toEqual({
      message_id: prompt.message_id,
      selective: true,
      user_ids: [bob.id],
    });
    const other = await sb.answer(ann, group, 'not for me');
    expect(other.reply_to_message).toBeUndefined();
    const mine = await sb.answer(bob, group, '党员先锋岗');
    expect(mine.reply_to_message?.message_id).toBe(prompt.message_id);
    expect((await sb.history(group)).force_reply).toBeNull(); // answered: no reply stays open
    const seen = (await bot.drain<{ message?: SbMessage }>()).map((u) => u.message?.text);
    expect(seen).toEqual(['党员先锋岗']); // privacy mode: the plain message stays unseen
    expect((await sb.answer(bob, group, 'again')).reply_to_message).toBeUndefined();
  });

  it('edits a user message: the bot gets edited_message and the history shows the new text', async () => {
    const m = await sb.send(ann, ann, '/start typo');
    await bot.drain();
    const e = await sb.edit(ann, m, '/start fixed');
    expect(e).toMatchObject({
      message_id: m.message_id,
      text: '/start fixed',
      edit_date: expect.any(Number),
    });
    const [u] = await bot.drain<{ edited_message?: SbMessage }>();
    expect(u?.edited_message).toMatchObject({ message_id: m.message_id, text: '/start fixed' });
    await expect(sb.edit(bob, m, 'x')).rejects.toThrow(/can't be edited/);
  });

  it('saves the transcript as JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-client-'));
    try {
      await sb.saveTranscript(join(dir, 't.json'));
      const t = JSON.parse(readFileSync(join(dir, 't.json'), 'utf8')) as { kind: string }[];
      expect(t.some((e) => e.kind === 'call')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
