import { afterEach, describe, expect, it } from 'vitest';
import {
  processCommitteeCompare,
  processCommitteeDay,
  queueCommitteeCompare,
} from '../../jobs/processors/committee-compare.js';
import { createCommitteeService } from '../../src/services/committee-service.js';
import { seedAffiliation, seedDeeds, seedMonthResults, seedPledgeItems } from '../support/committee-seed.js';
import { seedBranch, seedMember } from '../support/seed.js';
import { monthHarness } from './month-harness.js';

let h: Awaited<ReturnType<typeof monthHarness>> | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A committee over a general branch and the harness's branch; the general branch holds branch 乙. */
async function tree() {
  h = await monthHarness(['张三', '李四']);
  const { sb } = h;
  const secretary = await sb.createUser({ first_name: '党委书记' });
  const gsec = await sb.createUser({ first_name: '总支书记' });
  const bsec = await sb.createUser({ first_name: '乙书记' });
  const cGroup = await sb.createGroup({ title: '机关党委', admins: [secretary] });
  const gGroup = await sb.createGroup({ title: '第一党总支', admins: [gsec] });
  const bGroup = await sb.createGroup({ title: '乙支部', admins: [bsec] });
  const committees = createCommitteeService({ models: h.models, clock: () => new Date() });
  const bind = (chatId: number, actorId: number, kind: 'committee' | 'general', name: string) =>
    committees.bind({ chatId, actorId, kind, name, unit: '机关' });
  const top = await bind(cGroup.id, secretary.id, 'committee', '机关党委');
  const general = await bind(gGroup.id, gsec.id, 'general', '第一党总支');
  const b = await seedBranch(h.models, bGroup.id, bsec.id, { name: '乙支部' });
  await seedAffiliation(h.models, general._id, 'general', top._id);
  await seedAffiliation(h.models, h.branch._id, 'branch', top._id);
  await seedAffiliation(h.models, b._id, 'branch', general._id);
  const [z, l] = h.members;
  const b1 = await seedMember(h.models, b._id, 9001, { realName: '王五' });
  await seedMonthResults(h.models, h.branch._id, '2026-11', [
    { memberId: z!._id, total: 95, passed: true },
    { memberId: l!._id, total: 70, passed: false, self: false },
  ]);
  const bRound = await seedMonthResults(
    h.models,
    b._id,
    '2026-11',
    [{ memberId: b1._id, total: 90, passed: true }],
    'provisional',
  );
  await seedDeeds(h.models, h.branch._id, z!._id, '2026-11-10', 2);
  await seedPledgeItems(h.models, h.branch._id, l!._id, '2026-11-15', 1);
  return { top, general, b, bRound, cGroup, gGroup, bGroup };
}

