import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SbChat, SbMessage, SbUser } from '../support/sandbox-client.js';
import { answer, buttonsOf, joinInvite, startWorld, type World } from './world.js';

let w: World;
let sec: SbUser;
let member: SbUser;
let masses: SbUser;
let group: SbChat;
const TEXT = '办件群众等候不超过十五分钟，一次性告知所需材料，当日事当日毕。';

/** Binds the group and registers `member` with a confirmed card, through the bot. */
async function setUp() {
  await w.sb.nextBotMessage(group);
  await w.sb.send(sec, group, '/bind');
  await answer(w, sec, group, ['第二党支部', '税务服务厅']);
  await w.sb.pressButton(member, await joinInvite(w, member, group), '📝 填写党员名片');
  await answer(w, member, member, [
    '王芳',
    '办税窗口',
    '五号窗口',
    '正式党员',
    '是',
    '否',
    '我的岗位我示范',
    '✅ 提交',
  ]);
  const pending = await w.sb.nextBotMessage(group, { match: (m) => m.text?.includes('王芳') ?? false });
  await w.sb.pressButton(sec, pending, '✅ 确认');
  await w.sb.nextBotMessage(group, { match: (m) => m.text?.startsWith('📌') ?? false });
  await w.sb.nextBotMessage(member, { match: /党员登记已确认/ });
}

const press = async (who: SbUser, m: SbMessage, button: string) => {
  const { callback_query_id } = (await w.sb.pressButton(who, m, button)) as { callback_query_id: string };
  return w.sb.waitForCallbackAnswer(m.chat, callback_query_id);
};

/** Ends the comment period by moving the stored deadline (the rule itself is table-tested). */
const endCommentPeriod = () =>
  w.models.Standard.updateOne({ userId: member.id }, { $set: { closesAt: new Date(Date.now() - 1000) } });

beforeAll(async () => {
  w = await startWorld();
  sec = await w.person('书记老李', 'li_sec');
  member = await w.person('王芳', 'wang_f');
  masses = await w.person('Ms Zhao', 'zhao_q', 'en');
  group = await w.sb.createGroup({
    title: '第二党支部群',
    admins: [sec],
    members: [member, masses],
    botAdmin: true,
  });
  await setUp();
}, 60_000);
afterAll(() => w?.close());

