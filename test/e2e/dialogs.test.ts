import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SbChat, SbMessage, SbUser } from '../support/sandbox-client.js';
import { seedMember } from '../support/seed.js';
import { answer, bindGroup, startPrivateChats, startWorld, type World } from './world.js';

/** What people meet in dialogs: keyboards that follow the question, presses answered mid-dialog. */
let w: World;
let alice: SbUser; // secretary
let bob: SbUser; // member
let g: SbChat;

const keyboard = async (chat: { id: number }) =>
  (await w.sb.history(chat)).reply_keyboard?.keyboard.flat().map((b) => b.text) ?? null;

beforeAll(async () => {
  w = await startWorld();
  alice = await w.person('Alice', 'alice_d');
  bob = await w.person('鲍勃', 'bob_d');
  const bound = await bindGroup(w, alice, [bob], { title: '对话测试群' });
  g = bound.g;
  const branch = bound.branch;
  await seedMember(w.models, branch._id, bob.id, { realName: '鲍勃' });
  await startPrivateChats(w, [alice, bob]);
}, 90_000);
afterAll(async () => {
  if (process.env.E2E_LOG && w) writeFileSync(process.env.E2E_LOG, w.bot.output());
  await w?.close();
});

/** Bob starts /deed and says what he did: the question of the day is open, with its keyboard. */
async function deedToItsDate() {
  await w.sb.send(bob, bob, '/deed');
  await w.sb.nextBotMessage(bob, { match: /做了什么实事/ });
  await w.sb.send(bob, bob, '为独居老人代办社保认证');
  await w.sb.nextBotMessage(bob, { match: /哪天做的/ });
  expect(await keyboard(bob)).toEqual(['今天', '昨天']);
}

describe('reply keyboards follow their question (item 9)', () => {
  it('a question without buttons removes the previous one; a command that leaves the dialog and /cancel remove it', async () => {
    await deedToItsDate();
    await w.sb.send(bob, bob, '今天');
    await w.sb.nextBotMessage(bob, { match: /为谁做的/ });
    expect(await keyboard(bob)).toBeNull();
    await w.sb.send(bob, bob, '社区独居老人');
    await w.sb.nextBotMessage(bob, { match: /帮助了多少人/ });
    expect(await keyboard(bob)).toEqual(['1', '2', '5', '10']);
    // Another command leaves the dialog: its keyboard goes, the command runs.
    await w.sb.send(bob, bob, '/help');
    await w.sb.nextBotMessage(bob, { match: /已退出正在进行的填写/ });
    expect(await keyboard(bob)).toBeNull();

    await w.sb.send(bob, bob, '/deed');
    await w.sb.nextBotMessage(bob, { match: /做了什么实事/ });
    await w.sb.send(bob, bob, '为独居老人代办社保认证');
    await w.sb.nextBotMessage(bob, { match: /哪天做的/ });
    await w.sb.send(bob, bob, '/cancel');
    await w.sb.nextBotMessage(bob, { match: /已取消/ });
    expect(await keyboard(bob)).toBeNull();
  });
});

describe('a dialog nobody answers ends with a note from the worker', () => {
  it("the worker's dialog-sweep job ends it and says so where it was asked, taking its keyboard away", async () => {
    await deedToItsDate();
    // Instead of waiting half an hour: the open question's deadline moved into the past.
    const key = `${bob.id}:${bob.id}`;
    const moved = await w.models.DialogState.updateOne(
      { _id: key },
      { $set: { expiresAt: new Date(Date.now() - 1_000) } },
    );
    expect(moved.modifiedCount).toBe(1);
    await w.schedule('dialog-sweep', {});
    await w.sb.nextBotMessage(bob, { match: /^操作已超时（30 分钟未回复），请重新开始。$/ });
    expect(await keyboard(bob)).toBeNull();
    expect(await w.models.DialogState.countDocuments({ _id: key })).toBe(0);
  });
});

describe('every button press is answered, inside a dialog too (item 10a)', () => {
  it('a press in the chat of an open dialog is handled and the dialog goes on', async () => {
    await w.sb.send(bob, bob, '/deed 帮窗口群众填写申请表');
    const quick: SbMessage = await w.sb.nextBotMessage(bob, { match: /已记录，等待书记核实/ });
    await w.sb.send(bob, bob, '/deed');
    await w.sb.nextBotMessage(bob, { match: /做了什么实事/ });
    const { callback_query_id } = (await w.sb.pressButton(bob, quick, '↩️ 撤回')) as {
      callback_query_id: string;
    };
    const toast = await w.sb.waitForCallbackAnswer(bob, callback_query_id);
    expect(toast.text).toBe('已撤回这件实事。');
    // The dialog still waits for the answer to its question.
    await w.sb.send(bob, bob, '为独居老人代办社保认证');
    await w.sb.nextBotMessage(bob, { match: /哪天做的/ });
    await w.sb.send(bob, bob, '/cancel');
    await w.sb.nextBotMessage(bob, { match: /已取消/ });
  });
});

