import type { Types } from 'mongoose';
import { writeFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberRecord } from '../../src/db/models/member.js';
import type { SbChat, SbMessage, SbUser } from '../support/sandbox-client.js';
import { dateLabel } from '../../src/domain/locale-format.js';
import { seedMember } from '../support/seed.js';
import { answer, buttonsOf, startWorld, type World } from './world.js';

let w: World;
let alice: SbUser; // secretary of branch 1
let bob: SbUser; // leading member of branch 1 (needs 3 pledge items)
let dora: SbUser; // elderly member of branch 1 (oral pledge)
let carol: SbUser; // the masses in group 1
let frank: SbUser; // secretary of branch 2
let eve: SbUser; // member of branch 2
let g1: SbChat;
let g2: SbChat;
// A stale button says what happened; it never asks for a "refresh", which Telegram cannot do.
const UNAVAILABLE = '该操作已失效：这条记录已经处理过或已经变化，按钮不再适用。';
const today = DateTime.now().setZone('Asia/Shanghai');
const day = (n: number) => today.plus({ days: n }).toISODate()!;

/** Presses a button and returns the bot's answer to that press (toast or alert). */
async function press(who: SbUser, m: SbMessage, button: string | RegExp | { data: string }) {
  const { callback_query_id } = (await w.sb.pressButton(who, m, button)) as { callback_query_id: string };
  return w.sb.waitForCallbackAnswer(m.chat, callback_query_id);
}
/** Sends each answer in a private chat and returns the bot's next message after the last one. */
async function say(user: SbUser, replies: string[]): Promise<SbMessage> {
  let last: SbMessage | undefined;
  for (const text of replies) {
    await w.sb.send(user, user, text);
    last = await w.sb.nextBotMessage(user);
  }
  return last!;
}
const texts = async (chat: { id: number }) =>
  (await w.sb.messages(chat)).map((m) => m.text ?? m.caption ?? '');

async function bind(chat: SbChat, admin: SbUser, name: string) {
  await w.sb.nextBotMessage(chat);
  await w.sb.send(admin, chat, '/bind');
  await answer(w, admin, chat, [name, '市政务服务中心']);
  return (await w.models.Branch.findOne({ chatId: chat.id }).lean())!;
}
/** An active member of the branch, as if their card had been confirmed just now. */
async function addMember(
  branchId: Types.ObjectId,
  user: SbUser,
  name: string,
  extra: Partial<MemberRecord> = {},
) {
  await seedMember(w.models, branchId, user.id, { realName: name, post: '综合窗口受理员', ...extra });
}

beforeAll(async () => {
  w = await startWorld();
  alice = await w.person('Alice', 'alice_s');
  bob = await w.person('鲍勃', 'bob_m');
  dora = await w.person('朵拉', 'dora_m');
  carol = await w.person('Carol', 'carol_q');
  frank = await w.person('Frank', 'frank_s');
  eve = await w.person('Eve', 'eve_m');
  g1 = await w.sb.createGroup({ title: '第一党支部群', admins: [alice, frank], members: [bob, dora, carol] });
  g2 = await w.sb.createGroup({ title: '第二党支部群', admins: [frank], members: [eve] });
  const b1 = await bind(g1, alice, '第一党支部');
  const b2 = await bind(g2, frank, '第二党支部');
  await addMember(b1._id, bob, '鲍勃', { isLeading: true });
  await addMember(b1._id, dora, '朵拉', { isElderly: true });
  await addMember(b2._id, eve, '伊芙');
  for (const u of [alice, bob, dora, frank, eve]) {
    await w.sb.start(u);
    await w.sb.nextBotMessage(u);
  }
}, 90_000);
afterAll(async () => {
  // E2E_LOG=path keeps the bot's log for debugging a failed run.
  if (process.env.E2E_LOG && w) writeFileSync(process.env.E2E_LOG, w.bot.output());
  await w?.close();
});

