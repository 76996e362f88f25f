import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BranchDoc } from '../../src/db/models/branch.js';
import type { SbChat, SbMessage, SbUser } from '../support/sandbox-client.js';
import { rosterCard, seedBranch, seedMember } from '../support/seed.js';
import { answer, startPrivateChats, startWorld, type World } from './world.js';

/**
 * Issue 14 through the real bot and worker: nobody acts on their own record, and rights lost in
 * Telegram are lost in private too. The secretary is also a member of the branch: their own
 * organisation score and their own objection go to a committee member (支委); they record no oral
 * pledge for themselves; demoted in the group, they answer no objection and write no commentary
 * from the private chat, even from a button they were sent while they still held the right.
 */
let w: World;
let sec: SbUser;
let com: SbUser;
let mem: SbUser;
let owner: SbUser;
let group: SbChat;
let branch: BranchDoc;

const OWN = '不能审核自己的事项，请由其他支委或书记处理。';
const SECRETARY_ONLY = '只有支部书记可以这样做。';

async function say(user: SbUser, text: string, match?: RegExp): Promise<SbMessage> {
  await w.sb.send(user, user, text);
  return w.sb.nextBotMessage(user, match ? { match, timeoutMs: 15_000 } : {});
}

const keyboardOf = async (user: SbUser) =>
  (await w.sb.history(user)).reply_keyboard?.keyboard.flat().map((b) => b.text) ?? [];

beforeAll(async () => {
  w = await startWorld();
  sec = await w.person('书记', 'sec_own');
  com = await w.person('支委', 'com_own');
  mem = await w.person('党员', 'mem_own');
  // The group's creator is someone else: a creator cannot be demoted in Telegram.
  owner = await w.person('群主');
  group = await w.sb.createGroup({
    title: '本人事项支部',
    creator: owner,
    admins: [owner, sec, com],
    members: [mem],
  });
  await startPrivateChats(w, [sec, com, mem]);
  branch = await seedBranch(w.models, group.id, sec.id, {
    committeeIds: [com.id],
    settings: { massesMinBallots: 1 },
  });
  for (const [i, u] of [sec, com, mem].entries())
    await seedMember(w.models, branch._id, u.id, { ...rosterCard(u, i), isElderly: u === sec });
}, 90_000);

afterAll(async () => {
  await w?.close();
});

