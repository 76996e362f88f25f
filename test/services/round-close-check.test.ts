import { describe, expect, it } from 'vitest';
import { createRoundCloseCheck } from '../../src/services/round-close-check.js';
import { actor } from '../support/actor.js';
import { sheetOf, ratingFixtures, type RatingFixture } from './rating-fixture.js';

const fixtures = ratingFixtures();
let fx: RatingFixture | undefined;

const M = '2026-11';

describe('the check before /closeround: early close and who has not yet rated', () => {
  it('asks to confirm days early, names the gaps, and stops asking near the close once all have rated', async () => {
    fx = await fixtures.open('2026-11-28T01:00:00Z');
    const check = createRoundCloseCheck({ models: fx.models, clock: () => fx!.clockNow() });
    const b = await fx.branch(1, { massesMinBallots: 2 });
    const zhang = await fx.member(b._id, 11, { realName: '张三' });
    const li = await fx.member(b._id, 12, { realName: '李四' });
    const sec = { ...actor(1), branchId: String(b._id) };
    expect(await check.check(b, sec)).toBeNull(); // no open round
    await fx.rounds.open(b._id, M, { asOf: new Date('2026-11-28T01:00:00Z') });
    await fx.scores.selfEvaluate(b._id, M, 11, sheetOf(20));
    await fx.scores.castBallot(b._id, M, 500, String(zhang._id), sheetOf(20));
    await fx.scores.castBallot(b._id, M, 501, String(zhang._id), sheetOf(20));
    await fx.scores.castBallot(b._id, M, 500, String(li._id), sheetOf(20));
    await fx.scores.orgEvaluate(b._id, M, sec, String(zhang._id), 80, '按实际表现');

    const early = (await check.check(b, sec))!;
    expect(early.confirm).toBe(true);
    expect(early.scheduledClose.toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(early.gaps.selfMissing.map((m) => m.realName)).toEqual(['李四']);
    expect(early.gaps.ballotsUnderMin.map((f) => [f.member.realName, f.ballots])).toEqual([['李四', 1]]);
    expect(early.gaps.orgMissing.map((m) => m.realName)).toEqual(['李四']);
    // Only the count of a box is read, never its raters.
    expect(JSON.stringify(early.gaps)).not.toMatch(/500|501/);

    // 12 hours before the close, with gaps: still asks; once everyone has rated: closes at once.
    fx.setNow('2026-11-30T13:00:00Z');
    expect((await check.check(b, sec))!.confirm).toBe(true);
    await fx.scores.selfEvaluate(b._id, M, 12, sheetOf(20));
    await fx.scores.castBallot(b._id, M, 501, String(li._id), sheetOf(20));
    await fx.scores.orgEvaluate(b._id, M, sec, String(li._id), 80, '按实际表现');
    const near = (await check.check(b, sec))!;
    expect([near.confirm, Math.round(near.hoursEarly)]).toEqual([false, 12]);

    // A member (or a secretary no longer admin of the group) is refused before anything is read.
    await expect(check.check(b, { ...actor(11, 'member'), branchId: String(b._id) })).rejects.toMatchObject({
      key: 'error-secretary-only',
    });
    await expect(check.check(b, { ...actor(1, 'secretary', false) })).rejects.toMatchObject({
      key: 'error-secretary-only',
    });
  });
});