describe('public pledges (公开承诺) through the real bot', () => {
  it('a leading member drafts 3 items in private; bad answers are asked again; the group hears of it', async () => {
    await w.sb.send(bob, g1, '/pledge');
    const invite = await w.sb.nextBotMessage(g1);
    expect(buttonsOf(invite)[0]?.url).toMatch(/\?start=pl_[0-9a-f]{24}$/);
    await w.sb.pressButton(bob, invite, '📝 在私聊中填写');
    const first = await w.sb.nextBotMessage(bob, { match: /第 1 项：属于“五带头”/ });
    expect((await texts(bob)).some((t) => t.includes('至少需要 3 项'))).toBe(true);
    expect(first.reply_markup).toBeUndefined(); // a reply keyboard is not inline
    expect((await w.sb.history(bob)).reply_keyboard?.keyboard.flat().map((b) => b.text)).toContain(
      '带头服务群众',
    );
    expect((await say(bob, ['带头跑步'])).text).toContain('不是“五带头”之一');
    await say(bob, ['带头服务群众', '走访']);
    expect((await w.sb.messages(bob)).at(-1)?.text).toContain('承诺事项至少需要 5 个字');
    await say(bob, ['每月走访困难群众两户', '2020-01-01']);
    expect((await w.sb.messages(bob)).at(-1)?.text).toContain('完成期限不能早于今天');
    await w.sb.send(bob, bob, day(30));
    await w.sb.nextBotMessage(bob, { match: /第 2 项/ });
    await say(bob, ['带头学习提高', '每季度讲一次党课']);
    await w.sb.send(bob, bob, day(60));
    await w.sb.nextBotMessage(bob, { match: /第 3 项/ });
    await say(bob, ['带头弘扬正气', '全年服务零投诉，及时化解矛盾']);
    await w.sb.send(bob, bob, day(90));
    const more = await w.sb.nextBotMessage(bob, { match: /已有 3 项/ });
    expect(more.text).toContain('继续添加、修改，还是提交审核');
    expect(more.text?.match(/^\d\. 【/gm)).toHaveLength(3);
    expect((await say(bob, ['✅ 提交审核'])).text).toContain('已提交，等待支部书记审核');
    const notice = await w.sb.nextBotMessage(g1, { match: /提交了 3 项承诺/ });
    expect(notice.text).toContain('鲍勃');
    const items = await w.models.PledgeItem.find({ userId: bob.id }).sort({ _id: 1 }).lean();
    expect(items.map((i) => [i.lead, i.status, i.dueDate])).toEqual([
      ['service', 'pending', day(30)],
      ['study', 'pending', day(60)],
      ['integrity', 'pending', day(90)],
    ]);
  });

  it('the secretary reviews item by item from /pending: refusals for others, a double press acts once, a return needs a reason', async () => {
    await w.sb.send(carol, g1, '/pending');
    expect((await w.sb.nextBotMessage(g1)).text).toBe('只有支部书记或支委可以这样做。');
    // In the group one summary and a button; the review itself happens in private.
    await w.sb.send(alice, g1, '/pending');
    const summary = await w.sb.nextBotMessage(g1);
    expect(summary.text).toContain('待审核事项共 3 项：承诺事项 3 项');
    await w.sb.pressButton(alice, summary, '📋 在私聊中审核');
    const [m1, m2, m3] = [
      await w.sb.nextBotMessage(alice, { match: /每月走访/ }),
      await w.sb.nextBotMessage(alice, { match: /党课/ }),
      await w.sb.nextBotMessage(alice, { match: /零投诉/ }),
    ];
    const data = buttonsOf(m1!)[0]!.callback_data!;
    expect(data).toMatch(/^pa:[0-9a-f]{24}$/);
    const presses = await Promise.all([
      w.sb.press(alice, alice, m1!.message_id, data),
      w.sb.press(alice, alice, m1!.message_id, data),
    ]);
    const answers = await Promise.all(
      presses.map((p) => w.sb.waitForCallbackAnswer(alice, p.callback_query_id)),
    );
    expect(answers.map((a) => a.text).sort()).toEqual(['已审定', UNAVAILABLE].sort());
    const edited = await w.sb.waitForMessage(alice, (m) => m.message_id === m1!.message_id && !!m.edit_date);
    // The label names who decided (the reviewer), not whose item it is.
    expect(edited.text).toContain('✅ 已审定（审定人：Alice）');
    expect(buttonsOf(edited)).toEqual([]);

    await press(alice, m2!, '↩️ 退回');
    await w.sb.nextBotMessage(alice, { match: /写明退回 鲍勃 这项承诺的理由/ });
    await w.sb.send(alice, alice, '请写明党课主题');
    await w.sb.nextBotMessage(alice, { match: /已记录审核结果/ });
    expect((await w.sb.messages(alice)).find((m) => m.message_id === m2!.message_id)?.text).toContain(
      '↩️ 已退回（退回人：Alice）',
    );
    await press(alice, m3!, '✅ 审定通过');
    // Two of three accepted: not published yet; the member hears which item came back and why.
    const dm = await w.sb.nextBotMessage(bob, { match: /被退回/ });
    expect(dm.text).toContain('请写明党课主题');
    expect(await texts(g1)).not.toContainEqual(expect.stringContaining('年公开承诺'));
    const audit = await w.models.Audit.find({ action: /^pledge\./ })
      .sort({ at: 1 })
      .lean();
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ['pledge.approve', alice.id],
      ['pledge.return', alice.id],
      ['pledge.approve', alice.id],
    ]);
    expect(audit[1]).toMatchObject({
      before: { status: 'pending' },
      after: { status: 'returned', reason: '请写明党课主题' },
    });
  });

  it('the member rewrites the returned item; its approval publishes the pledge in the group', async () => {
    await w.sb.send(bob, bob, '/pledge');
    const rewrite = await w.sb.nextBotMessage(bob, { match: /这一项被退回了/ });
    expect(rewrite.text).toContain('请写明党课主题');
    await w.sb.nextBotMessage(bob, { match: /第 1 项：属于/ });
    await say(bob, ['带头学习提高', '每季度讲一次党课，主题为党章学习']);
    await w.sb.send(bob, bob, day(60));
    await w.sb.nextBotMessage(bob, { match: /已有 3 项/ });
    await say(bob, ['✅ 提交审核']);
    await w.sb.send(alice, alice, '/pending');
    const item = await w.sb.nextBotMessage(alice, { match: /党章学习/ });
    await press(alice, item, '✅ 审定通过');
    const published = await w.sb.nextBotMessage(g1, { match: /年公开承诺/ });
    expect(published.text).toContain(`鲍勃 的 ${today.year} 年公开承诺`);
    expect(published.text).toContain('【带头学习提高】每季度讲一次党课，主题为党章学习');
    expect(published.text?.match(/^\d\. /gm)).toHaveLength(3);
    expect((await w.models.Pledge.findOne({ userId: bob.id }).lean())?.publishedAt).toBeInstanceOf(Date);
  });

  it('the secretary records an oral pledge for an elderly member only', async () => {
    const said = await w.sb.send(bob, g1, '收到');
    await w.sb.send(alice, g1, { text: '/oralpledge', reply_to_message_id: said.message_id });
    expect((await w.sb.nextBotMessage(g1)).text).toContain('未登记为年老体弱或离退休党员');
    await w.sb.send(bob, g1, '/oralpledge @dora_m');
    expect((await w.sb.nextBotMessage(g1)).text).toBe('只有支部书记或支委可以这样做。');
    await w.sb.send(alice, g1, '/oralpledge @dora_m');
    const invite = await w.sb.nextBotMessage(g1);
    // Someone else opening the link is refused.
    await w.sb.openLink(bob, buttonsOf(invite)[0]!.url!);
    expect((await w.sb.nextBotMessage(bob)).text).toBe('只有支部书记或支委可以这样做。');
    await w.sb.pressButton(alice, invite, '📝 在私聊中填写');
    await w.sb.nextBotMessage(alice, { match: /代录/ });
    await w.sb.nextBotMessage(alice, { match: /第 1 项/ });
    await say(alice, ['带头服务群众', '坚持每天读报一小时']);
    await w.sb.send(alice, alice, day(200));
    const check = await w.sb.nextBotMessage(alice, { match: /已有 1 项/ });
    // The items written, before they go out (issue 15 item 15): one is changed from the summary.
    expect(check.text).toContain(`1. 【带头服务群众】坚持每天读报一小时（截止 ${day(200)}）`);
    expect((await w.sb.history(alice)).reply_keyboard?.keyboard.flat().map((b) => b.text)).toEqual([
      '➕ 再加一项',
      '✅ 提交审核',
      '✏️ 修改',
    ]);
    expect((await say(alice, ['✏️ 修改'])).text).toBe('要修改哪一项？请选择序号。');
    expect((await say(alice, ['1'])).text).toContain('第 1 项：属于');
    await say(alice, ['带头学习提高', '坚持每天读报学习一小时']);
    const again = await say(alice, [day(200)]);
    expect(again.text).toContain(`1. 【带头学习提高】坚持每天读报学习一小时（截止 ${day(200)}）`);
    expect(again.text).not.toContain('读报一小时');
    expect(await w.models.PledgeItem.countDocuments({ userId: dora.id })).toBe(0);
    expect((await say(alice, ['✅ 提交审核'])).text).toContain('口头承诺已代录并公示');
    const published = await w.sb.nextBotMessage(g1, { match: /朵拉 的 \d+ 年公开承诺/ });
    expect(published.text).toContain('口头承诺，由支部代录');
    expect(await w.models.Pledge.findOne({ userId: dora.id }).lean()).toMatchObject({
      oral: true,
      recordedBy: alice.id,
    });
    expect(await w.models.PledgeItem.find({ userId: dora.id }).lean()).toMatchObject([
      { status: 'approved' },
    ]);
    expect(await w.models.Audit.countDocuments({ action: 'pledge.oral', actorId: alice.id })).toBe(1);
    // Past its due date and not done, the item shows as overdue in the ledger (derived, never stored).
    await w.models.PledgeItem.updateOne({ userId: dora.id }, { $set: { dueDate: day(-1) } });
    await w.sb.send(carol, g1, '/ledger @dora_m');
    const ledger = await w.sb.nextBotMessage(g1);
    expect(ledger.text).toContain(`⚠️ 【带头学习提高】坚持每天读报学习一小时`);
    expect(ledger.text).toContain(`截止 ${dateLabel(day(-1), 'zh')} · 已逾期`);
    expect(await w.models.PledgeItem.findOne({ userId: dora.id }).lean()).toMatchObject({
      status: 'approved',
    });
  });

  it('/ledger is public in the group; only the owner marks an item done; the secretary confirms; other branches see nothing', async () => {
    await w.sb.send(carol, g1, '/ledger @bob_m');
    const seen = await w.sb.nextBotMessage(g1);
    expect(seen.text).toContain(`鲍勃 · ${today.year} 年承诺台账`);
    expect(seen.text).toContain('已审定');
    expect(buttonsOf(seen)).toEqual([]);
    await w.sb.send(bob, g1, '/ledger');
    const own = await w.sb.nextBotMessage(g1);
    expect(buttonsOf(own).map((b) => b.text)).toEqual([
      '✔️ 第 1 项已完成',
      '✔️ 第 2 项已完成',
      '✔️ 第 3 项已完成',
    ]);
    expect(await press(carol, own, '✔️ 第 1 项已完成')).toMatchObject({
      text: '这不是您的记录，只能由本人操作。',
    });
    await press(bob, own, '✔️ 第 1 项已完成');
    await w.sb.nextBotMessage(g1, { match: /标记完成：每月走访/ });
    await w.sb.answer(bob, g1, '走访记录两份，附签字');
    await w.sb.nextBotMessage(g1, { match: /已提交完成情况/ });
    expect(await w.models.PledgeItem.findOne({ userId: bob.id, lead: 'service' }).lean()).toMatchObject({
      status: 'claimed',
      evidence: '走访记录两份，附签字',
    });
    // Another branch's group does not see it; the other branch's secretary, an admin here too, cannot review.
    await w.sb.send(eve, g2, '/ledger @bob_m');
    expect((await w.sb.nextBotMessage(g2)).text).toContain('不是本支部的在册党员');
    // Someone else's empty ledger says so; it does not tell the viewer to /pledge or /deed.
    await w.sb.send(frank, g2, '/ledger @eve_m');
    const empty = (await w.sb.nextBotMessage(g2)).text!;
    expect(empty).toContain('伊芙 还没有承诺事项');
    expect(empty).toContain('伊芙 暂无已核实的实事');
    expect(empty).not.toMatch(/\/pledge|\/deed/);
    await w.sb.send(frank, frank, '/pending');
    expect((await w.sb.nextBotMessage(frank)).text).toContain('第二党支部 目前没有待审核事项');
    await w.sb.send(alice, alice, '/pending');
    const claim = await w.sb.nextBotMessage(alice, { match: /申报承诺事项已完成/ });
    await press(alice, claim, '✅ 确认完成');
    expect((await w.sb.nextBotMessage(bob, { match: /确认您的承诺事项完成/ })).text).toContain(
      '每月走访困难群众两户',
    );
    expect(await w.models.PledgeItem.findOne({ userId: bob.id, lead: 'service' }).lean()).toMatchObject({
      status: 'done',
    });
    expect(await w.models.Audit.countDocuments({ action: 'pledge.done-confirm', actorId: alice.id })).toBe(1);
  });
});

