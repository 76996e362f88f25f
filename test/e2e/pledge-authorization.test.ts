import type { Types } from 'mongoose';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SbChat, SbMessage, SbUser } from '../support/sandbox-client.js';
import { answer, buttonsOf, startWorld, type World } from './world.js';

/**
 * Every command and button kind of pledges, deeds, the feedback book, /ledger and /pending, for
 * each role (secretary, member, the masses, a member of another branch), in the own group,
 * another branch's group and private chats. Records are seeded in the bot's own database; every
 * button pressed is one the bot itself sent.
 */
let w: World;
let sec: SbUser; // secretary of branch 1; a plain member of group 2
let mem: SbUser; // member of branch 1; in group 2 as the masses
let masses: SbUser; // the masses in group 1
let other: SbUser; // member and secretary of branch 2, not in group 1; English in private
let g1: SbChat;
let g2: SbChat;
let b1: Types.ObjectId;
let memberId: Types.ObjectId;
const SECRETARY_ONLY = '只有支部书记或支委可以这样做。';
const NOT_MEMBER = /您还不是本支部在册党员/;
const NOT_OWNER = '这不是您的记录，只能由本人操作。';
const today = DateTime.now().setZone('Asia/Shanghai');

async function reply(user: SbUser, chat: SbChat, text: string): Promise<SbMessage> {
  await w.sb.send(user, chat, text);
  return w.sb.nextBotMessage(chat);
}
const OWN = '不能审核自己的事项，请由其他支委或书记处理。';

async function alert(who: SbUser, m: SbMessage, data: string) {
  const { callback_query_id } = (await w.sb.pressButton(who, m, { data })) as { callback_query_id: string };
  return (await w.sb.waitForCallbackAnswer(m.chat, callback_query_id)).text;
}

beforeAll(async () => {
  w = await startWorld();
  sec = await w.person('书记', 'sec_a');
  mem = await w.person('党员', 'mem_a');
  masses = await w.person('群众', 'masses_a');
  other = await w.person('外支部', 'other_b', 'en'); // speaks English in private; group 2 speaks the branch's Chinese
  g1 = await w.sb.createGroup({ title: '一支部', admins: [sec], members: [mem, masses] });
  g2 = await w.sb.createGroup({ title: '二支部', admins: [other], members: [sec, mem] });
  for (const [g, admin, name] of [
    [g1, sec, '第一党支部'],
    [g2, other, '第二党支部'],
  ] as const) {
    await w.sb.nextBotMessage(g);
    await w.sb.send(admin, g, '/bind');
    await answer(w, admin, g, [name, '市政务服务中心']);
  }
  b1 = (await w.models.Branch.findOne({ chatId: g1.id }).lean())!._id;
  const b2 = (await w.models.Branch.findOne({ chatId: g2.id }).lean())!._id;
  const card = {
    post: '窗口',
    unit: '一号窗口',
    membership: 'full',
    isLeading: false,
    motto: '我的岗位我示范',
    status: 'active',
    submittedAt: new Date(),
  } as const;
  memberId = (
    await w.models.Member.create({
      ...card,
      branchId: b1,
      userId: mem.id,
      realName: '党员甲',
      isElderly: true,
    })
  )._id;
  await w.models.Member.create({
    ...card,
    branchId: b2,
    userId: other.id,
    realName: '外支部乙',
    isElderly: false,
  });
  const year = today.year;
  const pledge = await w.models.Pledge.create({ branchId: b1, memberId, userId: mem.id, year });
  const item = {
    branchId: b1,
    pledgeId: pledge._id,
    memberId,
    userId: mem.id,
    year,
    lead: 'service' as const,
    dueDate: today.plus({ days: 30 }).toISODate()!,
  };
  await w.models.PledgeItem.create([
    { ...item, text: '待审核的承诺事项', status: 'pending' as const },
    { ...item, text: '已申报完成的事项', status: 'claimed' as const, evidence: '记录' },
    { ...item, text: '已审定的承诺事项', status: 'approved' as const },
  ]);
  await w.models.Deed.create({
    branchId: b1,
    memberId,
    userId: mem.id,
    what: '待核实的实事',
    date: today.toISODate()!,
    forWhom: '群众',
    peopleHelped: 1,
    status: 'pending',
  });
  // The secretary is a member too, with a deed of their own awaiting review.
  const secMember = await w.models.Member.create({
    ...card,
    branchId: b1,
    userId: sec.id,
    realName: '书记本人',
    isElderly: false,
  });
  await w.models.Deed.create({
    branchId: b1,
    memberId: secMember._id,
    userId: sec.id,
    what: '书记自己的实事',
    date: today.toISODate()!,
    forWhom: '群众',
    peopleHelped: 1,
    status: 'pending',
  });
  // ... and pledge items of their own: one new, one they claimed done.
  const secPledge = await w.models.Pledge.create({
    branchId: b1,
    memberId: secMember._id,
    userId: sec.id,
    year,
  });
  const secItem = { ...item, pledgeId: secPledge._id, memberId: secMember._id, userId: sec.id };
  await w.models.PledgeItem.create([
    { ...secItem, text: '书记自己的新承诺', status: 'pending' as const },
    { ...secItem, text: '书记自己申报完成的承诺', status: 'claimed' as const, evidence: '记录' },
  ]);
  await w.models.Feedback.create({
    branchId: b1,
    memberId,
    kind: 'complaint',
    text: '待处理的投诉',
    anonymous: true,
    status: 'open',
    createdAt: today.startOf('day').toJSDate(),
  });
  for (const u of [sec, mem, masses, other]) {
    await w.sb.start(u);
    await w.sb.nextBotMessage(u);
  }
}, 90_000);
afterAll(() => w?.close());

