import { Bot, InlineKeyboard, InputFile } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomToken } from '../support/bot-process.js';
import { SandboxClient, type SbUser } from '../support/sandbox-client.js';

/** A plain grammY bot, unchanged but for apiRoot, talks to the sandbox like to Telegram. */
describe('a plain grammY bot against the sandbox', () => {
  let sb: SandboxClient;
  let bot: Bot;
  let alice: SbUser;
  let bob: SbUser;
  const token = randomToken();

  beforeAll(async () => {
    sb = await SandboxClient.start();
    bot = new Bot(token, { client: { apiRoot: sb.apiRoot } });
    bot.command('start', (ctx) => ctx.reply(`你好，${ctx.from?.first_name}！payload=${ctx.match || '-'}`));
    bot.command('vote', (ctx) =>
      ctx.reply('<b>投票</b>：同意吗？', {
        parse_mode: 'HTML',
        reply_markup: new InlineKeyboard().text('同意', 'vote:yes').text('反对', 'vote:no'),
      }),
    );
    bot.command('admins', async (ctx) => {
      const admins = await ctx.getChatAdministrators();
      const me = await ctx.getChatMember(ctx.me.id);
      await ctx.reply(`admins: ${admins.map((a) => a.user.first_name).join(',')}; me: ${me.status}`);
    });
    bot.callbackQuery(/^vote:(.+)$/, async (ctx) => {
      await ctx.answerCallbackQuery({ text: '已记录' });
      await ctx.editMessageText(`${ctx.from.first_name} 投了 ${ctx.match[1]}`);
    });
    await bot.api.setMyCommands([{ command: 'vote', description: '发起投票' }]);
    await bot.init();
    void bot.start({ drop_pending_updates: true });
    await sb.useBot(token);
    alice = await sb.createUser({ first_name: '张三', username: 'zhangsan', language_code: 'zh-hans' });
    bob = await sb.createUser({ first_name: '李四' });
  });

  afterAll(async () => {
    await bot.stop();
    await sb.close();
  });

  it('answers /start in private with the deep-link payload', async () => {
    await sb.start(alice, 'abc');
    const reply = await sb.nextBotMessage(alice);
    expect(reply.text).toBe('你好，张三！payload=abc');
    expect(reply.chat).toMatchObject({ id: alice.id, type: 'private' });
  });

  it('sends a keyboard in a group, gets the press, answers it and edits the message', async () => {
    const group = await sb.createGroup({ title: '第一支部', admins: [alice], members: [bob] });
    await sb.send(bob, group, '/vote');
    const poll = await sb.nextBotMessage(group);
    expect(poll.text).toBe('投票：同意吗？');
    expect(poll.entities).toEqual([{ type: 'bold', offset: 0, length: 2 }]);
    const press = (await sb.pressButton(alice, poll, '同意')) as { callback_query_id: string };
    const answer = await sb.waitForCallbackAnswer(group, press.callback_query_id);
    expect(answer.text).toBe('已记录');
    const edited = await sb.waitForMessage(
      group,
      (m) => m.message_id === poll.message_id && m.edit_date !== undefined,
    );
    expect(edited.text).toBe('张三 投了 yes');
    expect(edited.reply_markup).toBeUndefined();
  });

  it('reads chat administrators and its own membership', async () => {
    const group = await sb.createGroup({ title: 'g2', admins: [bob], members: [alice], botAdmin: true });
    await sb.send(alice, group, '/admins');
    const reply = await sb.nextBotMessage(group);
    expect(reply.text).toBe(`admins: 李四,Sandbox Bot ${bot.botInfo.id}; me: administrator`);
  });

  it('uploads a file with InputFile and downloads it again through getFile', async () => {
    const sent = await bot.api.sendDocument(alice.id, new InputFile(Buffer.from('名单：张三'), '名单.txt'), {
      caption: '附件',
    });
    expect(sent.document).toMatchObject({ file_name: '名单.txt', mime_type: 'text/plain' });
    const file = await bot.api.getFile(sent.document!.file_id);
    const res = await fetch(`${sb.apiRoot}/file/bot${token}/${file.file_path}`);
    expect(await res.text()).toBe('名单：张三');
  });

  it('keeps the command list it set', async () => {
    const cmds = await sb.call<{ command: string }[]>(
      'GET',
      `/chats/${alice.id}/commands?bot_id=${bot.botInfo.id}`,
    );
    expect(cmds).toEqual([{ command: 'vote', description: '发起投票' }]);
  });
});
