import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPendingService } from '../../src/services/pending-service.js';
import { pledgeFixture } from './pledge-fixture.js';

let fx: Awaited<ReturnType<typeof pledgeFixture>>;
beforeAll(async () => {
  fx = await pledgeFixture();
});
afterAll(() => fx.cleanup());

describe('pending service (/pending)', () => {
  it('lists what awaits review in one branch only, oldest first, capped, with the total and names', async () => {
    const pending = createPendingService({ models: fx.models });
    const branch = await fx.branch(1);
    const other = await fx.branch(2);
    const m = await fx.member(branch._id, 10);
    const stranger = await fx.member(other._id, 20);
    const deed = (
      what: string,
      memberId = m._id,
      branchId = branch._id,
      status: 'pending' | 'verified' = 'pending',
    ) => ({
      branchId,
      memberId,
      userId: 10,
      what,
      date: '2026-05-01',
      forWhom: '群众',
      peopleHelped: 1,
      status,
    });
    await fx.models.Deed.create([
      deed('第一件'),
      deed('第二件'),
      deed('第三件'),
      deed('已核实', m._id, branch._id, 'verified'),
      deed('别的支部', stranger._id, other._id),
    ]);
    await fx.models.Feedback.create([
      {
        branchId: branch._id,
        kind: 'suggestion',
        text: '建议',
        anonymous: true,
        status: 'open',
        createdAt: new Date('2026-05-01T00:00:00Z'),
      },
      {
        branchId: branch._id,
        kind: 'praise',
        text: '表扬',
        anonymous: true,
        status: 'handled',
        outcome: '已转达',
        createdAt: new Date('2026-05-01T00:00:00Z'),
      },
    ]);
    const q = await pending.queue(branch, 2);
    expect(q.total).toBe(4);
    expect(q.deeds.map((d) => d.what)).toEqual(['第一件', '第二件']);
    expect(q.feedback.map((f) => f.text)).toEqual(['建议']);
    expect(q.names.get(m._id.toString())).toBe('党员10');
    expect(q.names.has(stranger._id.toString())).toBe(false);

    await fx.models.Branch.updateOne({ _id: other._id }, { $set: { committeeIds: [1] } });
    const listed = await pending.listedReviewerOf(1);
    expect(listed.map((b) => b._id.toString()).sort()).toEqual(
      [branch._id.toString(), other._id.toString()].sort(),
    );
    await fx.models.Branch.updateOne({ _id: other._id }, { $set: { active: false } });
    expect((await pending.listedReviewerOf(1)).map((b) => b._id.toString())).toEqual([branch._id.toString()]);
    expect(await pending.listedReviewerOf(99)).toEqual([]);
  });
});