describe('authorization of pledges, deeds, feedback, /ledger and /pending', () => {
  it('commands in the own group, by role', async () => {
    const cases: Array<[SbUser, string, string | RegExp]> = [
      [masses, '/pledge', NOT_MEMBER],
      [mem, '/pledge', /私聊中填写/],
      [masses, '/oralpledge @mem_a', SECRETARY_ONLY],
      [mem, '/oralpledge @mem_a', SECRETARY_ONLY],
      [sec, '/oralpledge @mem_a', /代录口头承诺/],
      [masses, '/deed 做了一件事', NOT_MEMBER],
      [masses, '/deed', NOT_MEMBER],
      [mem, '/deed', /在私聊中逐项记录/],
      [masses, '/ledger', /不是本支部的在册党员/],
      [masses, '/ledger @mem_a', /党员甲 · \d{4} 年承诺台账/],
      [masses, '/feedback', /意见簿/],
      [masses, '/pending', SECRETARY_ONLY],
      [mem, '/pending', SECRETARY_ONLY],
      [sec, '/pending', /待审核事项共 7 项：承诺事项 2 项，完成申报 2 项，实事 2 件，意见簿 1 条/],
    ];
    for (const [who, text, expected] of cases) {
      const got = (await reply(who, g1, text)).text ?? '';
      if (typeof expected === 'string') expect({ text, got }).toEqual({ text, got: expected });
      else expect({ text, got }).toEqual({ text, got: expect.stringMatching(expected) });
    }
    // The secretary's /pending in the group does not air the complaint.
    expect((await w.sb.messages(g1)).map((m) => m.text ?? '')).not.toContainEqual(
      expect.stringContaining('待处理的投诉'),
    );
  });

  it('commands in another branch’s group act on that branch only', async () => {
    const cases: Array<[SbUser, string, string | RegExp]> = [
      [sec, '/pending', SECRETARY_ONLY],
      [sec, '/oralpledge @mem_a', SECRETARY_ONLY],
      [mem, '/pledge', NOT_MEMBER],
      [mem, '/deed 做了一件事', NOT_MEMBER],
      [mem, '/ledger', /不是本支部的在册党员/],
      [sec, '/ledger @mem_a', /不是本支部的在册党员/],
      [other, '/pending', /第二党支部 目前没有待审核事项/],
    ];
    for (const [who, text, expected] of cases) {
      const got = (await reply(who, g2, text)).text ?? '';
      if (typeof expected === 'string') expect({ text, got }).toEqual({ text, got: expected });
      else expect({ text, got }).toEqual({ text, got: expect.stringMatching(expected) });
    }
    // /feedback there leads to branch 2's book, never branch 1's.
    const link = buttonsOf(await reply(mem, g2, '/feedback'))[0]!.url!;
    const b2 = (await w.models.Branch.findOne({ chatId: g2.id }).lean())!._id.toString();
    expect(link).toContain(`start=fb_${b2}`);
    expect(await w.models.Deed.countDocuments({ branchId: { $ne: b1 } })).toBe(0);
  });

  it('commands and deep links in private chats', async () => {
    const cases: Array<[SbUser, string, string | RegExp]> = [
      [masses, '/pledge', NOT_MEMBER],
      [masses, '/deed', NOT_MEMBER],
      [masses, '/ledger', /不是本支部的在册党员/],
      [masses, '/pending', SECRETARY_ONLY],
      [mem, '/pending', SECRETARY_ONLY],
      [masses, '/feedback', /置顶名片墙下方的“意见簿”按钮.*群里不留痕迹/],
      [mem, '/feedback', /意见簿中关于您的记录/],
      [other, '/ledger', /外支部乙 · pledge ledger \d{4}/],
      [other, '/deed', /One deed, one record/],
      [masses, `/start pl_${b1.toString()}`, NOT_MEMBER],
      [masses, `/start dd_${b1.toString()}`, NOT_MEMBER],
      [mem, `/start po_${b1.toString()}-${memberId.toString()}`, SECRETARY_ONLY],
      [other, `/start fb_${b1.toString()}`, /Feedback book of 第一党支部/], // the feedback link is for anyone
      [masses, `/start fb_${'0'.repeat(24)}`, /该操作已失效/],
    ];
    for (const [who, text, expected] of cases) {
      await w.sb.send(who, who, '/cancel');
      await w.sb.nextBotMessage(who);
      const got = (await reply(who, who as unknown as SbChat, text)).text ?? '';
      if (typeof expected === 'string') expect({ text, got }).toEqual({ text, got: expected });
      else expect({ text, got }).toEqual({ text, got: expect.stringMatching(expected) });
    }
    // The member's own /ledger in private lists the open item with a "done" button.
    const own = await reply(mem, mem as unknown as SbChat, '/ledger');
    expect(buttonsOf(own).map((b) => b.callback_data)).toEqual([expect.stringMatching(/^pd:[0-9a-f]{24}$/)]);
  });

  it('every button kind re-checks the presser’s role and ownership', async () => {
    // Review buttons are only in the reviewer's private chat: the group gets a summary without them.
    await w.sb.send(sec, g1, '/pending');
    const summary = await w.sb.nextBotMessage(g1, { match: /待审核事项共/ });
    expect(buttonsOf(summary).map((b) => b.url)).toEqual([expect.stringMatching(/\?start=pv_[0-9a-f]{24}$/)]);
    await w.sb.openLink(mem, buttonsOf(summary)[0]!.url!);
    expect((await w.sb.nextBotMessage(mem)).text).toBe(SECRETARY_ONLY);
    await w.sb.openLink(sec, buttonsOf(summary)[0]!.url!);
    await w.sb.nextBotMessage(sec, { match: /待审核的承诺事项/ });
    // Nobody reviews their own record.
    const own = await w.sb.nextBotMessage(sec, { match: /书记自己的实事/ });
    const dvOwn = buttonsOf(own).find((b) => b.callback_data?.startsWith('dv:'))!.callback_data!;
    expect(await alert(sec, own, dvOwn)).toBe(OWN);
    // Nor their own pledge items: a new one is neither approved nor returned, one claimed done is
    // neither confirmed nor sent back, and no reason is asked for a return.
    const ownNew = await w.sb.waitForMessage(sec, (m) => m.text?.includes('书记自己的新承诺') ?? false);
    const ownClaim = await w.sb.waitForMessage(
      sec,
      (m) => m.text?.includes('书记自己申报完成的承诺') ?? false,
    );
    for (const [m, kinds] of [
      [ownNew, ['pa:', 'pr:']],
      [ownClaim, ['pc:', 'px:']],
    ] as const)
      for (const kind of kinds) {
        const data = buttonsOf(m).find((b) => b.callback_data?.startsWith(kind))!.callback_data!;
        expect({ kind, got: await alert(sec, m, data) }).toEqual({ kind, got: OWN });
      }
    // The member's own buttons: "done" on the ledger and "withdraw" on a quick deed, refused to others.
    const ledger = await reply(mem, g1, '/ledger');
    const pd = buttonsOf(ledger)[0]!.callback_data!;
    for (const who of [masses, sec]) expect(await alert(who, ledger, pd)).toBe(NOT_OWNER);
    const quick = await reply(mem, g1, '/deed 帮邻居修水管');
    const dw = buttonsOf(quick).find((b) => b.callback_data?.startsWith('dw:'))!.callback_data!;
    for (const who of [masses, sec]) expect(await alert(who, quick, dw)).toBe(NOT_OWNER);
    const edit = buttonsOf(quick).find((b) => b.url)!.url!;
    await w.sb.openLink(masses, edit);
    expect((await w.sb.nextBotMessage(masses)).text).toBe(NOT_OWNER);
    // Feedback is handled from the secretary's private /pending; nobody else has that button.
    const fb = await w.sb.nextBotMessage(sec, { match: /待处理的投诉/ });
    expect(buttonsOf(fb).map((b) => b.callback_data)).toEqual([expect.stringMatching(/^fh:[0-9a-f]{24}$/)]);
    const stored = await w.models.PledgeItem.find({ branchId: b1 }).lean();
    expect(stored.map((i) => `${i.userId === sec.id ? 'own ' : ''}${i.status}`).sort()).toEqual([
      'approved',
      'claimed',
      'own claimed',
      'own pending',
      'pending',
    ]);
    expect((await w.sb.messages(sec)).some((m) => /理由/.test(m.text ?? ''))).toBe(false);
    expect(await w.models.Deed.countDocuments({ status: 'pending' })).toBe(3);
    expect(await w.models.Audit.countDocuments({ action: /^(pledge|deed|feedback)\./ })).toBe(0);
  });
});
