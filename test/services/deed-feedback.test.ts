import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeedService } from '../../src/services/deed-service.js';
import { createFeedbackService } from '../../src/services/feedback-service.js';
import { createPledgeService } from '../../src/services/pledge-service.js';
import { movableClock, pledgeFixture } from './pledge-fixture.js';
import { actor } from '../support/actor.js';
import { createAudit } from '../../src/services/audit.js';
import { createTransition } from '../../src/services/transition.js';

let fx: Awaited<ReturnType<typeof pledgeFixture>>;
const time = movableClock('2026-05-20T03:00:00Z');
beforeAll(async () => {
  fx = await pledgeFixture();
});
afterAll(() => fx.cleanup());
const refusal = (key: string) => expect.objectContaining({ key });
const draft = { what: '帮助老人办理医保', date: '2026-05-20', forWhom: '社区老人', peopleHelped: 3 };

describe('deed service', () => {
  it('report → edit / withdraw by the author only while pending → review once, audited', async () => {
    const deeds = createDeedService({ models: fx.models, clock: time.clock });
    const pledges = createPledgeService({ models: fx.models, clock: time.clock });
    const branch = await fx.branch(1);
    const m = await fx.member(branch._id, 10);
    const other = await fx.member(branch._id, 11);

    const d1 = await deeds.report(branch, m, draft);
    expect(d1).toMatchObject({ ...draft, status: 'pending', userId: 10 });
    const id = d1._id.toString();

    // Linking an item that is not approved (or not the member's) is refused.
    const [pending] = await pledges.submit(branch, m, {
      add: [{ lead: 'service', text: '每月帮扶两户', dueDate: '2026-09-30' }],
    });
    await expect(deeds.edit(m, id, { ...draft, pledgeItemId: pending!._id.toString() })).rejects.toEqual(
      refusal('error-action-unavailable'),
    );
    await pledges.review(branch, actor(1), pending!._id.toString(), 'approve');
    await expect(deeds.edit(other, id, draft)).rejects.toEqual(refusal('error-not-owner'));
    const edited = await deeds.edit(m, id, {
      ...draft,
      peopleHelped: 4,
      pledgeItemId: pending!._id.toString(),
      photoFileId: 'p1',
    });
    expect(edited).toMatchObject({ peopleHelped: 4, photoFileId: 'p1', status: 'pending' });
    expect(edited.pledgeItemId?.toString()).toBe(pending!._id.toString());
    const unlinked = await deeds.edit(m, id, draft);
    expect(unlinked.pledgeItemId).toBeUndefined();
    expect(unlinked.photoFileId).toBeUndefined();

    await expect(deeds.withdraw(11, id)).rejects.toEqual(refusal('error-not-owner'));
    expect((await deeds.pending(branch)).map((d) => d._id.toString())).toEqual([id]);

    const verified = await deeds.review(branch, actor(1), id, 'verify');
    expect(verified).toMatchObject({ status: 'verified', verifiedAt: time.clock(), reviewedBy: 1 });
    await expect(deeds.review(branch, actor(1), id, 'reject', '重复')).rejects.toEqual(
      refusal('error-action-unavailable'),
    );
    await expect(deeds.withdraw(10, id)).rejects.toEqual(refusal('error-action-unavailable'));
    await expect(deeds.edit(m, id, draft)).rejects.toEqual(refusal('error-action-unavailable'));

    const d2 = await deeds.report(branch, m, { ...draft, what: '义务清扫楼道' });
    await expect(deeds.review(branch, actor(1), d2._id.toString(), 'reject', '')).rejects.toEqual(
      refusal('error-reject-reason-too-short'),
    );
    const rejected = await deeds.review(branch, actor(1), d2._id.toString(), 'reject', '请补充照片');
    expect(rejected).toMatchObject({ status: 'rejected', reason: '请补充照片', rejectedAt: time.clock() });
    const d3 = await deeds.report(branch, m, { ...draft, what: '帮邻居搬家' });
    expect(await deeds.withdraw(10, d3._id.toString())).toMatchObject({ status: 'withdrawn' });

    expect((await deeds.ofMember(m._id, true)).map((d) => d.what)).toEqual(['帮助老人办理医保']);
    expect(await deeds.ofMember(m._id)).toHaveLength(3);
    const audit = await fx.models.Audit.find({ branchId: branch._id, action: /^deed\./ })
      .sort({ at: 1, _id: 1 })
      .lean();
    expect(audit.map((a) => [a.action, a.actorId, a.target])).toEqual([
      ['deed.verify', 1, id],
      ['deed.reject', 1, d2._id.toString()],
    ]);
  });

  it('a foreign branch cannot review; a member who left cannot report', async () => {
    const deeds = createDeedService({ models: fx.models, clock: time.clock });
    const own = await fx.branch(1);
    const foreign = await fx.branch(2);
    const m = await fx.member(own._id, 20);
    const d = await deeds.report(own, m, draft);
    await expect(deeds.review(foreign, actor(2), d._id.toString(), 'verify')).rejects.toEqual(
      refusal('error-action-unavailable'),
    );
    expect(await deeds.byId(foreign, d._id.toString())).toBeNull();
    const gone = await fx.member(own._id, 21, { status: 'left' });
    await expect(deeds.report(own, gone, draft)).rejects.toEqual(refusal('error-not-member'));
    await expect(deeds.report(foreign, m, draft)).rejects.toEqual(refusal('error-not-member'));
    // The service checks the same rules as the dialog: never in the future (branch zone), not too old.
    await expect(deeds.report(own, m, { ...draft, date: '2026-05-21' })).rejects.toEqual(
      refusal('error-deed-date-in-future'),
    );
    await expect(deeds.report(own, m, { ...draft, date: '2026-03-20' })).rejects.toEqual(
      refusal('error-deed-date-too-old'),
    );
    await expect(deeds.edit(m, d._id.toString(), { ...draft, peopleHelped: 0 })).rejects.toEqual(
      refusal('error-deed-people-out-of-range'),
    );
  });
});

