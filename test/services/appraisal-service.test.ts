import type { Types } from 'mongoose';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppraisalService } from '../../src/services/appraisal-service.js';
import { actor } from '../support/actor.js';
import { ratingFixture } from './rating-fixture.js';

let fx: Awaited<ReturnType<typeof ratingFixture>> | undefined;
afterEach(async () => {
  await fx?.cleanup();
  fx = undefined;
});

/** Twelve final months at `total` (only what the year-end rules read). */
async function year(branchId: Types.ObjectId, memberId: Types.ObjectId, total: number) {
  await fx!.models.RatingResult.collection.insertMany(
    Array.from({ length: 12 }, (_, i) => ({
      branchId,
      memberId,
      roundId: branchId,
      month: `2026-${String(i + 1).padStart(2, '0')}`,
      status: 'final',
      computation: { total, passed: true },
    })),
  );
}

describe('the appraisal service: the Excellent cap is the branch setting excellentOneIn', () => {
  it.each([
    [3, ['excellent', 'qualified', 'qualified']],
    [1, ['excellent', 'excellent', 'excellent']],
  ])('one in %i full members: %j (highest average first)', async (oneIn, want) => {
    fx = await ratingFixture();
    const b = await fx.branch(1, { excellentOneIn: oneIn });
    for (const [uid, total] of [
      [11, 96],
      [12, 95],
      [13, 94],
    ] as const)
      await year(b._id, (await fx.member(b._id, uid))._id, total);
    const svc = createAppraisalService({ models: fx.models, clock: () => new Date('2026-12-20T02:00:00Z') });
    const { rows } = await svc.prepare(b._id, actor(1), 2026);
    const byUser = new Map(rows.map((r) => [r.userId, r.record]));
    expect([11, 12, 13].map((u) => byUser.get(u)!.category)).toEqual(want);
    expect(byUser.get(11)!.figures.excellentOneIn).toBe(oneIn);
    // Only the secretary: a member is refused by the policy.
    await expect(svc.prepare(b._id, actor(11, 'member'), 2026)).rejects.toMatchObject({
      key: 'error-secretary-only',
    });
  });
});
