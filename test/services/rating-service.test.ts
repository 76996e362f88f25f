import { describe, expect, it } from 'vitest';
import { full, sheetOf, ratingFixtures, type RatingFixture } from './rating-fixture.js';
import { actor } from '../support/actor.js';

const fixtures = ratingFixtures();
let fx: RatingFixture | undefined;

const M = '2026-11';
const openAt = new Date('2026-11-28T01:00:00Z');
const closeAt = new Date('2026-12-01T01:00:00Z');

async function branchOfFour() {
  fx = await fixtures.open();
  const b = await fx.branch(1);
  const members = [];
  for (const uid of [11, 12, 13, 14]) members.push(await fx.member(b._id, uid));
  return { f: fx, b, members };
}

describe('rating round', () => {
  it('opens once per branch and month; only the secretary opens early', async () => {
    const { f, b } = await branchOfFour();
    const first = await f.rounds.open(b._id, M, { asOf: openAt });
    const second = await f.rounds.open(b._id, M, { asOf: openAt });
    expect([first.created, second.created]).toEqual([true, false]);
    expect(String(second.round._id)).toBe(String(first.round._id));
    await expect(
      f.rounds.open(b._id, '2026-12', { asOf: openAt, by: actor(12, 'member') }),
    ).rejects.toMatchObject({
      key: 'error-secretary-only',
    });
    expect((await f.rounds.open(b._id, '2026-12', { asOf: openAt, by: actor(1) })).round.openedBy).toBe(1);
  });

  it('keeps ballots anonymous, one per rater per member, never for oneself', async () => {
    const { f, b, members } = await branchOfFour();
    await f.rounds.open(b._id, M, { asOf: openAt });
    const target = String(members[0]!._id);
    for (const rater of [12, 13, 500]) await f.scores.castBallot(b._id, M, rater, target, sheetOf(20));
    await expect(f.scores.castBallot(b._id, M, 12, target, sheetOf(20))).rejects.toMatchObject({
      key: 'error-ballot-duplicate',
    });
    await expect(f.scores.castBallot(b._id, M, 11, target, sheetOf(20))).rejects.toMatchObject({
      key: 'error-ballot-self',
    });
    await expect(f.scores.castBallot(b._id, M, 12, target, sheetOf(26))).rejects.toMatchObject({
      key: 'error-rating-score-out-of-range',
    });
    const boxes = await f.models.BallotBox.find({}).lean();
    expect(boxes).toHaveLength(1);
    const box = boxes[0]!;
    expect(Object.keys(box).sort()).toEqual(['_id', 'entries', 'memberId', 'raters', 'roundId', 'size']);
    expect(box.size).toBe(3);
    expect([...box.raters].sort((x, y) => x - y)).toEqual([12, 13, 500]);
    for (const entry of box.entries) expect(Object.keys(entry).sort()).toEqual(['sheet', 'total']);
    const left = await f.scores.ballotCandidates(b._id, M, 12);
    expect(left.map((m) => m.userId)).toEqual([13, 14]);
  });

  it('suggests the organisation score from the published rule; changing it needs a reason', async () => {
    const { f, b, members } = await branchOfFour();
    await f.rounds.open(b._id, M, { asOf: openAt });
    const m = members[1]!;
    for (const date of ['2026-11-03', '2026-11-20', '2026-10-30'])
      await f.models.Deed.create({
        branchId: b._id,
        memberId: m._id,
        userId: m.userId,
        what: '帮群众办证',
        date,
        forWhom: '群众',
        peopleHelped: 1,
        status: 'verified',
      });
    const s = await f.scores.suggestion(b._id, M, m._id);
    expect(s.facts.verifiedDeeds).toBe(2);
    expect(s.score).toBe(79);
    await expect(f.scores.orgEvaluate(b._id, M, actor(1), String(m._id), 70)).rejects.toMatchObject({
      key: 'error-rating-override-reason-required',
    });
    await expect(
      f.scores.orgEvaluate(b._id, M, actor(12, 'member'), String(m._id), 79),
    ).rejects.toMatchObject({
      key: 'error-reviewer-only',
    });
    expect((await f.scores.orgEvaluate(b._id, M, actor(1), String(m._id), 70, '服务态度被投诉')).score).toBe(
      70,
    );
    const stored = await f.models.OrgEvaluation.findOne({ memberId: m._id }).lean();
    expect(stored).toMatchObject({ score: 70, suggested: 79, reason: '服务态度被投诉', byUserId: 1 });
  });

  it('closes idempotently: provisional results keyed by member, inputs and rule version stored', async () => {
    const { f, b, members } = await branchOfFour();
    await f.rounds.open(b._id, M, { asOf: openAt });
    const [a, bb] = members;
    await f.scores.selfEvaluate(b._id, M, 11, full, '本月完成窗口服务');
    for (const rater of [12, 13, 14]) await f.scores.castBallot(b._id, M, rater, String(a!._id), sheetOf(20));
    await f.scores.orgEvaluate(b._id, M, actor(1), String(a!._id), 90, '表现突出');
    const [one, two] = await Promise.all([
      f.rounds.close(b._id, M, { asOf: closeAt }),
      f.rounds.close(b._id, M, { asOf: closeAt }),
    ]);
    expect(one.created + two.created).toBe(4);
    expect((await f.rounds.close(b._id, M, { asOf: closeAt })).created).toBe(0);
    const results = await f.rounds.results(b._id, M);
    expect(results).toHaveLength(4);
    const ra = results.find((r) => String(r.memberId) === String(a!._id))!;
    expect(ra.computation).toMatchObject({
      self: 100,
      masses: 80,
      organisation: 90,
      total: 88,
      passed: true,
      notes: [],
    });
    expect(ra.inputs.rules.version).toMatch(/^rating-rules\//);
    expect(ra.orgSource).toBe('reviewer');
    const rb = results.find((r) => String(r.memberId) === String(bb!._id))!;
    expect(rb.computation.notes).toEqual(['self-missing', 'masses-too-few-ballots']);
    expect(rb.computation.weights).toEqual({ self: 20, masses: 0, organisation: 80 });
    expect(rb.orgSource).toBe('suggested');
    expect((await f.rounds.round(b._id, M))!.status).toBe('provisional');
    await expect(f.scores.selfEvaluate(b._id, M, 12, full)).rejects.toMatchObject({
      key: 'error-round-not-open',
    });
  });

  it('publishes with an objection window: objection, resolution, then final stars', async () => {
    const { f, b, members } = await branchOfFour();
    await f.rounds.open(b._id, M, { asOf: openAt });
    await f.scores.selfEvaluate(b._id, M, 12, full);
    await f.rounds.close(b._id, M, { asOf: closeAt });
    f.setNow('2026-12-02T02:00:00Z');
    const { objection } = await f.objections.file(b._id, M, 12, '我本月有三件事迹未计入');
    await expect(f.objections.file(b._id, M, 12, '再说一次')).rejects.toMatchObject({
      key: 'error-objection-duplicate',
    });
    expect((await f.rounds.finalize(b._id, M, { asOf: new Date('2026-12-02T02:00:00Z') })).finalized).toBe(
      false,
    );
    expect(
      (await f.rounds.finalize(b._id, M, { asOf: new Date('2026-12-05T02:00:00Z') })).openObjections,
    ).toBe(1);
    await expect(
      f.objections.resolve(String(objection._id), actor(12, 'member'), '自己批准'),
    ).rejects.toMatchObject({
      key: 'error-secretary-only',
    });
    const { result } = await f.objections.resolve(String(objection._id), actor(1), '核实后改为95分', 95);
    expect(result!.computation.organisation).toBe(95);
    expect(result!.computation.passed).toBe(true);
    expect((await f.rounds.finalize(b._id, M, { asOf: new Date('2026-12-05T02:00:00Z') })).finalized).toBe(
      true,
    );
    expect((await f.rounds.finalize(b._id, M, { asOf: new Date('2026-12-05T02:00:00Z') })).alreadyFinal).toBe(
      true,
    );
    const m12 = await f.models.Member.findById(members[1]!._id).lean();
    expect(m12).toMatchObject({ stars: 1, consecutivePasses: 1 });
    const m13 = await f.models.Member.findById(members[2]!._id).lean();
    // A new member failing a first month keeps the plate hung on confirmation (no fall from a star).
    expect(m13).toMatchObject({ stars: 0, plateOn: true, consecutiveFails: 1 });
    f.setNow('2026-12-06T02:00:00Z');
    await expect(f.objections.file(b._id, M, 13, '太晚了')).rejects.toMatchObject({
      key: 'error-round-not-provisional',
    });
  });

  it('explains a result and notices one that no longer recomputes', async () => {
    const { f, b, members } = await branchOfFour();
    await f.rounds.close(b._id, M, { asOf: closeAt });
    const why = await f.objections.why(b._id, members[0]!._id);
    expect(why.same).toBe(true);
    expect(why.result.month).toBe(M);
    await f.models.RatingResult.updateOne({ _id: why.result._id }, { $set: { 'computation.total': 99 } });
    expect((await f.objections.why(b._id, members[0]!._id, M)).same).toBe(false);
    await expect(f.objections.why(b._id, members[0]!._id, '2026-10')).rejects.toMatchObject({
      key: 'error-result-not-found',
    });
  });

  it('takes the plate on the second failed month and gives it back after two passes', async () => {
    fx = await fixtures.open();
    const f = fx;
    const b = await f.branch(1);
    const m = await f.member(b._id, 11, { stars: 3 });
    const plates: boolean[] = [];
    for (const [month, org] of [
      ['2026-01', 0],
      ['2026-02', 0],
      ['2026-03', 100],
      ['2026-04', 100],
    ] as const) {
      await f.rounds.open(b._id, month, { asOf: new Date(`${month}-28T01:00:00Z`) });
      await f.scores.selfEvaluate(b._id, month, 11, full);
      await f.scores.orgEvaluate(
        b._id,
        month,
        actor(1),
        String(m._id),
        org,
        org === 0 ? '未履职' : '全面履职',
      );
      await f.rounds.close(b._id, month, { asOf: new Date(`${month}-28T02:00:00Z`) });
      await f.rounds.finalize(b._id, month, { asOf: new Date(`${month}-28T03:00:00Z`), force: true });
      plates.push((await f.models.Member.findById(m._id).lean())!.plateOn);
    }
    expect(plates).toEqual([true, false, false, true]);
    expect((await f.models.Member.findById(m._id).lean())!.stars).toBe(3);
  });
});
