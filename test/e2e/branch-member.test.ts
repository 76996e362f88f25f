import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SbChat, SbUser } from '../support/sandbox-client.js';
import { answer, buttonsOf, joinInvite, startWorld, type World } from './world.js';

let w: World;
let alice: SbUser; // group admin who binds: the secretary
let bob: SbUser; // registers as a member
let carol: SbUser; // the masses
let group: SbChat;
beforeAll(async () => {
  w = await startWorld();
  alice = await w.person('Alice', 'alice_sec');
  bob = await w.person('Bob', 'bob_m');
  carol = await w.person('Carol', 'carol_q');
  group = await w.sb.createGroup({ title: '第一党支部群', admins: [alice], members: [bob, carol] });
}, 60_000);
afterAll(() => w?.close());

describe('branch, roles and members through the real bot', () => {
  it('introduces itself, refuses /bind from a non-admin, and binds through a dialog that re-asks bad input', async () => {
    const hello = await w.sb.nextBotMessage(group);
    expect(hello.text).toContain('/bind');
    await w.sb.send(bob, group, '/bind');
    expect((await w.sb.nextBotMessage(group)).text).toBe('只有群管理员可以这样做。');
    await w.sb.send(alice, group, '/bind');
    const done = await answer(w, alice, group, ['x', '第一党支部', '市政务服务中心']);
    const texts = (await w.sb.messages(group)).map((m) => m.text ?? '');
    expect(texts.some((t) => t.startsWith('支部名称至少需要 2 个字'))).toBe(true);
    expect(done.text).toContain('本群已绑定到 第一党支部（市政务服务中心）');
    const branch = await w.models.Branch.findOne({ chatId: group.id }).lean();
    expect(branch).toMatchObject({
      name: '第一党支部',
      unit: '市政务服务中心',
      secretaryId: alice.id,
      active: true,
    });
    expect(await w.models.Audit.countDocuments({ action: 'branch.bind', actorId: alice.id })).toBe(1);
  });

  it('/join opens a private dialog that re-asks bad answers; the secretary confirms once; card and roster board appear', async () => {
    await w.sb.send(bob, group, '/join');
    const invite = await w.sb.nextBotMessage(group);
    expect(buttonsOf(invite)[0]?.url).toMatch(/\?start=join_[0-9a-f]{24}$/);
    await w.sb.pressButton(bob, invite, '📝 填写党员名片');
    const intro = await w.sb.nextBotMessage(bob);
    expect(intro.text).toContain('第一党支部');
    const summary = await answer(w, bob, bob, [
      '鲍勃',
      '综合受理员', // corrected below, from the summary
      '一号窗口',
      '党员', // not understood: asked again
      '正式党员',
      '否',
      '是',
      '群众的事再小也是大事，群众的事再小也是大事，群众的事再小也是大事', // > 30: asked again
      '群众的事再小也是大事',
    ]);
    // The whole card before it goes out (issue 15 item 15); nothing is stored yet.
    expect(summary.text).toBe(
      [
        '请核对您的党员名片：',
        '姓名：鲍勃',
        '岗位：综合受理员',
        '单位（窗口）：一号窗口',
        '党员类别：正式党员',
        '担任领导职务：否',
        '年老体弱或离退休：是',
        '格言式承诺：群众的事再小也是大事',
        '无误请点“提交”，需要改动请点“修改”。',
      ].join('\n'),
    );
    expect(await w.models.Member.countDocuments({ userId: bob.id })).toBe(0);
    // 修改 → which answer → that question again → the summary again.
    const say = async (text: string) => {
      await w.sb.send(bob, bob, text);
      return (await w.sb.nextBotMessage(bob)).text;
    };
    expect(await say('✏️ 修改')).toBe('要修改哪一项？');
    expect(await say('岗位')).toBe('2/7 请输入您的岗位（例如：综合窗口受理员）：');
    expect(await say('综合窗口受理员')).toContain('岗位：综合窗口受理员\n单位（窗口）：一号窗口');
    expect(await w.models.Member.countDocuments({ userId: bob.id })).toBe(0);
    const done = { text: await say('✅ 提交') };
    expect(done.text).toContain('名片已提交');
    const dm = (await w.sb.messages(bob)).map((m) => m.text ?? '');
    expect(dm).toContain('“党员”无法识别，请选择“正式党员”或“预备党员”。');
    expect(dm.some((t) => t.startsWith('格言式承诺最多 30 个字'))).toBe(true);
    const member = await w.models.Member.findOne({ userId: bob.id }).lean();
    expect(member).toMatchObject({
      realName: '鲍勃',
      membership: 'full',
      isLeading: false,
      isElderly: true,
      status: 'pending-confirmation',
    });

    const pending = await w.sb.nextBotMessage(group);
    expect(pending.text).toContain('有新的党员登记');
    expect(pending.text).toContain('鲍勃');
    // The masses cannot confirm; the alert is only for the presser.
    const byCarol = await w.sb.pressButton(carol, pending, '✅ 确认');
    const refused = await w.sb.waitForCallbackAnswer(
      group,
      (byCarol as { callback_query_id: string }).callback_query_id,
    );
    expect(refused).toMatchObject({ text: '只有支部书记或支委可以这样做。', show_alert: true });
    // A double press: both reach the bot before the buttons go; only one confirms.
    const data = buttonsOf(pending)[0]!.callback_data!;
    const presses = await Promise.all([
      w.sb.press(alice, group, pending.message_id, data),
      w.sb.press(alice, group, pending.message_id, data),
    ]);
    const answers = await Promise.all(
      presses.map((p) => w.sb.waitForCallbackAnswer(group, p.callback_query_id)),
    );
    expect(answers.map((a) => a.text ?? '').sort()).toEqual([
      '',
      '该操作已失效：这条记录已经处理过或已经变化，按钮不再适用。',
    ]);
    const edited = await w.sb.waitForMessage(
      group,
      (m) => m.message_id === pending.message_id && !!m.edit_date,
    );
    expect(edited.text).toBe('✅ 鲍勃 的党员身份已由 Alice 确认。');
    expect(buttonsOf(edited)).toEqual([]);
    // The card goes through the sender queue, the board is edited or posted at once: either may come
    // first, so the card is looked for without moving this chat's cursor.
    const card = await w.sb.waitFor(
      group,
      (h) => h.messages.find((m) => m.message_id > pending.message_id && (m.text?.startsWith('🏅') ?? false)),
      10_000,
      'the member card',
    );
    expect(card.text).toContain('岗位：综合窗口受理员 ｜ 窗口：一号窗口');
    expect(card.text).toContain('离退休/年老体弱');
    const board = await w.sb.nextBotMessage(group, { match: (m) => m.text?.startsWith('📌') ?? false });
    expect(board.text).toContain('1. ☆☆☆☆☆ 鲍勃 · 综合窗口受理员 · 一号窗口');
    // The bot is not an admin: it says which right to grant, and the board is not pinned.
    const note = await w.sb.nextBotMessage(group, { match: (m) => m.text?.includes('置顶消息') ?? false });
    expect(note.text).toContain('置顶');
    expect((await w.sb.history(group)).pinned_message_id).toBeNull();
    expect(await w.models.Member.findOne({ userId: bob.id }).lean()).toMatchObject({ status: 'active' });
    expect(await w.models.Audit.countDocuments({ action: 'member.confirm', actorId: alice.id })).toBe(1);
    expect((await w.models.Branch.findOne({ chatId: group.id }).lean())?.rosterMessageId).toBe(
      board.message_id,
    );
    const confirmed = (await w.sb.nextBotMessage(bob)).text;
    expect(confirmed).toContain('党员登记已确认');
    expect(confirmed).toContain('/pledge'); // a pledge is due on joining
  });

  it('/card for a replied-to user and by @username, /me in private, /roster edits the same board', async () => {
    const said = await w.sb.send(bob, group, '大家好');
    await w.sb.send(carol, group, { text: '/card', reply_to_message_id: said.message_id });
    expect((await w.sb.nextBotMessage(group)).text).toContain('鲍勃');
    await w.sb.send(carol, group, '/card @alice_sec');
    expect((await w.sb.nextBotMessage(group)).text).toBe('Alice 还没有党员名片。');
    await w.sb.send(carol, group, '/card @nobody_here');
    expect((await w.sb.nextBotMessage(group)).text).toContain('找不到这个用户');
    await w.sb.send(bob, bob, '/me');
    const me = await w.sb.nextBotMessage(bob);
    expect(me.text).toContain('第一党支部 · 在册');
    await w.sb.send(carol, carol, '/start');
    await w.sb.nextBotMessage(carol);
    await w.sb.send(carol, carol, '/me');
    expect((await w.sb.nextBotMessage(carol)).text).toContain('您没有党员名片');
    const boardId = (await w.models.Branch.findOne({ chatId: group.id }).lean())!.rosterMessageId;
    // Editing the card: the board is edited in place, not posted again.
    await w.sb.pressButton(bob, await joinInvite(w, bob, group), '📝 填写党员名片');
    await answer(w, bob, bob, [
      '鲍勃',
      '咨询台',
      '二号窗口',
      '正式党员',
      '否',
      '是',
      '我的岗位我示范',
      '✅ 提交',
    ]);
    const board = await w.sb.waitForMessage(
      group,
      (m) => m.message_id === boardId && (m.text ?? '').includes('咨询台'),
    );
    expect(board.text).toContain('鲍勃 · 咨询台 · 二号窗口');
  });

  it('granted admin rights, the bot pins the roster board it could not pin before', async () => {
    const boardId = (await w.models.Branch.findOne({ chatId: group.id }).lean())!.rosterMessageId;
    await w.sb.member(group, w.me, 'promote', alice);
    await w.sb.waitFor(group, (h) => (h.pinned_message_id === boardId ? true : undefined));
    // The missing right is cleared right after the pin (the pin shows first).
    await expect
      .poll(async () => (await w.models.Branch.findOne({ chatId: group.id }).lean())?.missingRights)
      .toEqual([]);
  });

  it('/appoint needs a chat admin; a committee member reviews; demoted in Telegram, they lose the right at once', async () => {
    const said = await w.sb.send(bob, group, '我来');
    await w.sb.send(alice, group, { text: '/appoint', reply_to_message_id: said.message_id });
    expect((await w.sb.nextBotMessage(group)).text).toContain('支委须是本群管理员');
    await w.sb.send(bob, group, '/appoint @carol_q');
    expect((await w.sb.nextBotMessage(group)).text).toBe('只有支部书记可以这样做。');
    await w.sb.member(group, bob, 'promote');
    await w.sb.send(alice, group, '/appoint @bob_m');
    expect((await w.sb.nextBotMessage(group)).text).toBe('Bob 已任命为支委。');
    expect((await w.models.Branch.findOne({ chatId: group.id }).lean())?.committeeIds).toEqual([bob.id]);
    await w.sb.send(bob, group, '/help');
    const help = (await w.sb.nextBotMessage(group)).text ?? '';
    expect(help).toContain('您是 第一党支部 的支委。');
    expect(help).not.toContain('/settings');

    // Carol registers; Bob, as committee member, may confirm her.
    await w.sb.pressButton(carol, await joinInvite(w, carol, group), '📝 填写党员名片');
    await answer(w, carol, carol, [
      '卡罗',
      '档案室',
      '三号窗口',
      '预备党员',
      '否',
      '否',
      '一个党员一面旗',
      '✅ 提交',
    ]);
    const pending = await w.sb.nextBotMessage(group, { match: (m) => m.text?.includes('卡罗') ?? false });
    // Demoted in Telegram: the committee right goes with the admin status.
    await w.sb.member(group, bob, 'demote');
    const denied = (await w.sb.pressButton(bob, pending, '✅ 确认')) as { callback_query_id: string };
    expect((await w.sb.waitForCallbackAnswer(group, denied.callback_query_id)).text).toBe(
      '只有支部书记或支委可以这样做。',
    );
    await w.sb.member(group, bob, 'promote');
    const ok = (await w.sb.pressButton(bob, pending, '↩️ 退回')) as { callback_query_id: string };
    await w.sb.waitForCallbackAnswer(group, ok.callback_query_id);
    await w.sb.waitForMessage(
      group,
      (m) => m.message_id === pending.message_id && (m.text ?? '').includes('退回'),
    );
    expect(await w.models.Member.findOne({ userId: carol.id }).lean()).toMatchObject({ status: 'left' });
    expect(await w.models.Audit.countDocuments({ action: 'member.reject', actorId: bob.id })).toBe(1);

    await w.sb.send(alice, group, '/unappoint @bob_m');
    expect((await w.sb.nextBotMessage(group)).text).toBe('Bob 已不再担任支委。');
    expect((await w.models.Branch.findOne({ chatId: group.id }).lean())?.committeeIds).toEqual([]);
    expect(
      await w.models.Audit.countDocuments({ action: { $in: ['committee.appoint', 'committee.unappoint'] } }),
    ).toBe(2);
  });

  it('/settings: the secretary reads and changes settings, bad values are explained, others are refused', async () => {
    await w.sb.send(bob, group, '/settings');
    expect((await w.sb.nextBotMessage(group)).text).toBe('只有支部书记可以这样做。');
    await w.sb.send(alice, group, '/settings');
    const list = (await w.sb.nextBotMessage(group)).text ?? '';
    expect(list).toContain('公示天数（commentPeriodDays）= 3');
    expect(list).toContain('领导干部承诺条数（leadingMinPledgeItems）= 3');
    await w.sb.send(alice, group, '/settings commentPeriodDays 99');
    expect((await w.sb.nextBotMessage(group)).text).toBe('commentPeriodDays 须在 1 到 30 之间。');
    await w.sb.send(alice, group, '/settings commentPeriodDays 5');
    expect((await w.sb.nextBotMessage(group)).text).toBe('✅ 已更新：commentPeriodDays = 5');
    // A setting by its Chinese name (issue 15 item 15).
    await w.sb.send(alice, group, '/settings 公示天数 4');
    expect((await w.sb.nextBotMessage(group)).text).toBe('✅ 已更新：commentPeriodDays = 4');
    await w.sb.send(alice, group, '/settings 公示天数 5');
    await w.sb.nextBotMessage(group);
    await w.sb.send(alice, group, '/settings language en');
    expect((await w.sb.nextBotMessage(group)).text).toBe('✅ Updated: language = en');
    await w.sb.send(carol, group, '/help');
    expect((await w.sb.nextBotMessage(group)).text).toContain(
      'In 第一党支部 you take part as one of the masses.',
    );
    await w.sb.send(alice, group, '/settings language zh');
    expect((await w.sb.nextBotMessage(group)).text).toBe('✅ 已更新：language = zh');
    const branch = await w.models.Branch.findOne({ chatId: group.id }).lean();
    expect(branch?.settings).toEqual({ commentPeriodDays: 5, language: 'zh' });
    expect(await w.models.Audit.countDocuments({ action: 'settings.update', actorId: alice.id })).toBe(5);
  });

  it('/settings menu: a button per setting, its usual values as buttons, the secretary alone may press (item 15)', async () => {
    await w.sb.send(alice, group, '/settings');
    const menu = await w.sb.nextBotMessage(group, { match: /支部设置/ });
    expect(buttonsOf(menu).map((b) => b.text)).toContain('合格分数线');
    const current = async () => (await w.sb.messages(group)).find((m) => m.message_id === menu.message_id)!;
    // A member's press is refused where they see it; the menu stays.
    const bobs = (await w.sb.pressButton(bob, menu, '合格分数线')) as { callback_query_id: string };
    expect(await w.sb.waitForCallbackAnswer(group, bobs.callback_query_id)).toMatchObject({
      text: '只有支部书记可以这样做。',
      show_alert: true,
    });
    expect((await current()).text).toBe(menu.text);
    await w.sb.pressButton(alice, menu, '合格分数线');
    await expect.poll(async () => (await current()).text).toContain('⚙️ 合格分数线（passScore）\n当前：80');
    expect(buttonsOf(await current()).map((b) => b.text)).toEqual([
      '60',
      '70',
      '75',
      '✓ 80',
      '85',
      '↩️ 全部设置',
    ]);
    const set = (await w.sb.pressButton(alice, await current(), '75')) as { callback_query_id: string };
    expect(await w.sb.waitForCallbackAnswer(group, set.callback_query_id)).toMatchObject({
      text: '✅ 已更新：passScore = 75',
    });
    await expect.poll(async () => (await current()).text).toContain('当前：75');
    expect(buttonsOf(await current()).map((b) => b.text)).toContain('✓ 75');
    expect((await w.models.Branch.findOne({ chatId: group.id }).lean())?.settings).toMatchObject({
      passScore: 75,
    });
    // The value it already has changes nothing; back to the list, which shows the new value.
    const same = (await w.sb.pressButton(alice, await current(), '✓ 75')) as { callback_query_id: string };
    expect(await w.sb.waitForCallbackAnswer(group, same.callback_query_id)).toMatchObject({
      text: '已经是这个值了。',
    });
    await w.sb.pressButton(alice, await current(), '↩️ 全部设置');
    await expect.poll(async () => (await current()).text).toContain('合格分数线（passScore）= 75');
    // Typed values: the holidays have no buttons, the view says how to type one.
    await w.sb.pressButton(alice, await current(), '额外休息日');
    await expect.poll(async () => (await current()).text).toContain('发送 /settings 额外休息日 值 修改。');
    await w.sb.pressButton(alice, await current(), '↩️ 全部设置');
    await w.sb.send(alice, group, '/settings passScore 80');
    await w.sb.nextBotMessage(group, { match: /已更新：passScore = 80/ });
    expect(await w.models.Audit.countDocuments({ action: 'settings.update', actorId: alice.id })).toBe(7);
  });

  it('registers the command menus per scope in Chinese and English', async () => {
    type Cmd = { command: string; description: string };
    const menu = (chat: number, user: SbUser, lang: string) =>
      w.sb.call<Cmd[]>(
        'GET',
        `/chats/${chat}/commands?bot_id=${w.me.id}&user_id=${user.id}&language_code=${lang}`,
      );
    const groupZh = await menu(group.id, carol, 'zh');
    expect(groupZh.map((c) => c.command)).toContain('join');
    expect(groupZh.map((c) => c.command)).not.toContain('settings');
    expect(groupZh.find((c) => c.command === 'join')?.description).toBe('登记党员名片（亮身份）');
    const adminEn = await menu(group.id, alice, 'en');
    expect(adminEn.find((c) => c.command === 'settings')?.description).toBe('Branch settings (secretary)');
    const privateEn = await menu(carol.id, carol, 'en');
    expect(privateEn.map((c) => c.command)).toEqual(
      expect.arrayContaining(['start', 'help', 'me', 'language']),
    );
    expect(privateEn.map((c) => c.command)).not.toContain('bind');
    expect(privateEn.find((c) => c.command === 'help')?.description).toBe('What I can do');
  });

  it('/leave ends membership: the board drops the card, the record stays', async () => {
    const boardId = (await w.models.Branch.findOne({ chatId: group.id }).lean())!.rosterMessageId;
    await w.sb.send(bob, group, '/leave');
    expect((await w.sb.nextBotMessage(group)).text).toBe('鲍勃 已退出党员名单，相关记录仍予保留。');
    const board = await w.sb.waitForMessage(
      group,
      (m) => m.message_id === boardId && (m.text ?? '').includes('暂无党员'),
    );
    expect(board.text).toContain('共 0 名党员');
    expect(await w.models.Member.findOne({ userId: bob.id }).lean()).toMatchObject({
      status: 'left',
      realName: '鲍勃',
    });
    await w.sb.send(bob, group, '/leave');
    expect((await w.sb.nextBotMessage(group)).text).toContain('您还不是本支部在册党员');
  });

  it('a secretary demoted in Telegram loses the rights; another admin takes the branch over with /bind', async () => {
    await w.sb.send(bob, group, '/bind');
    expect((await w.sb.nextBotMessage(group)).text).toContain('本群已绑定到 第一党支部');
    await w.sb.member(group, alice, 'demote');
    await w.sb.send(alice, group, '/settings');
    expect((await w.sb.nextBotMessage(group)).text).toBe('只有支部书记可以这样做。');
    await w.sb.send(bob, group, '/bind');
    expect((await w.sb.nextBotMessage(group)).text).toBe(
      '原支部书记已不是本群管理员。Bob 现为 第一党支部 的支部书记。',
    );
    expect(await w.models.Branch.findOne({ chatId: group.id }).lean()).toMatchObject({ secretaryId: bob.id });
    expect(await w.models.Audit.countDocuments({ action: 'branch.takeover', actorId: bob.id })).toBe(1);
    await w.sb.send(bob, group, '/settings');
    expect((await w.sb.nextBotMessage(group)).text).toContain('支部设置');
  });

  it('speaks English in private to an English-speaking member while the group stays Chinese', async () => {
    const dan = await w.person('Dan', 'dan_en', 'en-GB');
    await w.sb.member(group, dan, 'join');
    await w.sb.send(dan, group, '/join');
    const invite = await w.sb.nextBotMessage(group, { match: (m) => buttonsOf(m).length > 0 });
    expect(invite.text).toContain('填写党员名片');
    await w.sb.pressButton(dan, invite, '📝 填写党员名片');
    expect((await w.sb.nextBotMessage(dan)).text).toContain('You are registering as a member of 第一党支部');
    const first = await w.sb.nextBotMessage(dan);
    expect(first.text).toBe('1/7 Your real name:');
    const steps = [
      'Dan Smith',
      'Front desk',
      'Window 2',
      'member',
      'Full member',
      'No',
      'Yes',
      'Serve with a smile',
      '✅ Submit',
    ];
    let last = first;
    for (const text of steps) {
      await w.sb.send(dan, dan, text);
      last = await w.sb.nextBotMessage(dan);
    }
    expect(last.text).toContain('Card submitted');
    expect((await w.sb.messages(dan)).map((m) => m.text)).toContain(
      '"member" is not understood. Choose "Full member" or "Probationary member".',
    );
    const pending = await w.sb.nextBotMessage(group, {
      match: (m) => m.text?.includes('Dan Smith') ?? false,
    });
    expect(pending.text).toContain('有新的党员登记');
    await w.sb.pressButton(bob, pending, '✅ 确认');
    expect((await w.sb.nextBotMessage(dan)).text).toContain('Your membership of 第一党支部 is confirmed');
    expect(await w.models.Member.findOne({ userId: dan.id }).lean()).toMatchObject({
      status: 'active',
      isElderly: true,
      membership: 'full',
    });
  });
});