describe('the committee comparison job', () => {
  it('waits for the last close, then posts table, chart, stars and the red flag in every group once', async () => {
    const w = await tree();
    const { deps, models, sb } = h!;
    const data = { committeeId: String(w.top._id), month: '2026-11' };
    expect(await processCommitteeCompare(deps, data)).toBe('waiting for 1 branches');
    expect(await models.CommitteeAward.countDocuments()).toBe(0);

    // 乙's close queues a check for the general branch and for the committee above it.
    await models.RatingRound.updateOne({ _id: w.bRound._id }, { $set: { status: 'final' } });
    await queueCommitteeCompare(deps, w.b, '2026-11');
    await queueCommitteeCompare(deps, w.b, '2026-11');
    const jobs = await deps.schedule.getJobs(['waiting', 'delayed']);
    expect(jobs.map((j) => j.data.committeeId).sort()).toEqual(
      [String(w.general._id), String(w.top._id)].sort(),
    );

    expect(await processCommitteeCompare(deps, data)).toBe('compared 2026-11, red flag 2026-11');
    expect(await processCommitteeCompare(deps, data)).toBe('compared 2026-11, red flag 2026-11');
    await h!.drained(30_000);

    const texts = async (chatId: number) =>
      (await sb.messages(chatId))
        .filter((m) => m.from?.is_bot)
        .map((m) => (m.photo ? `[photo] ${m.caption}` : (m.text ?? '')));
    const committee = await texts(w.cGroup.id);
    expect(committee).toHaveLength(4);
    // One of each (the chart renders before it is sent, so it may arrive after the stars here).
    const one = (start: string) => {
      const found = committee.filter((t) => t.startsWith(start));
      expect(found).toHaveLength(1);
      return found[0]!;
    };
    const table = one('📊 机关党委 · 2026年11月 支部比较（2 个支部）');
    expect(table).toContain('1. 乙支部：平均分 90 · 合格率 100% · 人均核实实事 0 · 逾期承诺 0');
    expect(table).toContain('2. 第一党支部：平均分 82.5 · 合格率 50% · 人均核实实事 1 · 逾期承诺 1');
    one('[photo] 机关党委 · 2026年11月 支部比较图');
    const stars = one('⭐ 机关党委 · 2026年11月 每月之星（规则 month-stars/2026.1）');
    expect(stars).toContain('1. 张三（第一党支部）· 95 分 · 核实实事 2 件');
    expect(stars).toContain('2. 王五（乙支部）· 90 分');
    expect(one('🚩 流动红旗 · 2026年11月')).toContain('机关党委 将流动红旗授予“乙支部”');
    for (const chat of [h!.group.id, w.bGroup.id]) {
      const flags = (await texts(chat)).filter((t) => t.includes('流动红旗'));
      expect(flags).toEqual([expect.stringContaining('机关党委 将流动红旗授予“乙支部”')]);
    }
    // Stored once, announced once.
    const awards = await models.CommitteeAward.find({ committeeId: w.top._id }).lean();
    expect(awards.map((a) => [a.kind, a.period, a.announcedAt !== null])).toEqual([
      ['comparison', '2026-11', true],
      ['red-flag', '2026-11', true],
    ]);
    // The general branch compares its own one branch, and tells only it (and itself).
    await processCommitteeCompare(deps, { committeeId: String(w.general._id), month: '2026-11' });
    await h!.drained(30_000);
    const flagOfGeneral = expect.stringContaining('第一党总支 将流动红旗授予“乙支部”');
    expect(await texts(w.gGroup.id)).toContainEqual(flagOfGeneral);
    expect(await texts(w.bGroup.id)).toContainEqual(flagOfGeneral);
    expect((await texts(h!.group.id)).filter((t) => t.includes('第一党总支'))).toEqual([]);
  }, 60_000);

  it('on the set day compares the month before with the branches that closed it, once', async () => {
    const w = await tree();
    const { deps, models } = h!;
    const at = (local: string) => new Date(`${local}:00+08:00`);
    expect(await processCommitteeDay(deps, at('2026-12-09T23:05'))).toBe('not the set day');
    // A month no branch ran (October) is not compared on its set day.
    expect(await processCommitteeDay(deps, at('2026-11-10T09:05'))).toBe(
      '机关党委: waiting for 0 branches; 第一党总支: waiting for 0 branches',
    );
    // 乙 has not closed November by the 10th: the committee compares 第一党支部 alone.
    const day = await processCommitteeDay(deps, at('2026-12-10T00:05'));
    expect(day).toContain('机关党委: compared 2026-11, red flag 2026-11');
    expect(day).toContain('第一党总支: waiting for 1 branches');
    const cmp = await models.CommitteeAward.findOne({ committeeId: w.top._id, kind: 'comparison' }).lean();
    expect(Object.values((cmp!.inputs as { names: Record<string, string> }).names)).toEqual(['第一党支部']);
    await processCommitteeDay(deps, at('2026-12-10T01:05'));
    await h!.drained(30_000);
    const posts = (await h!.sb.messages(w.cGroup.id)).filter((m) => m.from?.is_bot);
    expect(posts.filter((m) => /支部比较（1 个支部）/.test(m.text ?? ''))).toHaveLength(1);
    expect(posts.filter((m) => /将流动红旗授予“第一党支部”/.test(m.text ?? ''))).toHaveLength(1);

    // The quarter's first set day also rolls the quarter before up in each committee's group, once.
    const jan = await processCommitteeDay(deps, at('2027-01-10T09:05'));
    expect(jan).toContain('机关党委: roll-up 2026Q4');
    await processCommitteeDay(deps, at('2027-01-10T10:05'));
    await h!.drained(30_000);
    const rollups = (await h!.sb.messages(w.cGroup.id)).filter((m) => /践诺情况汇总/.test(m.text ?? ''));
    expect(rollups).toHaveLength(1);
    expect(rollups[0]!.text).toContain('📋 机关党委 · 2026年第4季度 践诺情况汇总（2 个支部）');
    expect(rollups[0]!.text).toContain('第一党支部：党员 2 人 · 已完成 0 · 逾期 1 · 进行中 0');
    expect(rollups[0]!.text).toContain('/rollup 2026Q4');
    expect(
      (await h!.sb.messages(w.gGroup.id)).some((m) =>
        /第一党总支 · 2026年第4季度 践诺情况汇总（1 个支部）/.test(m.text ?? ''),
      ),
    ).toBe(true);
  }, 60_000);
});
