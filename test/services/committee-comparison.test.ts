import { describe, expect, it } from 'vitest';
import type { Models } from '../../src/db/models/index.js';
import { RED_FLAG_RULE_VERSION } from '../../src/domain/red-flag.js';
import {
  comparisonRows,
  createCommitteeComparison,
  monthsOfPeriod,
  recomputeComparison,
  recomputeRedFlag,
  redFlagPeriodEndingIn,
  type ComparisonAward,
  type RedFlagAward,
} from '../../src/services/committee-comparison.js';
import { createCommitteeService } from '../../src/services/committee-service.js';
import { seedAffiliation, seedDeeds, seedMonthResults, seedPledgeItems } from '../support/committee-seed.js';
import { storeFixture } from '../support/mongo.js';
import { seedBranch, seedMember } from '../support/seed.js';

let models: Models;
let now = new Date('2026-12-05T02:00:00Z');
const clock = () => now;
storeFixture('comparison', (m) => (models = m));

async function world() {
  const committees = createCommitteeService({ models, clock });
  const top = await committees.bind({
    chatId: -900,
    actorId: 1,
    kind: 'committee',
    name: '机关党委',
    unit: '机关',
  });
  const general = await committees.bind({
    chatId: -902,
    actorId: 3,
    kind: 'general',
    name: '第一党总支',
    unit: '中心',
  });
  const a = await seedBranch(models, -1, 11, { name: '甲支部' });
  const b = await seedBranch(models, -2, 12, { name: '乙支部' });
  const c = await seedBranch(models, -3, 13, { name: '丙支部' });
  const x = await seedBranch(models, -4, 14, { name: '外支部' });
  await seedAffiliation(models, general._id, 'general', top._id);
  await seedAffiliation(models, a._id, 'branch', top._id);
  await seedAffiliation(models, b._id, 'branch', general._id);
  await seedAffiliation(models, c._id, 'branch', general._id);
  const [a1, a2, a3] = await Promise.all([101, 102, 103].map((u) => seedMember(models, a._id, u)));
  const [b1, b2] = await Promise.all([201, 202].map((u) => seedMember(models, b._id, u)));
  const x1 = await seedMember(models, x._id, 401);
  await seedMonthResults(models, a._id, '2026-11', [
    { memberId: a1!._id, total: 95, passed: true, stars: 3 },
    { memberId: a2!._id, total: 88, passed: true },
    { memberId: a3!._id, total: 70, passed: false, self: false },
  ]);
  await seedMonthResults(models, b._id, '2026-11', [
    { memberId: b1!._id, total: 90, passed: true },
    { memberId: b2!._id, total: 86, passed: true },
  ]);
  await seedMonthResults(models, x._id, '2026-11', [{ memberId: x1._id, total: 99, passed: true }]);
  await seedDeeds(models, a._id, a1!._id, '2026-11-10', 3);
  await seedDeeds(models, a._id, a1!._id, '2026-10-31', 1); // another month
  await seedDeeds(models, a._id, a1!._id, '2026-11-11', 1, 'pending');
  await seedDeeds(models, b._id, b1!._id, '2026-11-30', 1);
  await seedPledgeItems(models, a._id, a3!._id, '2026-11-15', 1);
  await seedPledgeItems(models, a._id, a3!._id, '2026-11-15', 1, 'done');
  await seedPledgeItems(models, a._id, a3!._id, '2026-12-05', 1); // due after the month
  return { committees, top, general, a, b, c, x, a1: a1!, a2: a2!, b1: b1!, b2: b2! };
}