describe('deeds (一件事一记录) through the real bot', () => {
  let quick: SbMessage;
  it('/deed <text> and a captioned photo are the quick form; only the author may withdraw', async () => {
    await w.sb.send(carol, g1, '/deed 帮忙');
    expect((await w.sb.nextBotMessage(g1)).text).toContain('您还不是本支部在册党员');
    await w.sb.send(bob, g1, '/deed 帮助老人办理社保卡');
    quick = await w.sb.nextBotMessage(g1);
    expect(quick.text).toContain(
      `${dateLabel(today.toISODate()!, 'zh')} · 帮助老人办理社保卡 · 服务对象：群众 · 受益 1 人`,
    );
    expect(buttonsOf(quick)[0]?.url).toMatch(/\?start=de_[0-9a-f]{24}$/);
    expect(await press(carol, quick, '↩️ 撤回')).toMatchObject({ text: '这不是您的记录，只能由本人操作。' });
    await w.sb.send(bob, g1, { photo: 'iVBORw0KGgo=', caption: '/deed 清理楼道小广告' });
    const withPhoto = await w.sb.nextBotMessage(g1, { match: /清理楼道小广告/ });
    expect(withPhoto.text).toContain('📷 附照片');
    const deeds = await w.models.Deed.find({ userId: bob.id }).sort({ _id: 1 }).lean();
    expect(deeds).toMatchObject([
      {
        what: '帮助老人办理社保卡',
        forWhom: '群众',
        peopleHelped: 1,
        status: 'pending',
        date: today.toISODate(),
      },
      { what: '清理楼道小广告', status: 'pending' },
    ]);
    expect(deeds[1]!.photoFileId).toBeTruthy();
  });

  it('the author edits a pending deed in private (keep, re-ask on bad input, link a pledge item)', async () => {
    await w.sb.pressButton(bob, quick, '✏️ 修改');
    await w.sb.nextBotMessage(bob, { match: /正在修改：帮助老人办理社保卡/ });
    await say(bob, ['保持不变']);
    expect((await say(bob, ['上周'])).text).toContain('不是有效日期');
    // 明天 is read as a date (the one date reader), and refused for being ahead.
    expect((await say(bob, ['明天'])).text).toContain('日期不能晚于今天');
    expect((await say(bob, [day(1)])).text).toContain('日期不能晚于今天');
    await say(bob, ['昨天', '社区独居老人']);
    expect((await say(bob, ['三个'])).text).toContain('不是人数');
    const itemQ = await say(bob, ['3']);
    expect(itemQ.text).toContain('践行了哪项承诺');
    const labels = (await w.sb.history(bob)).reply_keyboard!.keyboard.flat().map((b) => b.text);
    expect(labels.some((l) => l.includes('每月走访'))).toBe(false); // done items are closed
    await say(bob, [labels.find((l) => l.includes('党章学习'))!]);
    expect((await say(bob, ['不附照片'])).text).toContain('已修改');
    const deed = await w.models.Deed.findOne({ userId: bob.id, what: '帮助老人办理社保卡' }).lean();
    expect(deed).toMatchObject({
      forWhom: '社区独居老人',
      peopleHelped: 3,
      date: day(-1),
      status: 'pending',
    });
    expect(deed?.pledgeItemId).toBeTruthy();
    // The group post follows the record: edited in place, still awaiting review with its buttons.
    const post = (await w.sb.messages(g1)).find((m) => m.message_id === quick.message_id)!;
    expect(post.text).toContain('服务对象：社区独居老人 · 受益 3 人');
    expect(post.text).toContain('待核实');
    expect(buttonsOf(post).map((b) => b.text)).toEqual(['✏️ 修改', '↩️ 撤回']);
  });

  it('/deed in private is the full dialog; the secretary verifies or rejects with a reason; the member is told', async () => {
    await w.sb.send(bob, bob, '/deed');
    await w.sb.nextBotMessage(bob, { match: /一件事一记录/ });
    await say(bob, ['为群众代办居住证', '今天', '外来务工人员', '2', '不关联承诺']);
    expect((await w.sb.messages(bob)).at(-1)?.text).toContain('如有照片');
    expect((await say(bob, ['随便'])).text).toContain('请发送一张照片');
    await w.sb.send(bob, bob, { photo: 'iVBORw0KGgo=' });
    expect((await w.sb.nextBotMessage(bob)).text).toContain('已记录，等待书记核实');

    await w.sb.send(alice, alice, '/pending');
    const stale = await w.sb.nextBotMessage(alice, { match: /帮助老人办理社保卡/ });
    await w.sb.send(alice, alice, '/pending');
    const m1 = await w.sb.nextBotMessage(alice, { match: /帮助老人办理社保卡/ });
    const m3 = await w.sb.nextBotMessage(alice, { match: /代办居住证/ });
    expect(m3.photo).toBeTruthy(); // the evidence photo is shown to the reviewer
    // A double press verifies once.
    const dv = buttonsOf(m1).find((b) => b.text === '✅ 核实')!.callback_data!;
    const twice = await Promise.all([
      w.sb.press(alice, alice, m1.message_id, dv),
      w.sb.press(alice, alice, m1.message_id, dv),
    ]);
    const toasts = await Promise.all(
      twice.map((p) => w.sb.waitForCallbackAnswer(alice, p.callback_query_id)),
    );
    expect(toasts.map((a) => a.text).sort()).toEqual(['已核实', UNAVAILABLE].sort());
    expect((await w.sb.nextBotMessage(bob, { match: /已核实/ })).text).toContain('帮助老人办理社保卡');
    await press(alice, m3, '❌ 驳回');
    await w.sb.nextBotMessage(alice, { match: /驳回 鲍勃 这件实事的理由/ });
    await w.sb.send(alice, alice, '请补充办理回执');
    expect((await w.sb.nextBotMessage(bob, { match: /未通过核实/ })).text).toContain('请补充办理回执');
    // The older /pending list still shows the buttons: pressing it now does nothing.
    expect(await press(alice, stale, '✅ 核实')).toMatchObject({ text: UNAVAILABLE });
    // Withdrawn by its author while pending; a verified deed can no longer be edited.
    await press(
      bob,
      (await w.sb.messages(g1)).find(
        (m) => (m.text ?? '').includes('清理楼道小广告') && buttonsOf(m).length > 0,
      )!,
      '↩️ 撤回',
    );
    // The group posts follow their records: verified (naming the reviewer) and withdrawn, buttons gone.
    const posts = await w.sb.messages(g1);
    const verifiedPost = posts.find((m) => m.message_id === quick.message_id)!;
    expect(verifiedPost.text).toContain('✅ 已核实');
    expect(verifiedPost.text).toContain('审核人：Alice');
    expect(verifiedPost.text).not.toContain('待核实');
    expect(buttonsOf(verifiedPost)).toEqual([]);
    const withdrawnPost = await w.sb.waitForMessage(
      g1,
      (m) => (m.text ?? '').includes('清理楼道小广告') && (m.text ?? '').includes('已撤回'),
    );
    expect(buttonsOf(withdrawnPost)).toEqual([]);
    // The edit link of the old post, opened anyway, says the deed has moved on.
    await w.sb.pressButton(bob, quick, '✏️ 修改');
    expect((await w.sb.nextBotMessage(bob)).text).toBe(UNAVAILABLE);
    const deeds = await w.models.Deed.find({ userId: bob.id }).sort({ _id: 1 }).lean();
    expect(deeds.map((d) => d.status)).toEqual(['verified', 'withdrawn', 'rejected']);
    expect(deeds[0]).toMatchObject({ reviewedBy: alice.id });
    expect(deeds[2]).toMatchObject({ reason: '请补充办理回执' });
    expect(
      (await w.models.Audit.find({ action: /^deed\./ }).lean()).map((a) => [a.action, a.actorId]),
    ).toEqual([
      ['deed.verify', alice.id],
      ['deed.reject', alice.id],
    ]);
    await w.sb.send(bob, bob, '/ledger');
    const ledger = await w.sb.nextBotMessage(bob);
    expect(ledger.text).toContain('对标记录卡：已核实实事 1 件');
    expect(ledger.text).toContain('关联实事 1 件');
  });
});

