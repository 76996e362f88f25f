import { afterEach, describe, expect, it } from 'vitest';
import { processDaily } from '../../jobs/processors/daily.js';
import { processRoundClose } from '../../jobs/processors/round-close.js';
import { processRoundOpen } from '../../jobs/processors/round-open.js';
import { createRatingObjections } from '../../src/services/rating-objections.js';
import { createRatingScores } from '../../src/services/rating-scores.js';
import { monthHarness } from './month-harness.js';
import { actor } from '../support/actor.js';

let h: Awaited<ReturnType<typeof monthHarness>> | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const at = (local: string) => new Date(`${local}:00+08:00`);
const full = { political: 25, performance: 25, service: 25, exemplary: 25 };
const sheet = (n: number) => ({ political: n, performance: n, service: n, exemplary: n });

describe('a month of a branch, driven by the processors with a controlled clock', () => {
  it('digest on the next working day, round post, reminders, close twice, objection, one final announcement', async () => {
    h = await monthHarness();
    const { deps, branch, members, users, secretary, group } = h;
    const data = { branchId: String(branch._id) };
    const [zhang, li, wang] = members;
    await h.models.Deed.create({
      branchId: branch._id,
      memberId: zhang!._id,
      userId: zhang!.userId,
      what: '帮老人办社保',
      date: '2026-09-10',
      forWhom: '群众',
      peopleHelped: 1,
      status: 'verified',
    });

    // 25 Sep 2026 is the Mid-Autumn holiday, then a weekend: the day-25 digest waits for Monday 28th.
    expect(await processDaily(deps, data, at('2026-09-25T09:00'))).toMatch(/0 reminders/);
    await processDaily(deps, data, at('2026-09-28T09:00'));
    await processRoundOpen(deps, data, at('2026-09-27T09:00'));
    await processRoundOpen(deps, data, at('2026-09-28T09:00'));
    await processRoundOpen(deps, data, at('2026-09-28T09:00'));
    await h.drained();
    let texts = await h.botTexts(group.id);
    expect(texts).toHaveLength(2);
    expect(texts[0]).toMatch(/李四、王五/);
    expect(texts[0]).not.toMatch(/张三/);
    expect(texts[1]).toMatch(/2026年9月 月度考评开始/);
    const post = (await h.sb.messages(group.id)).filter((m) => m.from?.is_bot)[1]!;
    const url = post.reply_markup!.inline_keyboard[0]![0]!.url!;
    expect(url).toMatch(new RegExp(`\\?start=rate_${branch._id}$`));
    expect((await h.botTexts(users[1]!)).some((t) => /没有经核实的实事/.test(t))).toBe(true);

    const scores = createRatingScores({ models: h.models, clock: () => at('2026-09-29T10:00') });
    await scores.selfEvaluate(branch._id, '2026-09', zhang!.userId, full);
    await scores.selfEvaluate(branch._id, '2026-09', li!.userId, sheet(20));
    for (const rater of [li!.userId, wang!.userId, 900001])
      await scores.castBallot(branch._id, '2026-09', rater, String(zhang!._id), sheet(24));
    await scores.orgEvaluate(branch._id, '2026-09', actor(secretary.id), String(li!._id), 60, '多次迟到');

    await processDaily(deps, data, at('2026-09-30T09:00'));
    await h.drained();
    expect((await h.botTexts(users[2]!)).filter((t) => /还没有自评/.test(t))).toHaveLength(1);
    expect((await h.botTexts(users[0]!)).filter((t) => /还没有自评/.test(t))).toHaveLength(0);
    expect((await h.botTexts(secretary)).some((t) => /尚未进行组织考评：张三、王五/.test(t))).toBe(true);

    expect(await processRoundClose(deps, data, at('2026-10-01T09:00'))).toBe('closed 2026-09: 3 results');
    expect(await processRoundClose(deps, data, at('2026-10-01T09:00'))).toBe('closed 2026-09: 0 results');
    await h.drained();
    texts = await h.botTexts(group.id);
    expect(texts.filter((t) => /考评结果公示/.test(t))).toHaveLength(1);
    expect((await h.botTexts(users[1]!)).filter((t) => /您的 2026年9月 暂定考评结果/.test(t))).toHaveLength(
      1,
    );

    const objections = createRatingObjections({ models: h.models, clock: () => at('2026-10-02T10:00') });
    const { objection } = await objections.file(branch._id, '2026-09', li!.userId, '迟到是因为上门服务');
    expect(await processDaily(deps, data, at('2026-10-04T09:00'))).toMatch(/announced \[\]/);
    await objections.resolve(String(objection._id), actor(secretary.id), '核实属实，改为90分', 90);
    expect(await processDaily(deps, data, at('2026-10-05T09:00'))).toMatch(/announced \[2026-09\]/);
    expect(await processDaily(deps, data, at('2026-10-06T09:00'))).toMatch(/announced \[\]/);
    await h.drained();

    texts = await h.botTexts(group.id);
    const finals = texts.filter((t) => /月度考评结果（正式）/.test(t));
    expect(finals).toHaveLength(1);
    expect(finals[0]).toMatch(/1\. 张三（窗口1）/);
    expect(finals[0]).toMatch(/3\. 王五（窗口3）60 分 ☆☆☆☆☆ ↓1/);
    expect(finals[0]).toMatch(/本月摘牌：王五/);
    expect(texts.filter((t) => t.startsWith('[photo]'))).toEqual(['[photo] 2026年9月 月度考评得分']);
    // Each member: the provisional result, then the final one, each saying which it is.
    for (const u of users) {
      const results = (await h.botTexts(u)).filter((t) => /考评结果：/.test(t));
      expect(results.map((t) => /暂定考评结果[\s\S]*这是暂定结果/.test(t))).toEqual([true, false]);
      expect(results.map((t) => /正式考评结果[\s\S]*这是正式结果/.test(t))).toEqual([false, true]);
    }
    const after = await h.models.Member.find({ branchId: branch._id }).sort({ realName: 1 }).lean();
    expect(Object.fromEntries(after.map((m) => [m.realName, m.stars]))).toEqual({
      张三: 2,
      李四: 2,
      王五: 0,
    });
  });

  it('posts nothing more on the scheduled days when the secretary opened and closed the round early', async () => {
    h = await monthHarness(['张三']);
    const { deps, branch, secretary, group } = h;
    const data = { branchId: String(branch._id) };
    await deps.ratings.open(branch._id, '2026-11', { asOf: at('2026-11-20T10:00'), by: actor(secretary.id) });
    expect(await processRoundOpen(deps, data, at('2026-11-28T09:00'))).toBe('opened early 2026-11');
    await deps.ratings.close(branch._id, '2026-11', {
      asOf: at('2026-11-29T10:00'),
      by: actor(secretary.id),
    });
    expect(await processRoundClose(deps, data, at('2026-12-01T09:00'))).toBe('closed early 2026-11');
    await h.drained();
    expect(await h.botTexts(group.id)).toEqual([]);
  });
});
