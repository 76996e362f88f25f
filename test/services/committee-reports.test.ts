import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Models } from '../../src/db/models/index.js';
import { createI18n } from '../../src/i18n.js';
import { createCommitteeReports } from '../../src/services/committee-reports.js';
import { createCommitteeService } from '../../src/services/committee-service.js';
import { writeRollupWorkbook } from '../../src/services/export/committee-sheet.js';
import { seedAffiliation, seedPledgeItems } from '../support/committee-seed.js';
import { storeFixture } from '../support/mongo.js';
import { seedBranch, seedMember } from '../support/seed.js';
import { readWorkbook, rowsOf } from '../support/xlsx.js';

let models: Models;
const now = new Date('2026-10-09T02:00:00Z');
const clock = () => now;
storeFixture('cmtereports', (m) => (models = m));

let worlds = 0;
async function world() {
  const o = 100 * worlds++;
  const committees = createCommitteeService({ models, clock });
  const bind = (chatId: number, actorId: number, kind: 'committee' | 'general', name: string) =>
    committees.bind({ chatId, actorId, kind, name, unit: '机关' });
  const top = await bind(-800 - o, 1, 'committee', '机关党委');
  const general = await bind(-801 - o, 2, 'general', '第一党总支');
  const other = await bind(-802 - o, 3, 'committee', '另一党委');
  const a = await seedBranch(models, -811 - o, 11, { name: '甲支部' });
  const b = await seedBranch(models, -812 - o, 12, { name: '乙支部' });
  const x = await seedBranch(models, -813 - o, 13, { name: '外支部' });
  await seedAffiliation(models, general._id, 'general', top._id);
  await seedAffiliation(models, a._id, 'branch', top._id);
  await seedAffiliation(models, b._id, 'branch', general._id);
  await seedAffiliation(models, x._id, 'branch', other._id);
  const [a1, a2] = await Promise.all([101, 102].map((u) => seedMember(models, a._id, u)));
  const b1 = await seedMember(models, b._id, 201);
  const x1 = await seedMember(models, x._id, 301);
  // Q3 2026: 甲 one done in the quarter, one overdue from Q3, one due in Q4 (in progress).
  await seedPledgeItems(models, a._id, a1!._id, '2026-09-10', 1, 'done');
  await models.PledgeItem.updateMany({ branchId: a._id, status: 'done' }, { $set: { doneOn: '2026-08-01' } });
  await seedPledgeItems(models, a._id, a2!._id, '2026-08-15', 1);
  await seedPledgeItems(models, a._id, a2!._id, '2026-11-15', 1, 'claimed');
  await seedPledgeItems(models, b._id, b1._id, '2026-07-31', 2);
  await seedPledgeItems(models, x._id, x1._id, '2026-07-31', 5);
  return { top, general, other, a, b, x };
}

describe('committee reports', () => {
  it('rolls up every branch of the tree (through its general branch) and only those, with the ledger', async () => {
    const w = await world();
    const svc = createCommitteeReports({ models, clock });
    const secretary = { userId: 1, role: 'secretary' as const };
    const member = { userId: 5, role: 'member' as const };

    await svc.comment(w.top, member, {
      branchName: '乙支部',
      text: '  逾期承诺要尽快整改。 ',
      quarter: '2026Q3',
    });
    const r = await svc.rollup(w.top, secretary, '2026Q3', '2026-10-09');
    expect(r.rows.map((x) => [x.name, x.members, x.done, x.overdue, x.inProgress])).toEqual([
      ['乙支部', 1, 0, 2, 0],
      ['甲支部', 2, 1, 1, 1],
    ]);
    expect(r.total).toEqual({ members: 3, done: 1, overdue: 3, inProgress: 1 });
    expect(r.comments.map((c) => [c.branchName, c.text, c.byUserId])).toEqual([
      ['乙支部', '逾期承诺要尽快整改。', 5],
    ]);
    const audit = await models.Audit.find({ committeeId: w.top._id, action: 'committee.comment' }).lean();
    expect(audit.map((x) => [x.actorId, x.target])).toEqual([[5, `branch:${String(w.b._id)}`]]);

    // As XLSX: one row per branch with totals, and the ledger.
    const dir = await mkdtemp(join(tmpdir(), 'rollup-test-'));
    const i18n = createI18n(async () => 'zh');
    const file = join(dir, 'r.xlsx');
    await writeRollupWorkbook(r, {
      creator: '机关党委',
      now,
      timeZone: 'Asia/Shanghai',
      t: (k, p) => i18n.t('zh', k, p),
      file,
    });
    const wb = await readWorkbook(await readFile(file));
    await rm(dir, { recursive: true, force: true });
    expect(rowsOf(wb.getWorksheet('支部践诺汇总')!)).toEqual([
      ['季度', '支部', '党员数', '已完成', '逾期', '进行中'],
      ['2026Q3', '乙支部', 1, 0, 2, 0],
      ['2026Q3', '甲支部', 2, 1, 1, 1],
      [expect.stringContaining('2'), null, 3, 1, 3, 1],
    ]);
    const ledger = rowsOf(wb.getWorksheet('点评台账')!);
    expect(ledger[1]!.slice(0, 2)).toEqual(['2026Q3', '乙支部']);
    expect(ledger[1]![3]).toBe('逾期承诺要尽快整改。');
  });

  it('refuses a branch secretary, another tree’s branch and anyone outside the committee', async () => {
    const w = await world();
    const svc = createCommitteeReports({ models, clock });
    const none = { userId: 11, role: 'none' as const }; // 甲's own secretary has no committee role
    await expect(svc.rollup(w.top, none, '2026Q3', '2026-10-09')).rejects.toMatchObject({
      key: 'error-committee-role-only',
    });
    await expect(
      svc.comment(w.top, none, { branchName: '甲支部', text: '好', quarter: '2026Q3' }),
    ).rejects.toMatchObject({ key: 'error-committee-role-only' });
    // A member of 另一党委 writing on 甲 (not in their tree), and 机关党委 on 外支部.
    await expect(
      svc.comment(
        w.other,
        { userId: 3, role: 'secretary' },
        { branchName: '甲支部', text: '好', quarter: '2026Q3' },
      ),
    ).rejects.toMatchObject({ key: 'error-committee-branch-not-in-tree' });
    await expect(
      svc.comment(
        w.top,
        { userId: 1, role: 'secretary' },
        { branchName: '外支部', text: '好', quarter: '2026Q3' },
      ),
    ).rejects.toMatchObject({ key: 'error-committee-branch-not-in-tree' });
    const r = await svc.rollup(w.other, { userId: 3, role: 'secretary' }, '2026Q3', '2026-10-09');
    expect(r.rows.map((x) => x.name)).toEqual(['外支部']);
    expect(
      await models.CommitteeComment.countDocuments({
        committeeId: { $in: [w.top._id, w.other._id] },
        text: '好',
      }),
    ).toBe(0);
  });
});
