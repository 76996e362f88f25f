import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import type { PledgeItemRecord } from '../../src/db/models/pledge-item.js';
import { createRoundProgress } from '../../src/services/round-progress.js';
import { actor } from '../support/actor.js';
import { sheetOf, ratingFixtures, type RatingFixture } from './rating-fixture.js';

const fixtures = ratingFixtures();
let fx: RatingFixture | undefined;

const M = '2026-12';

describe('/progress: the round at a glance', () => {
  it('names who has not rated, ballots as counts, leading members short of items, overdue items and pending reviews', async () => {
    fx = await fixtures.open('2026-12-29T02:00:00Z');
    const f = fx;
    const progress = createRoundProgress({ models: f.models, clock: () => f.clockNow() });
    const b = await f.branch(1, { massesMinBallots: 2 });
    const sec = { ...actor(1), branchId: String(b._id) };
    const zhang = await f.member(b._id, 11, { realName: '张三', isLeading: true });
    const li = await f.member(b._id, 12, { realName: '李四' });
    await f.member(b._id, 13, { realName: '王五', status: 'pending-confirmation' });
    const item = (m: typeof zhang, status: PledgeItemRecord['status'], dueDate: string) =>
      f.models.PledgeItem.create({
        branchId: b._id,
        pledgeId: new Types.ObjectId(),
        memberId: m._id,
        userId: m.userId,
        year: 2026,
        lead: 'study',
        text: '每月学习一次',
        dueDate,
        status,
      });
    await item(zhang, 'approved', '2026-12-31'); // due later this year: not overdue
    await item(zhang, 'pending', '2026-12-31'); // under review: not yet pledged
    await item(li, 'approved', '2026-12-01'); // overdue
    await item(li, 'approved', '2026-11-30'); // overdue (made last year's below: still overdue)
    await item(li, 'done', '2026-11-01');
    await f.models.PledgeItem.updateOne(
      { memberId: li._id, dueDate: '2026-11-30' },
      { $set: { year: 2025 } },
    );

    // No open round yet: the state, no rating gaps.
    const before = await progress.of(b, sec);
    expect(before.state.kind).toBe('none');
    expect(before.gaps).toBeNull();

    await f.rounds.open(b._id, M, { asOf: f.clockNow() });
    await f.scores.selfEvaluate(b._id, M, 11, sheetOf(20));
    await f.scores.castBallot(b._id, M, 500, String(li._id), sheetOf(20));
    const p = await progress.of(b, sec);
    expect(p.state.kind).toBe('open');
    expect(p.gaps!.selfMissing.map((m) => m.realName)).toEqual(['李四']);
    expect(p.gaps!.ballotsUnderMin.map((x) => [x.member.realName, x.ballots])).toEqual([
      ['张三', 0],
      ['李四', 1],
    ]);
    expect(p.gaps!.orgMissing.map((m) => m.realName)).toEqual(['张三', '李四']);
    expect(JSON.stringify(p)).not.toContain('500'); // never who voted
    expect(p.leadingShort.map((x) => [x.member.realName, x.count])).toEqual([['张三', 2]]);
    expect(p.leadingMin).toBe(3);
    expect(p.overdue.map((x) => [x.member.realName, x.count])).toEqual([['李四', 2]]);
    expect(p.pending).toEqual({ registrations: 1, items: 1, claims: 0, deeds: 0, feedback: 0, standards: 0 });

    // Only the secretary (admin of the group now) sees it.
    for (const who of [actor(11, 'member'), actor(2, 'committee'), actor(1, 'secretary', false)])
      await expect(progress.of(b, { ...who, branchId: String(b._id) })).rejects.toMatchObject({
        key: 'error-secretary-only',
      });
  });
});