describe('/pending in the group is one summary (item 12)', () => {
  it('counts by kind and a button to review in private; no record or photo is posted in the group', async () => {
    await w.sb.send(bob, g, { photo: 'iVBORw0KGgo=', caption: '/deed 为行动不便的老人上门办理业务' });
    await w.sb.nextBotMessage(g, { match: /已记录，等待书记核实/ });
    await w.sb.send(bob, g, '/deed 帮群众复印材料');
    await w.sb.nextBotMessage(g, { match: /已记录，等待书记核实/ });
    const before = (await w.sb.messages(g)).length;
    await w.sb.send(alice, g, '/pending');
    const summary = await w.sb.nextBotMessage(g);
    expect(summary.text).toContain('待审核事项共 2 项');
    expect(summary.text).toContain('实事 2 件');
    await new Promise((r) => setTimeout(r, 1000));
    // The command and the one summary, nothing else.
    expect((await w.sb.messages(g)).length).toBe(before + 2);
    const [button] = summary.reply_markup!.inline_keyboard.flat();
    expect(button?.url).toMatch(/\?start=pv_[0-9a-f]{24}$/);
    await w.sb.pressButton(alice, summary, '📋 在私聊中审核');
    const photo = await w.sb.nextBotMessage(alice, { match: (m) => !!m.photo });
    expect(photo.caption).toContain('上门办理业务');
    const text = await w.sb.nextBotMessage(alice, { match: /复印材料/ });
    expect(text.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(['✅ 核实', '❌ 驳回']);
  });
});

describe('a group upgraded to a supergroup in the middle of a dialog (item 10b)', () => {
  it('says in the new supergroup whose dialog ended and what to send again; the command then works there', async () => {
    const carol = await w.person('Carol', 'carol_d');
    const basic = await w.sb.createGroup({
      title: '升级测试群',
      type: 'group',
      admins: [carol],
      members: [bob],
    });
    await w.sb.nextBotMessage(basic);
    await w.sb.send(carol, basic, '/bind');
    await answer(w, carol, basic, ['第二党支部']);
    // The unit is asked for as a forced reply in the basic group; then the group is upgraded.
    const sup = await w.sb.migrate(basic);
    const note = await w.sb.nextBotMessage(sup, { match: /超级群/ });
    expect(note.text).toContain('Carol');
    expect(note.text).toContain('/bind');
    expect(await w.models.DialogState.countDocuments({ _id: new RegExp(`^${basic.id}:`) })).toBe(0);
    // Sent again in the supergroup, the dialog runs there to its end.
    await w.sb.send(carol, sup, '/bind');
    await answer(w, carol, sup, ['第二党支部', '市政务服务中心']);
    const branch = await w.models.Branch.findOne({ name: '第二党支部' }).lean();
    expect(branch?.chatId).toBe(sup.id);
  });
});

describe('an update Telegram sends again is not handled twice (item 10c)', () => {
  it('the answer sent again is neither asked about again nor taken for the next answer; a command sent again is answered once', async () => {
    await w.sb.send(bob, bob, '/deed');
    await w.sb.nextBotMessage(bob, { match: /做了什么实事/ });
    const said = await w.sb.send(bob, bob, '帮邻居修好了水管');
    const asked = await w.sb.nextBotMessage(bob, { match: /哪天做的/ });
    // As after a crash before the receipt was confirmed: the same update, the same id, again.
    await w.sb.redeliver(said);
    await w.sb.send(bob, bob, '今天');
    await w.sb.nextBotMessage(bob, { match: /为谁做的/ });
    const after = (await w.sb.messages(bob)).filter((m) => m.message_id > asked.message_id);
    // Only the date, then the next question: no second "哪天做的", no "that is not a date".
    expect(after.map((m) => (m.from?.is_bot ? 'bot' : m.text))).toEqual(['今天', 'bot']);
    await w.sb.send(bob, bob, '/cancel');
    await w.sb.nextBotMessage(bob, { match: /已取消/ });

    const help = await w.sb.send(alice, g, '/help');
    const first = await w.sb.nextBotMessage(g);
    await w.sb.redeliver(help);
    // A later command is answered after the one sent again would have been (one chat, in order).
    const later = await w.sb.send(alice, g, '/roster');
    await w.sb.nextBotMessage(g, { match: (m) => m.message_id > later.message_id });
    const answers = (await w.sb.messages(g)).filter(
      (m) => m.from?.is_bot && m.message_id > help.message_id && m.message_id < later.message_id,
    );
    expect(answers.map((m) => m.message_id)).toEqual([first.message_id]);
  });
});