describe('committee comparison and red flag', () => {
  it('periods: a month, or a quarter ending in its third month', () => {
    expect(redFlagPeriodEndingIn('2026-11', 'month')).toBe('2026-11');
    expect(redFlagPeriodEndingIn('2026-11', 'quarter')).toBeNull();
    expect(redFlagPeriodEndingIn('2026-12', 'quarter')).toBe('2026Q4');
    expect(monthsOfPeriod('2026Q4')).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(monthsOfPeriod('2026Q1')).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(monthsOfPeriod('2026-05')).toEqual(['2026-05']);
  });

  it('reads every branch of the tree at once, stores the award with its rule and figures, once', async () => {
    const w = await world();
    const svc = createCommitteeComparison({ models, clock });

    // C has a round still provisional: the month is not ready; C's round never opened would not block.
    await seedMonthResults(models, w.c._id, '2026-11', [], 'provisional');
    expect(await svc.readiness(w.top, '2026-11')).toMatchObject({ ready: false, waiting: [String(w.c._id)] });
    await models.RatingRound.updateOne({ branchId: w.c._id }, { $set: { status: 'final' } });
    expect((await svc.readiness(w.top, '2026-11')).ready).toBe(true);

    const { comparison, redFlag, created } = await svc.compute(w.top, '2026-11');
    expect(created).toBe(true);
    const figs = new Map(comparison.inputs.figures.map((f) => [f.branchId, f]));
    expect([...figs.keys()].sort()).toEqual([w.a, w.b, w.c].map((b) => String(b._id)).sort()); // not X
    expect(figs.get(String(w.a._id))).toEqual({
      branchId: String(w.a._id),
      rated: 3,
      averageScore: 84.33,
      passed: 2,
      selfRated: 2,
      deedsVerified: 3,
      overdueItems: 1,
    });
    expect(figs.get(String(w.b._id))).toMatchObject({
      rated: 2,
      averageScore: 88,
      passed: 2,
      selfRated: 2,
      deedsVerified: 1,
      overdueItems: 0,
    });
    expect(figs.get(String(w.c._id))).toMatchObject({ rated: 0, averageScore: 0 });
    expect(comparisonRows(comparison.inputs).map((r) => [r.name, r.passRate, r.deedsPerMember])).toEqual([
      ['乙支部', 100, 0.5],
      ['甲支部', 66.67, 1],
      ['丙支部', 0, 0],
    ]);
    expect(
      comparison.result.stars.map((s) => [
        comparison.inputs.memberNames[s.memberId],
        s.total,
        s.deedsVerified,
      ]),
    ).toEqual([
      ['党员101', 95, 3],
      ['党员201', 90, 1],
      ['党员102', 88, 0],
      ['党员202', 86, 0],
    ]);

    expect(redFlag).not.toBeNull();
    const flag = redFlag!;
    expect(flag.period).toBe('2026-11');
    expect(flag.rules).toEqual({ redFlag: RED_FLAG_RULE_VERSION });
    expect(flag.result.winnerId).toBe(String(w.b._id));
    expect(String(flag.winnerId)).toBe(String(w.b._id));
    expect(flag.result.ranking.map((r) => [r.branchId, r.index, r.eligible])).toEqual([
      [String(w.b._id), 92.8, true],
      [String(w.a._id), 77.27, true],
      [String(w.c._id), 15, false],
    ]);
    expect(flag.inputs.previousHolderId).toBeNull();

    // Recomputed from the stored inputs alone (as read back from the store), the same answers.
    const stored = (await models.CommitteeAward.findById(flag._id).lean()) as RedFlagAward;
    expect(recomputeRedFlag(stored.inputs)).toEqual(stored.result);
    const storedCmp = (await models.CommitteeAward.findById(comparison._id).lean()) as ComparisonAward;
    expect(recomputeComparison(storedCmp.inputs)).toEqual(storedCmp.result);

    // Idempotent by committee + period: a late change in the store does not move a stored award.
    await seedMonthResults(models, w.x._id, '2026-10', []);
    await models.RatingResult.updateMany(
      { branchId: w.a._id, month: '2026-11' },
      { $set: { 'computation.total': 100 } },
    );
    const again = await svc.compute(w.top, '2026-11');
    expect(again.created).toBe(false);
    expect(String(again.redFlag!._id)).toBe(String(flag._id));
    expect(again.redFlag!.result).toEqual(flag.result);
    expect(await models.CommitteeAward.countDocuments({ committeeId: w.top._id })).toBe(2);

    // The holder's board shows the flag; nobody else's.
    expect((await svc.flagOf(w.b._id))?.award.period).toBe('2026-11');
    expect(await svc.flagOf(w.a._id)).toBeNull();

    // December: A is better now; the flag passes on and the rule knows who held it before.
    now = new Date('2027-01-05T02:00:00Z');
    await seedMonthResults(models, w.a._id, '2026-12', [{ memberId: w.a1._id, total: 99, passed: true }]);
    await seedMonthResults(models, w.b._id, '2026-12', [{ memberId: w.b1._id, total: 60, passed: false }]);
    const dec = await svc.compute(w.top, '2026-12');
    expect(dec.redFlag!.inputs.previousHolderId).toBe(String(w.b._id));
    expect(dec.redFlag!.result.winnerId).toBe(String(w.a._id));
    expect(await svc.flagOf(w.b._id)).toBeNull();
    expect((await svc.flagOf(w.a._id))?.award.period).toBe('2026-12');

    // /redflag why: committee members read it from the store; anyone else is refused.
    await expect(svc.why(w.top, { userId: 99, role: 'none' })).rejects.toEqual(
      expect.objectContaining({ key: 'error-committee-role-only' }),
    );
    expect((await svc.why(w.top, { userId: 5, role: 'member' })).period).toBe('2026-12');
    expect((await svc.why(w.top, { userId: 1, role: 'secretary' }, '2026-11')).result.winnerId).toBe(
      String(w.b._id),
    );
    await expect(svc.why(w.general, { userId: 3, role: 'secretary' })).rejects.toEqual(
      expect.objectContaining({ key: 'error-redflag-none' }),
    );

    // Quarterly by the general branch's setting: nothing in November, Q4 over three months in December.
    const general = { ...w.general, settings: { ...w.general.settings, redFlagPeriod: 'quarter' as const } };
    expect((await svc.compute(general, '2026-11')).redFlag).toBeNull();
    const q = await svc.compute(general, '2026-12');
    expect(q.redFlag!.period).toBe('2026Q4');
    expect(q.redFlag!.inputs.months).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(q.redFlag!.inputs.figures.find((f) => f.branchId === String(w.b._id))).toMatchObject({
      rated: 3,
      averageScore: 78.67,
      deedsVerified: 1,
    });
    expect(q.redFlag!.result.winnerId).toBe(String(w.b._id));
    expect(recomputeRedFlag(q.redFlag!.inputs)).toEqual(q.redFlag!.result);
  });
});