describe('the feedback book (意见簿) through the real bot', () => {
  it('the masses complain anonymously about a member: nothing stores who they are', async () => {
    const said = await w.sb.send(bob, g1, '今天窗口人多');
    await w.sb.send(carol, g1, { text: '/feedback', reply_to_message_id: said.message_id });
    const invite = await w.sb.nextBotMessage(g1);
    expect(invite.text).toContain('对 鲍勃 的表扬、建议或投诉');
    await w.sb.pressButton(carol, invite, '📝 写意见');
    await w.sb.nextBotMessage(carol, { match: /是表扬、建议还是投诉/ });
    expect((await say(carol, ['批评'])).text).toContain('不是可选的类型');
    await say(carol, ['⚠️ 投诉', '🙈 匿名']);
    expect((await say(carol, ['午休时间窗口无人值守'])).text).toContain('已匿名记录');
    const raw = await w.models.Feedback.collection.findOne({ text: '午休时间窗口无人值守' });
    expect(raw).toMatchObject({ kind: 'complaint', anonymous: true, status: 'open' });
    expect(raw).not.toHaveProperty('senderUserId');
    expect(JSON.stringify(raw)).not.toContain(String(carol.id));
    // (A dialog's last answer goes out before its state is deleted.)
    await expect
      .poll(() => w.models.DialogState.countDocuments({ _id: new RegExp(String(carol.id)) }))
      .toBe(0);
    // The member does not see an open complaint.
    await w.sb.send(bob, bob, '/feedback');
    expect((await w.sb.nextBotMessage(bob)).text).not.toContain('午休时间');
  });

  it('/me for one of the masses points to what they can do, not to /join', async () => {
    await w.sb.send(carol, carol, '/me');
    const me = (await w.sb.nextBotMessage(carol)).text!;
    expect(me).toContain('/feedback');
    expect(me).not.toContain('/join');
  });

  it('named praise chosen from the list reaches the member at once', async () => {
    await w.sb.send(carol, g1, '/feedback');
    await w.sb.pressButton(carol, await w.sb.nextBotMessage(g1), '📝 写意见');
    await w.sb.nextBotMessage(carol, { match: /是关于哪位党员/ });
    const labels = (await w.sb.history(carol)).reply_keyboard!.keyboard.flat().map((b) => b.text);
    expect(labels).toEqual(expect.arrayContaining(['支部整体']));
    await say(carol, [labels.find((l) => l.includes('鲍勃'))!, '👍 表扬', '✍️ 署名']);
    expect((await say(carol, ['耐心细致，一次办好'])).text).toContain('感谢您的意见');
    expect(await w.models.Feedback.findOne({ kind: 'praise' }).lean()).toMatchObject({
      anonymous: false,
      senderUserId: carol.id,
    });
    expect((await w.sb.nextBotMessage(bob, { match: /表扬了您/ })).text).toContain('耐心细致');
  });

  it('the secretary handles entries in private (not in the group); the member then sees the handled complaint', async () => {
    await w.sb.send(alice, g1, '/pending');
    await w.sb.nextBotMessage(g1, { match: /意见簿 2 条/ });
    expect(await texts(g1)).not.toContainEqual(expect.stringContaining('午休时间窗口无人值守'));
    await w.sb.send(alice, alice, '/pending');
    const entry = await w.sb.nextBotMessage(alice, { match: /午休时间窗口无人值守/ });
    expect(entry.text).toContain('匿名');
    expect(entry.text).not.toContain('Carol');
    // A named entry tells the secretary who wrote it, so they can follow up.
    // Entries carry random ids now, so the two come in either order.
    const named = await w.sb.waitForMessage(alice, (m) => /耐心细致/.test(m.text ?? ''));
    expect(named.text).toContain('署名：Carol');
    await w.sb.send(alice, alice, '/pending');
    const again = await w.sb.nextBotMessage(alice, { match: /午休时间窗口无人值守/ });
    await w.sb.send(frank, frank, '/pending');
    const other = await w.sb.nextBotMessage(frank);
    expect(other.text).toContain('第二党支部 目前没有待审核事项');
    await press(alice, entry, '📝 处理');
    await w.sb.nextBotMessage(alice, { match: /写明处理结果/ });
    // The secretary's notices of new entries come through the sender queue and may land in between.
    await w.sb.send(alice, alice, '已安排午间轮岗');
    await w.sb.nextBotMessage(alice, { match: /投诉是否属实/ });
    await w.sb.send(alice, alice, '是');
    await w.sb.nextBotMessage(alice, { match: /已办结/ });
    expect(await w.models.Feedback.findOne({ kind: 'complaint' }).lean()).toMatchObject({
      status: 'handled',
      outcome: '已安排午间轮岗',
      upheld: true,
      handledBy: alice.id,
    });
    expect(await w.models.Audit.countDocuments({ action: 'feedback.handle', actorId: alice.id })).toBe(1);
    const handled = (await w.sb.nextBotMessage(bob, { match: /投诉已处理/ })).text!;
    expect(handled).toContain('已安排午间轮岗');
    // The complaint was about the member, and the member is told so.
    expect(handled).toContain('关于 鲍勃');
    expect(handled).not.toContain('支部整体');
    await w.sb.send(bob, bob, '/feedback');
    const book = await w.sb.nextBotMessage(bob);
    expect(book.text).toContain('午休时间窗口无人值守');
    expect(book.text).toContain('耐心细致');
    expect(await press(alice, again, '📝 处理')).toMatchObject({ text: UNAVAILABLE });
  });
});