describe('feedback service', () => {
  it('anonymous entries never store the sender; handling is audited and done once', async () => {
    const fb = createFeedbackService({ models: fx.models, clock: time.clock });
    const branch = await fx.branch(1);
    const m = await fx.member(branch._id, 40);
    const anon = await fb.leave(branch, actor(987654321, 'masses', false), {
      kind: 'complaint',
      text: '窗口午休时间无人',
      anonymous: true,
      memberId: m._id.toString(),
    });
    const raw = await fx.models.Feedback.collection.findOne({ _id: anon._id });
    expect(raw).toMatchObject({ kind: 'complaint', anonymous: true, status: 'open' });
    expect(raw).not.toHaveProperty('senderUserId');
    expect(JSON.stringify(raw)).not.toContain('987654321');

    const named = await fb.leave(branch, actor(778, 'masses', false), {
      kind: 'praise',
      text: '服务热情周到',
      anonymous: false,
      memberId: m._id.toString(),
    });
    expect(named).toMatchObject({ senderUserId: 778, anonymous: false });
    await fb.leave(branch, actor(779, 'masses', false), {
      kind: 'suggestion',
      text: '建议增加自助机',
      anonymous: true,
    });
    await expect(
      fb.leave(branch, actor(1, 'masses', false), { kind: 'praise', text: '好', anonymous: true }),
    ).rejects.toEqual(refusal('error-feedback-text-too-short'));
    await expect(
      fb.leave(branch, actor(1, 'masses', false), {
        kind: 'praise',
        text: '很好很好',
        anonymous: true,
        memberId: 'nope',
      }),
    ).rejects.toEqual(refusal('error-action-unavailable'));
    // Nobody writes about themselves, named or not.
    await expect(
      fb.leave(branch, actor(40, 'member', false), {
        kind: 'praise',
        text: '我自己很好',
        anonymous: true,
        memberId: m._id.toString(),
      }),
    ).rejects.toEqual(refusal('error-feedback-self'));

    // The member sees praise now, the complaint only once handled, never the suggestion.
    expect((await fb.aboutMember(m._id)).map((f) => f.kind)).toEqual(['praise']);
    expect(await fb.open(branch)).toHaveLength(3);
    const handled = await fb.handle(branch, actor(1), anon._id.toString(), '已安排午间轮岗', true);
    expect(handled).toMatchObject({
      status: 'handled',
      outcome: '已安排午间轮岗',
      upheld: true,
      handledBy: 1,
      handledAt: time.clock(),
    });
    await expect(fb.handle(branch, actor(1), anon._id.toString(), '再次处理')).rejects.toEqual(
      refusal('error-action-unavailable'),
    );
    expect((await fb.aboutMember(m._id)).map((f) => f.kind).sort()).toEqual(['complaint', 'praise']);
    const praise = await fb.handle(branch, actor(1), named._id.toString(), '已转达表扬', true);
    expect(praise.upheld).toBeUndefined();

    const audit = await fx.models.Audit.find({ branchId: branch._id, action: 'feedback.handle' }).lean();
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain('987654321');

    const foreign = await fx.branch(2);
    const open = (await fb.open(branch))[0]!;
    await expect(fb.handle(foreign, actor(2), open._id.toString(), '越权')).rejects.toEqual(
      refusal('error-action-unavailable'),
    );
  });
});

describe('transition (the one guarded state change of the services)', () => {
  it('asks the policy first, refuses a missing record or another state, writes once, audits once', async () => {
    const transition = createTransition(createAudit(fx.models, time.clock));
    const { Member, Audit } = fx.models;
    const branch = await fx.branch(1);
    const member = await fx.member(branch._id, 20, { status: 'pending-confirmation' });
    const record = { ownerId: 20, branchId: branch._id.toString() };
    const confirm = (by = actor(1), before: typeof member | null = member) =>
      transition({
        model: Member,
        before,
        policy: { actor: by, action: 'confirmRegistration', record },
        from: ['pending-confirmation'],
        change: () => ({ $set: { status: 'active' as const } }),
        audit: { branchId: branch._id, actorId: by.userId, action: 'member.confirm', target: 'x' },
      });

    // The policy answers before anything about the record is told: a plain member learns nothing.
    await expect(confirm(actor(30, 'member'), null)).rejects.toEqual(refusal('error-reviewer-only'));
    await expect(confirm(actor(20), member)).rejects.toEqual(refusal('error-review-own'));
    await expect(confirm(actor(1), null)).rejects.toEqual(refusal('error-action-unavailable'));

    // Two presses at once from the same state read: one write wins, the other is refused.
    const results = await Promise.allSettled([confirm(), confirm()]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ key: 'error-action-unavailable' });
    expect(await Audit.countDocuments({ branchId: branch._id, action: 'member.confirm' })).toBe(1);

    // The state read is stale now: refused without asking the rule again.
    const fresh = await Member.findById(member._id).lean();
    await expect(confirm(actor(1), fresh as typeof member)).rejects.toEqual(
      refusal('error-action-unavailable'),
    );
  });
});
