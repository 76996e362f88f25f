import { describe, expect, it } from 'vitest';
import { sheetOf, ratingFixtures, type RatingFixture } from './rating-fixture.js';

const fixtures = ratingFixtures();
let fx: RatingFixture | undefined;

const M = '2026-11';
const openAt = new Date('2026-11-28T01:00:00Z');
const closeAt = new Date('2026-12-01T01:00:00Z');

describe('rating close resumes', () => {
  it('computes only the missing results after a partial close, with the same inputs', async () => {
    fx = await fixtures.open();
    const b = await fx.branch(1);
    const members = [];
    for (const uid of [11, 12, 13, 14, 15]) members.push(await fx.member(b._id, uid));
    await fx.rounds.open(b._id, M, { asOf: openAt });
    await fx.scores.selfEvaluate(b._id, M, 12, sheetOf(20));
    const first = await fx.rounds.close(b._id, M, { asOf: closeAt });
    expect([first.created, first.total]).toEqual([5, 5]);
    const before = await fx.rounds.results(b._id, M);
    const stamped = await fx.models.RatingResult.find({}, { createdAt: 1, updatedAt: 1, __v: 1 }).lean<
      { createdAt?: Date; updatedAt?: Date; __v?: number }[]
    >();
    expect(stamped.map((r) => [r.createdAt instanceof Date, r.updatedAt instanceof Date, r.__v])).toEqual(
      Array(5).fill([true, true, 0]),
    );
    // A crash in the middle of the insert leaves some results; the retried close adds the rest.
    const lost = [String(members[1]!._id), String(members[3]!._id)];
    await fx.models.RatingResult.deleteMany({ memberId: { $in: lost } });
    const again = await fx.rounds.close(b._id, M, { asOf: closeAt });
    expect([again.created, again.total]).toEqual([2, 5]);
    const after = await fx.rounds.results(b._id, M);
    expect(after).toHaveLength(5);
    const view = (rs: typeof after) =>
      Object.fromEntries(rs.map((r) => [String(r.memberId), [r.inputs, r.computation, r.orgSource]]));
    expect(view(after)).toEqual(view(before));
    expect((await fx.rounds.close(b._id, M, { asOf: closeAt })).created).toBe(0);
  });
});
