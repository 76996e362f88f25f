import { describe, expect, it } from 'vitest';
import { createRoundFinalize } from '../../src/services/round-finalize.js';
import { actor } from '../support/actor.js';
import { sheetOf, ratingFixtures, type RatingFixture } from './rating-fixture.js';

const fixtures = ratingFixtures();
let fx: RatingFixture | undefined;

const M = '2026-11';

describe('publishing the final results before the objection window ends', () => {
  it('is refused while an objection is open (naming it), then makes the round final, sets stars and audits', async () => {
    fx = await fixtures.open('2026-11-28T01:00:00Z');
    const f = fx;
    const early = createRoundFinalize({ models: f.models, clock: () => f.clockNow(), ratings: f.rounds });
    const b = await f.branch(1, { massesMinBallots: 1 });
    const sec = { ...actor(1), branchId: String(b._id) };
    const zhang = await f.member(b._id, 11, { realName: '张三', stars: 1 });
    await f.member(b._id, 12, { realName: '李四', stars: 1 });
    await expect(early.publishFinal(b, sec)).rejects.toMatchObject({ key: 'error-finalize-none' });

    await f.rounds.open(b._id, M, { asOf: new Date('2026-11-28T01:00:00Z') });
    await f.scores.selfEvaluate(b._id, M, 11, sheetOf(25));
    await f.scores.castBallot(b._id, M, 500, String(zhang._id), sheetOf(25));
    f.setNow('2026-12-01T01:00:00Z');
    const { round } = await f.rounds.close(b._id, M, { asOf: f.clockNow() });
    f.setNow('2026-12-01T05:00:00Z');
    const { objection } = await f.objections.file(b._id, M, 12, '我本月有三件事迹未计入');

    await expect(
      early.publishFinal(b, { ...actor(11, 'member'), branchId: String(b._id) }),
    ).rejects.toMatchObject({
      key: 'error-secretary-only',
    });
    await expect(early.publishFinal(b, sec)).rejects.toMatchObject({
      key: 'error-finalize-objections-open',
      params: { month: '2026年11月', count: 1, names: '李四' },
    });
    expect((await f.rounds.round(b._id, M))!.status).toBe('provisional');

    await f.objections.resolve(String(objection._id), sec, '已核实，维持原结果');
    f.setNow('2026-12-01T06:00:00Z');
    expect(await early.publishFinal(b, sec)).toMatchObject({ month: M, finalized: true });
    const final = (await f.rounds.round(b._id, M))!;
    expect(final.status).toBe('final');
    expect(final.finalizedAt!.toISOString()).toBe('2026-12-01T06:00:00.000Z');
    expect(final.finalizedAt!.getTime()).toBeLessThan(round.objectionDeadline!.getTime());
    const stars = await f.models.Member.find({ branchId: b._id }).sort({ realName: 1 }).lean();
    expect(stars.map((m) => [m.realName, m.stars])).toEqual([
      ['张三', 2],
      ['李四', 0],
    ]);
    const audit = await f.models.Audit.find({ action: 'round.finalize-early' }).lean();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: 1, target: M, after: { status: 'final' } });

    // Nothing left to publish; the daily job later finds it final and only announces.
    await expect(early.publishFinal(b, sec)).rejects.toMatchObject({ key: 'error-finalize-none' });
  });
});