describe('post standards (定标) through the real bot', () => {
  it('member proposes in private, masses comment by the button, the secretary returns with a reason', async () => {
    await w.sb.send(member, group, '/standard');
    await w.sb.pressButton(member, await w.sb.nextBotMessage(group), '✍️ 撰写岗位标准');
    const done = await answer(w, member, member, ['太短了', TEXT]);
    expect(done.text).toContain('岗位标准已提交');
    expect((await w.sb.messages(member)).some((m) => m.text?.startsWith('岗位标准至少需要 10 个字'))).toBe(
      true,
    );
    const post = await w.sb.nextBotMessage(group, { match: (m) => m.text?.includes('征求意见') ?? false });
    expect(post.text).toContain('王芳 的岗位标准（第 1 稿 · 征求意见）');
    expect(post.text).toContain(TEXT);
    expect(buttonsOf(post).map((b) => b.text)).toEqual(['💬 提意见', '✅ 审定通过', '↩️ 退回']);

    // The masses comment in private (in their own language); the member and the secretary see it.
    await w.sb.start(sec);
    await w.sb.nextBotMessage(sec);
    await w.sb.pressButton(masses, post, '💬 提意见');
    const intro = await w.sb.nextBotMessage(masses);
    expect(intro.text).toContain("王芳's post standard");
    const thanks = await answer(w, masses, masses, ['Please add weekend appointments.']);
    expect(thanks.text).toContain('Thank you');
    const counted = await w.sb.waitForMessage(
      group,
      (m) => m.message_id === post.message_id && !!m.edit_date,
    );
    expect(counted.text).toContain('💬 已收到 1 条意见。');
    expect(buttonsOf(counted).map((b) => b.text)).toEqual(['💬 提意见', '✅ 审定通过', '↩️ 退回']);
    for (const who of [member, sec]) {
      const dm = await w.sb.nextBotMessage(who, { match: (m) => m.text?.includes('weekend') ?? false });
      expect(dm.text).toContain('Ms Zhao 对岗位标准提出意见');
    }

    // Before the period ends approval needs a reason: the secretary is asked, naming the closing
    // time (and here cancels); the member cannot approve their own.
    await press(sec, post, '✅ 审定通过');
    const early = await w.sb.nextBotMessage(group, { match: /提前审定/ });
    expect(early.text).toMatch(
      /^书记老李：王芳 的岗位标准评议期到 \d{4}-\d\d-\d\d \d\d:\d\d 才结束。如需提前审定，请回复本条消息写明理由/,
    );
    await w.sb.send(sec, group, '/cancel');
    await w.sb.nextBotMessage(group, { match: /已取消/ });
    expect((await press(member, post, '✅ 审定通过')).text).toBe('只有支部书记或支委可以这样做。');
    // The secretary reads English in private; the reason is still asked in the branch's language.
    const setLanguage = async (button: string) => {
      await w.sb.send(sec, sec, '/language');
      await press(sec, await w.sb.nextBotMessage(sec), button);
    };
    await setLanguage('English');
    await press(sec, post, '↩️ 退回');
    const ask = await w.sb.nextBotMessage(group);
    expect(ask.text).toBe('书记老李：请回复本条消息，写明退回 王芳 岗位标准的理由：');
    await setLanguage('中文');
    await w.sb.send(sec, group, { text: '时限要写具体，加上预约服务', reply_to_message_id: ask.message_id });
    const note = await w.sb.nextBotMessage(group);
    expect(note.text).toBe('↩️ 王芳 的岗位标准已退回修改。理由：时限要写具体，加上预约服务');
    expect(buttonsOf(await w.sb.waitForMessage(group, (m) => m.message_id === post.message_id))).toEqual([]);
    expect((await w.sb.nextBotMessage(member)).text).toContain('时限要写具体');
    const stored = await w.models.Standard.findOne({ userId: member.id }).lean();
    expect(stored).toMatchObject({
      status: 'returned',
      revision: 1,
      reason: '时限要写具体，加上预约服务',
      comments: [{ authorId: masses.id, text: 'Please add weekend appointments.' }],
    });
    expect(await w.models.Audit.countDocuments({ action: 'standard.return', actorId: sec.id })).toBe(1);
  });

  it('the member revises; the old buttons are gone; approved once (double press) after the period, it shows on the card', async () => {
    const oldPost = (await w.sb.messages(group)).find((m) => m.text?.includes('第 1 稿'))!;
    await w.sb.send(member, member, '/standard');
    const shown = await w.sb.nextBotMessage(member);
    expect(shown.text).toContain('您的岗位标准被退回');
    const revised = `${TEXT}节假日提供预约服务。`;
    await w.sb.send(member, member, revised);
    await w.sb.nextBotMessage(member, { match: (m) => m.text?.includes('已提交') ?? false });
    const post = await w.sb.nextBotMessage(group, { match: (m) => m.text?.includes('第 2 稿') ?? false });
    expect(buttonsOf(await w.sb.waitForMessage(group, (m) => m.message_id === oldPost.message_id))).toEqual(
      [],
    );
    await endCommentPeriod();
    // A double press by the secretary: approved once, the second press is told it is no longer available.
    const data = buttonsOf(post)[1]!.callback_data!;
    expect(data).toMatch(/^sa:[0-9a-f]{24}:2$/);
    const presses = await Promise.all([1, 2].map(() => w.sb.press(sec, group, post.message_id, data)));
    const answers = await Promise.all(
      presses.map((p) => w.sb.waitForCallbackAnswer(group, p.callback_query_id)),
    );
    expect(answers.map((a) => a.text).sort()).toEqual(
      ['已审定通过', '该操作已失效：这条记录已经处理过或已经变化，按钮不再适用。'].sort(),
    );
    const card = await w.sb.nextBotMessage(group, {
      match: (m) => m.text?.startsWith('📋 定标公示卡') ?? false,
    });
    expect(card.text).toContain('定标公示卡 · 王芳（第 2 稿）');
    expect(card.text).toContain('已由 书记老李 审定通过');
    expect((await w.sb.nextBotMessage(member)).text).toContain('岗位标准已审定通过');
    await w.sb.send(masses, group, '/card @wang_f');
    expect((await w.sb.nextBotMessage(group)).text).toContain(`📋 岗位标准：${revised}`);
    const stored = await w.models.Standard.findOne({ userId: member.id }).lean();
    expect(stored).toMatchObject({ status: 'approved', revision: 2, approvedText: revised });
    expect(await w.models.Audit.countDocuments({ action: 'standard.approve', actorId: sec.id })).toBe(1);
    // The comment link of a decided standard is closed.
    await w.sb.openLink(masses, `https://t.me/${w.me.username}?start=sc_${String(stored!._id)}`);
    expect((await w.sb.nextBotMessage(masses)).text).toBe('This standard is no longer open for comment.');
  });

  it('the secretary approves a renewal before its comment period ends, giving a reason shown and audited', async () => {
    await w.sb.send(member, member, '/standard');
    await w.sb.nextBotMessage(member, { match: /请写出您岗位的示范标准/ });
    const renewed = `${TEXT}节假日提供预约服务，周末轮值。`;
    await w.sb.send(member, member, renewed);
    await w.sb.nextBotMessage(member, { match: (m) => m.text?.includes('已提交') ?? false });
    const post = await w.sb.nextBotMessage(group, { match: (m) => m.text?.includes('第 3 稿') ?? false });
    await press(sec, post, '✅ 审定通过');
    const ask = await w.sb.nextBotMessage(group, { match: /提前审定/ });
    await w.sb.send(sec, group, { text: '好', reply_to_message_id: ask.message_id });
    const again = await w.sb.nextBotMessage(group, { match: /理由至少需要 2 个字/ });
    await w.sb.send(sec, group, {
      text: '群众意见已充分，窗口急需上岗',
      reply_to_message_id: again.message_id,
    });
    const card = await w.sb.nextBotMessage(group, {
      match: (m) => m.text?.startsWith('📋 定标公示卡') ?? false,
    });
    expect(card.text).toContain('定标公示卡 · 王芳（第 3 稿）');
    expect(card.text).toContain('评议期结束前提前审定，理由：群众意见已充分，窗口急需上岗');
    const stored = await w.models.Standard.findOne({ userId: member.id }).lean();
    expect(stored).toMatchObject({
      status: 'approved',
      revision: 3,
      earlyReason: '群众意见已充分，窗口急需上岗',
    });
    expect(stored!.approvedAt!.getTime()).toBeLessThan(stored!.closesAt!.getTime());
    const audit = await w.models.Audit.find({ action: 'standard.approveEarly', actorId: sec.id }).lean();
    expect(audit).toHaveLength(1);
  });

  it('a supergroup upgrade keeps the branch and its records; removing the bot keeps everything, inactive, until rebound', async () => {
    const branchBefore = await w.models.Branch.findOne({ chatId: group.id }).lean();
    const supergroup = await w.sb.migrate(group);
    await w.sb.send(member, supergroup, '/card');
    expect((await w.sb.nextBotMessage(supergroup)).text).toContain('王芳');
    const branch = await w.models.Branch.findById(branchBefore!._id).lean();
    expect(branch).toMatchObject({ chatId: supergroup.id, formerChatIds: [group.id], active: true });
    await w.sb.member(supergroup, w.me, 'kick', sec);
    for (let i = 0; i < 100; i++) {
      if ((await w.models.Branch.findById(branch!._id).lean())?.active === false) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await w.models.Branch.findById(branch!._id).lean()).toMatchObject({
      active: false,
      name: '第二党支部',
    });
    expect(await w.models.Member.countDocuments({ branchId: branch!._id })).toBe(1);
    expect(await w.models.Standard.countDocuments({ branchId: branch!._id })).toBe(1);

    // Added back, the bot asks for /bind again; rebinding revives the same branch with its records.
    await w.sb.member(supergroup, w.me, 'add', sec);
    expect((await w.sb.nextBotMessage(supergroup)).text).toContain('/bind');
    await w.sb.send(member, supergroup, '/card');
    expect((await w.sb.nextBotMessage(supergroup)).text).toContain('本支部已停用');
    await w.sb.send(sec, supergroup, '/bind');
    expect((await answer(w, sec, supergroup, ['第二党支部', '税务服务厅'])).text).toContain(
      '本群已绑定到 第二党支部',
    );
    expect(await w.models.Branch.countDocuments()).toBe(1);
    expect(await w.models.Branch.findById(branch!._id).lean()).toMatchObject({
      active: true,
      chatId: supergroup.id,
    });
    await w.sb.send(masses, supergroup, '/card @wang_f');
    expect((await w.sb.nextBotMessage(supergroup)).text).toContain('📋 岗位标准');
  });
});
