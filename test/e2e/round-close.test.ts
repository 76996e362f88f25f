import { describe, expect, it } from 'vitest';
import { rosterCard, seedMember } from '../support/seed.js';
import { bindGroup, startPrivateChats, type World, useWorld } from './world.js';

let w: World;

useWorld((world) => (w = world));

describe('closing a round early, and provisional and final results in private', () => {
  it('asks the secretary to confirm, naming the scheduled close and who has not rated; DMs say provisional, then final', async () => {
    const sec = await w.person('书记');
    const zhang = await w.person('张三');
    const li = await w.person('李四');
    await startPrivateChats(w, [sec, zhang, li]);
    const { g, branch } = await bindGroup(w, sec, [zhang, li], { title: '提前结束支部' });
    for (const [i, u] of [zhang, li].entries())
      await seedMember(w.models, branch._id, u.id, rosterCard(u, i));

    await w.sb.send(sec, g, '/openround');
    await w.sb.nextBotMessage(g, { match: /月度考评开始/ });
    await w.sb.send(zhang, zhang, '/rate');
    for (const n of ['25', '25', '25', '25']) {
      await w.sb.nextBotMessage(zhang, { match: /项/ });
      await w.sb.send(zhang, zhang, n);
    }
    await w.sb.nextBotMessage(zhang, { match: /自评说明/ });
    await w.sb.send(zhang, zhang, '-');
    await w.sb.nextBotMessage(zhang, { match: /自评已保存/ });

    await w.sb.send(sec, g, '/closeround');
    const ask = await w.sb.nextBotMessage(g, { match: /现在提前结束吗/ });
    expect(ask.text).toMatch(/的考评按计划于 \d{4}年\d{1,2}月\d{1,2}日 09:00 结束/);
    expect(ask.text).toContain('• 未自评（1 人）：李四');
    expect(ask.text).toMatch(/• 群众测评不足 3 票（2 人）：(张三|李四)（0 票）、(张三|李四)（0 票）/);
    expect(ask.text).toMatch(/• 未组织考评（2 人）：(张三|李四)、(张三|李四)/);
    const round = () => w.models.RatingRound.findOne({ branchId: branch._id }).lean();
    expect((await round())!.status).toBe('open');

    // Nobody but the secretary closes by the button; "not now" keeps the round open.
    const refused = await w.sb.press(
      zhang,
      g,
      ask.message_id,
      ask.reply_markup!.inline_keyboard[0]![0]!.callback_data!,
    );
    expect((await w.sb.waitForCallbackAnswer(g, refused.callback_query_id)).text).toMatch(/只有支部书记/);
    await w.sb.pressButton(sec, ask, '暂不结束');
    await w.sb.waitForMessage(g, (m) => m.message_id === ask.message_id && /继续进行/.test(m.text ?? ''));
    expect((await round())!.status).toBe('open');

    await w.sb.send(sec, g, '/closeround');
    const again = await w.sb.nextBotMessage(g, { match: /现在提前结束吗/ });
    await w.sb.pressButton(sec, again, /确认提前结束/);
    const done = await w.sb.waitForMessage(
      g,
      (m) => m.message_id === again.message_id && /已由书记提前结束/.test(m.text ?? ''),
    );
    expect(done.reply_markup?.inline_keyboard.flat() ?? []).toHaveLength(0);
    const post = await w.sb.nextBotMessage(g, { match: /考评结果公示（暂定）/, timeoutMs: 20_000 });
    expect(post.text).toMatch(/这是暂定结果：公示期满（.+）后转为正式结果，星级届时调整。/);
    const provisional = await w.sb.nextBotMessage(zhang, { match: /暂定考评结果/, timeoutMs: 20_000 });
    expect(provisional.text).toMatch(/这是暂定结果，公示期满后才正式生效。/);
    expect(provisional.text).toMatch(/请在 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 前私聊我发送 \/object/);
    expect(provisional.text).toMatch(/公示期满后的星级：/);
    expect(provisional.text).not.toMatch(/正式考评结果|这是正式结果/);

    // After the objection window: the final result in private says it is final.
    const closed = (await round())!;
    await w.schedule('daily', {
      branchId: String(branch._id),
      asOf: new Date(closed.objectionDeadline!.getTime() + 60_000).toISOString(),
    });
    const final = await w.sb.nextBotMessage(zhang, { match: /正式考评结果/, timeoutMs: 20_000 });
    expect(final.text).toMatch(/这是正式结果，公示期已结束/);
    expect(final.text).not.toMatch(/暂定|\/object/);
  });

  it('/finalize publishes the final results early once no objection is open, refused naming the open ones', async () => {
    const sec = await w.person('书记');
    const zhang = await w.person('张三');
    const li = await w.person('李四');
    await startPrivateChats(w, [sec, zhang, li]);
    const { g, branch } = await bindGroup(w, sec, [zhang, li], { title: '提前公布支部' });
    for (const [i, u] of [zhang, li].entries())
      await seedMember(w.models, branch._id, u.id, rosterCard(u, i));
    const say = async (u: typeof sec, text: string, match: RegExp) => {
      await w.sb.send(u, u, text);
      return w.sb.nextBotMessage(u, { match, timeoutMs: 15_000 });
    };

    await w.sb.send(sec, g, '/finalize');
    await w.sb.nextBotMessage(g, { match: /现在没有处于公示期的考评结果，不需要提前公布/ });
    await w.sb.send(sec, g, '/openround');
    await w.sb.nextBotMessage(g, { match: /月度考评开始/, timeoutMs: 20_000 });
    await w.sb.send(sec, g, '/closeround');
    await w.sb.pressButton(sec, await w.sb.nextBotMessage(g, { match: /现在提前结束吗/ }), /确认提前结束/);
    await w.sb.nextBotMessage(g, { match: /考评结果公示（暂定）/, timeoutMs: 20_000 });
    await w.sb.nextBotMessage(li, { match: /暂定考评结果/, timeoutMs: 20_000 });

    await say(li, '/object', /请写明您对/);
    await say(li, '我本月上门服务三次未计入', /异议已提交/);
    await w.sb.send(zhang, g, '/finalize');
    await w.sb.nextBotMessage(g, { match: /只有支部书记/ });
    await w.sb.send(sec, g, '/finalize');
    const refused = await w.sb.nextBotMessage(g, { match: /还有 1 条异议没有处理/ });
    expect(refused.text).toMatch(
      /^\d{4}年\d{1,2}月 还有 1 条异议没有处理（李四），处理完后才能提前公布正式结果。$/,
    );
    expect((await w.models.RatingRound.findOne({ branchId: branch._id }).lean())!.status).toBe('provisional');

    const note = await w.sb.nextBotMessage(sec, { match: /李四 对 .* 考评结果提出异议/, timeoutMs: 20_000 });
    await w.sb.pressButton(sec, note, '处理异议');
    await w.sb.nextBotMessage(sec, { match: /请发送新分数/ });
    await say(sec, '-', /答复/);
    await say(sec, '已核实，维持原结果', /异议已处理/);

    await w.sb.send(sec, g, '/finalize');
    await w.sb.nextBotMessage(g, { match: /已提前转为正式结果/ });
    const final = await w.sb.nextBotMessage(g, { match: /月度考评结果（正式）/, timeoutMs: 20_000 });
    expect(final.text).toMatch(/张三（窗口1）/);
    await w.sb.nextBotMessage(zhang, { match: /正式考评结果[\s\S]*这是正式结果/, timeoutMs: 20_000 });
    const round = (await w.models.RatingRound.findOne({ branchId: branch._id }).lean())!;
    expect(round.status).toBe('final');
    expect(round.finalizedAt!.getTime()).toBeLessThan(round.objectionDeadline!.getTime());
    expect(round.announcedAt).toBeTruthy();
    expect(
      await w.models.Audit.countDocuments({ branchId: branch._id, action: 'round.finalize-early' }),
    ).toBe(1);
  });
});
