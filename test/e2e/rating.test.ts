import { describe, expect, it } from 'vitest';
import type { SbUser } from '../support/sandbox-client.js';
import { rosterCard, seedBranch, seedMember } from '../support/seed.js';
import { type World, useWorld } from './world.js';

let w: World;

useWorld((world) => (w = world));

/** Sends `text` in a private chat and waits for the bot's next message matching `expect`. */
async function say(user: SbUser, text: string, expectText: RegExp) {
  await w.sb.send(user, user, text);
  return w.sb.nextBotMessage(user, { match: expectText, timeoutMs: 15_000 });
}

describe('a rating round through the real bot and worker processes', () => {
  it('opens, takes the three kinds of rating, closes, handles an objection and announces once', async () => {
    const sec = await w.person('书记');
    const zhang = await w.person('张三');
    const li = await w.person('李四');
    const mass = await w.person('王五');
    const group = await w.sb.createGroup({ title: '第一党支部', admins: [sec], members: [zhang, li, mass] });
    for (const u of [sec, zhang, li, mass]) {
      await w.sb.start(u);
      await w.sb.nextBotMessage(u);
    }
    const branch = await seedBranch(w.models, group.id, sec.id, { settings: { massesMinBallots: 1 } });
    for (const [i, u] of [zhang, li].entries())
      await seedMember(w.models, branch._id, u.id, rosterCard(u, i));

    await w.sb.send(zhang, group, '/openround');
    await w.sb.nextBotMessage(group, { match: /只有支部书记/ });
    await w.sb.send(sec, group, '/openround');
    const post = await w.sb.nextBotMessage(group, { match: /月度考评开始/ });

    // The masses: from the post's button into a private dialog; anonymous, once per member.
    await w.sb.pressButton(mass, post, /匿名测评/);
    await w.sb.nextBotMessage(mass, { match: /请选择要评价的党员/ });
    await say(mass, '张三 · 窗口1', /第 1\/4 项/);
    for (const n of ['22', '23', '24']) await say(mass, n, /项/);
    const saved = await say(mass, '25', /已匿名记录您对 张三 的评分/);
    // The dialog ended with the cast: nothing of it is kept next to the rater.
    await expect
      .poll(() => w.models.DialogState.countDocuments({ _id: new RegExp(String(mass.id)) }), {
        timeout: 5000,
      })
      .toBe(0);
    await w.sb.pressButton(mass, saved, /评价下一位党员/);
    await w.sb.nextBotMessage(mass, { match: /请选择要评价的党员/ });
    await say(mass, '完成', /谢谢您的评价/);
    const [box, ...others] = await w.models.BallotBox.find({}).lean();
    expect(others).toHaveLength(0);
    expect(box!.entries).toHaveLength(1);
    expect(JSON.stringify(box!.entries)).not.toContain(String(mass.id));

    // Self-evaluation.
    await say(zhang, '/rate', /第 1\/4 项/);
    for (const n of ['25', '25', '30', '25']) await say(zhang, n, /项|分数应在/);
    await say(zhang, '25', /自评说明/);
    await say(zhang, '-', /自评已保存：100\/100/);

    // Organisation rating: change the suggestion, with a reason.
    await say(sec, '/orgrate', /请选择要进行组织考评的党员/);
    const suggestion = await say(sec, '李四 · 窗口2', /李四 的建议分：75/);
    expect(suggestion.text).not.toMatch(/-0/);
    await say(sec, '60', /调整建议分的理由/);
    await say(sec, '多次迟到', /已记录 李四 的组织考评：60 分/);
    await w.sb.nextBotMessage(sec, { match: /请选择要进行组织考评的党员/ });
    await say(sec, '完成', /稍后再评/);

    const month = (await w.models.RatingRound.findOne({ branchId: branch._id }).lean())!.month;
    await w.schedule('round-close', {
      branchId: String(branch._id),
      month,
      asOf: new Date().toISOString(),
    });
    const provisional = await w.sb.nextBotMessage(group, { match: /考评结果公示/, timeoutMs: 20_000 });
    expect(provisional.text).toMatch(/1\. 张三（窗口1）/);
    await w.sb.nextBotMessage(li, { match: /考评结果：48 分，❌ 不合格/, timeoutMs: 20_000 });

    // Li objects; the secretary raises the organisation score to 90.
    await say(li, '/object', /请写明您对/);
    await say(li, '我上门服务所以迟到', /异议已提交/);
    const note = await w.sb.nextBotMessage(sec, { match: /李四 对 .* 考评结果提出异议/ });
    await w.sb.pressButton(sec, note, '处理异议');
    await w.sb.nextBotMessage(sec, { match: /请发送新分数/ });
    await say(sec, '90', /答复/);
    await say(sec, '核实属实，已调整', /异议已处理/);
    await w.sb.nextBotMessage(li, { match: /核实属实，已调整/ });

    const round = (await w.models.RatingRound.findOne({ branchId: branch._id }).lean())!;
    for (let i = 0; i < 2; i++)
      await w.schedule('daily', {
        branchId: String(branch._id),
        asOf: new Date(round.objectionDeadline!.getTime() + 60_000).toISOString(),
      });
    const final = await w.sb.nextBotMessage(group, { match: /月度考评结果（正式）/, timeoutMs: 20_000 });
    expect(final.text).toMatch(/1\. 张三（窗口1）87\.6 分 ★★☆☆☆ ↑1/);
    // No self-evaluation and no ballots: 0 × 20% + 90 × 80% = 72, a fail at 1 star: the plate goes.
    expect(final.text).toMatch(/2\. 李四（窗口2）72 分 ☆☆☆☆☆ ↓1\n+⚠️ 本月摘牌：李四/);
    const chart = await w.sb.nextBotMessage(group, { match: (m) => Boolean(m.photo), timeoutMs: 20_000 });
    expect(chart.caption).toMatch(/月度考评得分/);
    await say(li, '/why', /组织考评：90 分（书记\/支委评定）[\s\S]*结果一致/);

    // Quarterly leader commentary: written in private, kept in the ledger, sent to the member.
    await say(sec, '/comment', /领导点评：请选择党员/);
    await say(sec, '张三 · 窗口1', /请写对 张三 的点评/);
    await say(sec, '服务群众热情，学习还需加强', /已记入点评台账/);
    await w.sb.nextBotMessage(zhang, { match: /书记对您 .* 的点评：\n服务群众热情/ });
    expect(await w.models.Commentary.countDocuments({ branchId: branch._id })).toBe(1);
    await say(li, '/pause', /已暂停您的私信提醒/);
    expect((await w.models.UserPref.findById(li.id).lean())?.remindersPaused).toBe(true);
    await new Promise((r) => setTimeout(r, 3000));
    const inGroup = (await w.sb.messages(group)).filter((m) => m.from?.is_bot);
    expect(inGroup.filter((m) => /（正式）/.test(m.text ?? ''))).toHaveLength(1);
    expect(inGroup.filter((m) => m.photo)).toHaveLength(1);
  });
});
