import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStandardService } from '../../src/services/standard-service.js';
import { movableClock, pledgeFixture } from './pledge-fixture.js';
import { actor } from '../support/actor.js';

let fx: Awaited<ReturnType<typeof pledgeFixture>>;
const time = movableClock('2026-04-01T01:00:00Z');
beforeAll(async () => {
  fx = await pledgeFixture();
});
afterAll(() => fx.cleanup());
const refusal = (key: string) => expect.objectContaining({ key });
const TEXT = '办件群众等候不超过十五分钟，一次性告知所需材料，当日事当日毕。';

describe('standard service (定标)', () => {
  it('approves before the comment period ends only with a reason, audited with it; a renewal drops it', async () => {
    const clock = movableClock('2026-05-01T01:00:00Z');
    const standards = createStandardService({ models: fx.models, clock: clock.clock });
    const branch = await fx.branch(1);
    const m = await fx.member(branch._id, 11);
    const id = (await standards.propose(branch, m, TEXT))._id.toString();
    clock.set('2026-05-02T01:00:00Z'); // a day into the three-day period
    await expect(standards.approveEarly(branch, actor(1), id, 1, ' ')).rejects.toEqual(
      refusal('error-early-reason-too-short'),
    );
    await expect(standards.approveEarly(branch, actor(11), id, 1, '我自己批准')).rejects.toEqual(
      refusal('error-review-own'),
    );
    await expect(
      standards.approveEarly(branch, actor(12, 'member'), id, 1, '群众意见已充分'),
    ).rejects.toEqual(refusal('error-reviewer-only'));
    const done = await standards.approveEarly(branch, actor(1), id, 1, '群众意见已充分，窗口急需上岗');
    expect(done).toMatchObject({
      status: 'approved',
      approvedText: TEXT,
      earlyReason: '群众意见已充分，窗口急需上岗',
      approvedAt: new Date('2026-05-02T01:00:00Z'),
    });
    const audit = await fx.models.Audit.find({ action: 'standard.approveEarly', target: id }).lean();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: 1, after: { earlyReason: '群众意见已充分，窗口急需上岗' } });
    const renewed = await standards.propose(branch, m, TEXT + '节假日预约服务。');
    expect(renewed.status).toBe('commenting');
    expect('earlyReason' in renewed).toBe(false);
  });

  it('propose → comments while open → approve after the period, once; audited; on the card', async () => {
    const standards = createStandardService({ models: fx.models, clock: time.clock });
    const branch = await fx.branch(1);
    const m = await fx.member(branch._id, 10);
    const s = await standards.propose(branch, m, TEXT);
    expect(s).toMatchObject({ status: 'commenting', revision: 1, text: TEXT, userId: 10 });
    expect(s.closesAt).toEqual(new Date('2026-04-04T01:00:00Z'));
    const id = s._id.toString();

    await standards.comment(branch, id, { id: 30, name: '群众甲' }, '建议加上预约服务');
    await expect(standards.comment(branch, id, { id: 30, name: '群众甲' }, '  ')).rejects.toEqual(
      refusal('error-comment-too-short'),
    );
    await expect(standards.propose(branch, m, TEXT + '改')).rejects.toEqual(
      refusal('error-standard-transition'),
    );
    // Too early: the closing time is named in the branch's zone (Asia/Shanghai, +8).
    await expect(standards.approve(branch, actor(1), id, 1)).rejects.toEqual(
      expect.objectContaining({
        key: 'error-standard-comment-period-open',
        params: { closesAt: '2026-04-04 09:00' },
      }),
    );
    time.set('2026-04-04T01:00:01Z');
    await expect(standards.comment(branch, id, { id: 31, name: '群众乙' }, '晚到的意见')).rejects.toEqual(
      refusal('error-standard-comment-closed'),
    );
    await expect(standards.approve(branch, actor(10), id, 1)).rejects.toEqual(refusal('error-review-own'));
    await expect(standards.approve(branch, actor(1), id, 2)).rejects.toEqual(
      refusal('error-action-unavailable'),
    );
    const both = await Promise.allSettled([
      standards.approve(branch, actor(1), id, 1),
      standards.approve(branch, actor(1), id, 1),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const stored = await fx.models.Standard.findById(id).lean();
    expect(stored).toMatchObject({
      status: 'approved',
      approvedText: TEXT,
      comments: [{ authorId: 30, text: '建议加上预约服务', revision: 1 }],
    });
    expect(await fx.models.Audit.countDocuments({ action: 'standard.approve', target: id })).toBe(1);
    expect((await standards.approvedTexts(branch._id)).get(10)).toBe(TEXT);

    // The yearly renewal: a new revision under comment, the approved text stays on the card meanwhile.
    const renewed = await standards.propose(branch, m, TEXT + '节假日预约服务。');
    expect(renewed).toMatchObject({ status: 'commenting', revision: 2, approvedText: TEXT });
  });

  it('return with a reason → revise → a new revision; stale buttons and other branches are refused', async () => {
    const standards = createStandardService({ models: fx.models, clock: time.clock });
    const branch = await fx.branch(1);
    const other = await fx.branch(2);
    const m = await fx.member(branch._id, 20);
    const s = await standards.propose(branch, m, TEXT);
    const id = s._id.toString();
    await expect(standards.returnWithReason(branch, actor(1), id, 1, '')).rejects.toEqual(
      refusal('error-return-reason-too-short'),
    );
    await expect(standards.returnWithReason(other, actor(2), id, 1, '不具体')).rejects.toEqual(
      refusal('error-action-unavailable'),
    );
    const returned = await standards.returnWithReason(branch, actor(1), id, 1, '时限要具体');
    expect(returned).toMatchObject({ status: 'returned', reason: '时限要具体' });
    await expect(standards.returnWithReason(branch, actor(1), id, 1, '再退一次')).rejects.toEqual(
      refusal('error-action-unavailable'),
    );
    const revised = await standards.propose(branch, m, TEXT + '（修订）');
    expect(revised).toMatchObject({ status: 'commenting', revision: 2 });
    expect(revised.reason).toBeUndefined();
    expect(await fx.models.Audit.find({ target: id }).lean()).toEqual([
      expect.objectContaining({
        action: 'standard.return',
        actorId: 1,
        before: expect.objectContaining({ status: 'commenting' }),
      }),
    ]);
    expect(await standards.findAnywhere(id)).toMatchObject({ branch: { _id: branch._id } });
    expect(await standards.findAnywhere('nonsense')).toBeNull();
  });

  it('lists standards awaiting a decision, saying whose period is over', async () => {
    const clock = movableClock('2026-08-01T00:00:00Z');
    const standards = createStandardService({ models: fx.models, clock: clock.clock });
    const branch = await fx.branch(1);
    const a = await standards.propose(branch, await fx.member(branch._id, 50), TEXT);
    clock.set('2026-08-02T00:00:00Z');
    await standards.propose(branch, await fx.member(branch._id, 51), TEXT);
    clock.set('2026-08-04T12:00:00Z');
    const list = await standards.awaitingDecision(branch._id);
    expect(list.map((s) => [s.userId, s.periodOver])).toEqual([
      [50, true],
      [51, false],
    ]);
    await standards.approve(branch, actor(1), a._id.toString(), 1);
    expect((await standards.awaitingDecision(branch._id)).map((s) => s.userId)).toEqual([51]);
  });

  it('uses the branch comment period', async () => {
    const standards = createStandardService({ models: fx.models, clock: time.clock });
    const branch = await fx.branch(1);
    await fx.models.Branch.updateOne({ _id: branch._id }, { $set: { settings: { commentPeriodDays: 7 } } });
    const fresh = (await fx.models.Branch.findById(branch._id).lean())!;
    const m = await fx.member(branch._id, 40);
    const s = await standards.propose(fresh as typeof branch, m, TEXT);
    expect(s.closesAt!.getTime() - s.openedAt!.getTime()).toBe(7 * 86_400_000);
  });
});