describe('nobody acts on their own record (issue 14)', () => {
  it('own standard: a 支委 cannot approve or return their own, and is refused before any question', async () => {
    await w.sb.send(com, group, '/standard');
    await w.sb.pressButton(com, await w.sb.nextBotMessage(group), '✍️ 撰写岗位标准');
    const done = await answer(w, com, com, ['认真履行支委职责，每月走访群众不少于十户。']);
    expect(done.text).toContain('岗位标准已提交');
    const post = await w.sb.nextBotMessage(group, { match: (m) => m.text?.includes('征求意见') ?? false });
    for (const button of ['✅ 审定通过', '↩️ 退回']) {
      const { callback_query_id } = (await w.sb.pressButton(com, post, button)) as {
        callback_query_id: string;
      };
      expect((await w.sb.waitForCallbackAnswer(group, callback_query_id)).text, button).toBe(OWN);
    }
    // No question about an early approval or a reason was asked, and nothing changed.
    await new Promise((r) => setTimeout(r, 1500));
    expect((await w.sb.messages(group)).some((m) => /提前审定|理由/.test(m.text ?? ''))).toBe(false);
    expect((await w.models.Standard.findOne({ userId: com.id }).lean())?.status).toBe('commenting');
  }, 90_000);

  it('own feedback: a member cannot write in the book about themselves, by the list or by a link naming them', async () => {
    const SELF = '不能给自己留意见。';
    const KIND = /是表扬、建议还是投诉/;
    const own = await w.models.Member.findOne({ branchId: branch._id, userId: mem.id }).lean();
    // From the branch's link: the member chooses their own name from the list.
    await say(mem, `/start fb_${branch._id.toString()}`, /是关于哪位党员的/);
    const ownLabel = (await keyboardOf(mem)).find((b) => b.includes('党员 · '));
    expect(ownLabel, 'the list shows every active member').toBeDefined();
    expect((await say(mem, ownLabel!)).text).toBe(SELF);
    // The dialog ended there: the name typed again is no answer to any question.
    await w.sb.send(mem, mem, ownLabel!);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await w.sb.messages(mem)).some((m) => KIND.test(m.text ?? ''))).toBe(false);
    // A link naming themselves (their plate's QR code) is refused before the book opens.
    expect((await say(mem, `/start fb_${branch._id.toString()}-${own!._id.toString()}`)).text).toBe(SELF);
    // Another member is a choice like any other: the next question comes.
    await say(mem, `/start fb_${branch._id.toString()}`, /是关于哪位党员的/);
    const other = (await keyboardOf(mem)).find((b) => b.includes('支委 · '));
    await say(mem, other!, KIND);
    await say(mem, '/cancel', /取消/);
    expect(await w.models.Feedback.countDocuments({ branchId: branch._id })).toBe(0);
  }, 90_000);

  it('own organisation score, own objection, own oral pledge; demoted, no objection or commentary from private', async () => {
    // The secretary records no oral pledge for themselves (registered as elderly, so only the policy refuses).
    await w.sb.send(sec, group, '/oralpledge @sec_own');
    expect((await w.sb.nextBotMessage(group)).text).toBe(OWN);

    await w.sb.send(sec, group, '/openround');
    await w.sb.nextBotMessage(group, { match: /月度考评开始/, timeoutMs: 15_000 });
    // /orgrate: the secretary's list leaves them out and says who scores them; the 支委's has them.
    await say(sec, '/orgrate', /请选择要进行组织考评的党员/);
    const secList = await keyboardOf(sec);
    expect(secList.some((b) => b.startsWith('书记'))).toBe(false);
    expect(secList.some((b) => b.startsWith('党员'))).toBe(true);
    expect((await w.sb.messages(sec)).map((m) => m.text)).toContain(
      '您本人的组织考评由支委评定，不在此列出。',
    );
    // Typed anyway, the own name is not taken.
    await w.sb.send(sec, sec, '书记 · 窗口1');
    expect((await w.sb.nextBotMessage(sec)).text).not.toMatch(/书记 的建议分/);
    await w.sb.send(sec, sec, '/cancel');
    await w.sb.nextBotMessage(sec, { match: /取消/ });
    await say(com, '/orgrate', /请选择要进行组织考评的党员/);
    expect((await keyboardOf(com)).some((b) => b.startsWith('书记'))).toBe(true);
    await w.sb.send(com, com, '/cancel');
    await w.sb.nextBotMessage(com, { match: /取消/ });

    await w.closeRoundNow(branch._id);
    await w.sb.nextBotMessage(group, { match: /考评结果公示/, timeoutMs: 30_000 });

    // The secretary's own objection goes to the 支委, not to the secretary.
    await say(sec, '/object', /请写明您对/);
    await say(sec, '本人上门服务较多，请复核', /异议已提交/);
    const toCom = await w.sb.nextBotMessage(com, { match: /书记 对 .* 考评结果提出异议/, timeoutMs: 15_000 });
    expect(toCom.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(['处理异议']);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await w.sb.messages(sec)).some((m) => /书记 对 .*提出异议/.test(m.text ?? ''))).toBe(false);

    // A member's objection reaches the secretary while they are the group's admin ...
    await say(mem, '/object', /请写明您对/);
    await say(mem, '我的自评没有被计入', /异议已提交/);
    const toSec = await w.sb.nextBotMessage(sec, { match: /党员 对 .*提出异议/, timeoutMs: 15_000 });
    // ... demoted in Telegram, their press of that button is refused before any question.
    await w.sb.member(group, sec, 'demote', owner);
    const press = async () => {
      const { callback_query_id } = (await w.sb.pressButton(sec, toSec, '处理异议')) as {
        callback_query_id: string;
      };
      return (await w.sb.waitForCallbackAnswer(sec, callback_query_id)).text ?? '';
    };
    // (The bot is no admin of this group, so Telegram tells it of no demotion: it asks at once.)
    expect(await press()).toBe(SECRETARY_ONLY);
    expect((await w.sb.messages(sec)).some((m) => /请发送新分数/.test(m.text ?? ''))).toBe(false);
    // ... and they write no commentary from the private chat.
    expect((await say(sec, '/comment')).text).toBe(SECRETARY_ONLY);
    expect(await w.models.Objection.countDocuments({ status: 'open' })).toBe(2);
    expect(await w.models.Audit.countDocuments({ action: { $regex: /^objection/ } })).toBe(0);
  }, 120_000);
});
