import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import type { PledgeItemDraft } from '../../src/domain/pledge-item.js';
import { ServiceError } from '../../src/services/errors.js';
import { createPledgeService } from '../../src/services/pledge-service.js';
import { createDeedService } from '../../src/services/deed-service.js';
import { movableClock, pledgeFixture } from './pledge-fixture.js';
import { actor } from '../support/actor.js';

let fx: Awaited<ReturnType<typeof pledgeFixture>>;
const time = movableClock('2026-03-10T02:00:00Z');
beforeAll(async () => {
  fx = await pledgeFixture();
});
afterAll(() => fx.cleanup());

const item = (
  text: string,
  dueDate = '2026-06-30',
  lead: PledgeItemDraft['lead'] = 'service',
): PledgeItemDraft => ({
  lead,
  text,
  dueDate,
});
const refusal = (key: string) => expect.objectContaining({ key });

describe('pledge service', () => {
  it('submit → review item by item → publish once nothing is pending; the ledger derives overdue', async () => {
    const svc = createPledgeService({ models: fx.models, clock: time.clock });
    const branch = await fx.branch(1);
    const lead = await fx.member(branch._id, 10, { isLeading: true });

    await expect(
      svc.submit(branch, lead, { add: [item('每月走访群众两户'), item('每季度讲党课一次')] }),
    ).rejects.toEqual(refusal('error-pledge-too-few-items'));
    expect(await fx.models.PledgeItem.countDocuments({ memberId: lead._id })).toBe(0);

    const items = await svc.submit(branch, lead, {
      add: [
        item('每月走访群众两户'),
        item('每季度讲党课一次', '2026-03-31', 'study'),
        item('全年零投诉', '2026-12-31', 'integrity'),
      ],
    });
    expect(items.map((i) => i.status)).toEqual(['pending', 'pending', 'pending']);
    const [a, b, c] = items.map((i) => i._id.toString()) as [string, string, string];

    const r1 = await svc.review(branch, actor(1), a, 'approve');
    expect(r1).toMatchObject({ complete: false, publish: false });
    // A double press of the same button changes nothing the second time.
    await expect(svc.review(branch, actor(1), a, 'approve')).rejects.toEqual(
      refusal('error-action-unavailable'),
    );
    await expect(svc.review(branch, actor(1), b, 'return', ' ')).rejects.toBeInstanceOf(DomainError);
    const r2 = await svc.review(branch, actor(1), b, 'return', '请写明讲课主题');
    expect(r2.item).toMatchObject({ status: 'returned', reason: '请写明讲课主题' });
    const r3 = await svc.review(branch, actor(1), c, 'approve');
    // Two accepted of three needed: complete, but not publishable yet.
    expect(r3).toMatchObject({ complete: true, publish: false });

    // The member rewrites the returned item and submits again; approval publishes the pledge.
    const again = await svc.submit(branch, lead, {
      add: [],
      rewrite: { [b]: item('每季度讲党课一次：学习党章', '2026-03-31', 'study') },
    });
    expect(again.find((i) => i._id.toString() === b)).toMatchObject({
      status: 'pending',
      text: '每季度讲党课一次：学习党章',
    });
    expect(again.find((i) => i._id.toString() === b)?.reason).toBeUndefined();
    const r4 = await svc.review(branch, actor(1), b, 'approve');
    expect(r4).toMatchObject({ complete: true, publish: true });
    expect((await fx.models.Pledge.findOne({ memberId: lead._id }).lean())?.publishedAt).toEqual(
      time.clock(),
    );

    const audit = await fx.models.Audit.find({ branchId: branch._id }).sort({ at: 1 }).lean();
    expect(audit.map((x) => x.action)).toEqual([
      'pledge.approve',
      'pledge.return',
      'pledge.approve',
      'pledge.approve',
    ]);
    expect(audit[1]).toMatchObject({
      actorId: 1,
      target: b,
      before: { status: 'pending' },
      after: { status: 'returned' },
    });

    // Done claims: the owner with evidence; the secretary confirms. Someone else's claim is refused.
    await expect(svc.claimDone(branch, 99, a, '走访记录')).rejects.toEqual(refusal('error-not-owner'));
    const claimed = await svc.claimDone(branch, 10, a, '走访记录两份');
    expect(claimed).toMatchObject({ status: 'claimed', evidence: '走访记录两份', claimedOn: '2026-03-10' });
    expect((await svc.awaitingReview(branch)).map((i) => i._id.toString())).toEqual([a]);
    await svc.confirmDone(branch, actor(1), a, 'reject', '请附照片');
    expect(await fx.models.PledgeItem.findById(a).lean()).toMatchObject({
      status: 'approved',
      reason: '请附照片',
    });
    await svc.claimDone(branch, 10, a, '走访记录两份及照片');
    const done = await svc.confirmDone(branch, actor(1), a, 'confirm');
    expect(done).toMatchObject({ status: 'done', doneOn: '2026-03-10' });

    // A deed linked to item c shows in the ledger; on 04-01 (Shanghai) item b is overdue.
    const deeds = createDeedService({ models: fx.models, clock: time.clock });
    await deeds.report(branch, lead, {
      what: '走访困难群众',
      date: '2026-03-09',
      forWhom: '困难户',
      peopleHelped: 2,
      pledgeItemId: c,
    });
    time.set('2026-03-31T16:00:00Z');
    const ledger = await svc.ledger(branch, lead._id);
    expect(ledger.map((l) => [l.item.text.slice(0, 4), l.status, l.deeds.length])).toEqual([
      ['每月走访', 'done', 0],
      ['每季度讲', 'overdue', 0],
      ['全年零投', 'approved', 1],
    ]);
    time.set('2026-03-10T02:00:00Z');
  });

  it('another branch cannot review or see the items', async () => {
    const svc = createPledgeService({ models: fx.models, clock: time.clock });
    const own = await fx.branch(1);
    const other = await fx.branch(2);
    const m = await fx.member(own._id, 20);
    const [x] = await svc.submit(own, m, { add: [item('每周学习两小时')] });
    const id = x!._id.toString();
    await expect(svc.review(other, actor(2), id, 'approve')).rejects.toEqual(
      refusal('error-action-unavailable'),
    );
    expect(await svc.itemById(other, id)).toBeNull();
    expect(await svc.awaitingReview(other)).toEqual([]);
    await expect(svc.review(own, actor(1), 'not-an-id', 'approve')).rejects.toBeInstanceOf(ServiceError);
    // The service checks the item rules again: a due date in the past or a bad lead is refused.
    await expect(svc.submit(own, m, { add: [item('每周学习两小时', '2026-03-09')] })).rejects.toEqual(
      refusal('error-pledge-due-in-past'),
    );
    await expect(
      svc.submit(own, m, { add: [{ ...item('每周学习两小时'), lead: 'x' as never }] }),
    ).rejects.toEqual(refusal('error-pledge-bad-lead'));
    // A member of one branch cannot submit under another.
    await expect(svc.submit(other, m, { add: [item('每周学习两小时')] })).rejects.toEqual(
      refusal('error-not-member'),
    );
  });

  it('oral pledge: only for elderly members, approved and published at once, audited', async () => {
    const svc = createPledgeService({ models: fx.models, clock: time.clock });
    const branch = await fx.branch(1);
    const young = await fx.member(branch._id, 30);
    const old = await fx.member(branch._id, 31, { isElderly: true });
    await expect(svc.recordOral(branch, actor(1), young, [item('坚持学习强国')])).rejects.toEqual(
      refusal('error-pledge-oral-not-elderly'),
    );
    const result = await svc.recordOral(branch, actor(1), old, [
      item('坚持学习强国每日一小时', '2026-12-31', 'study'),
    ]);
    expect(result.publish).toBe(true);
    expect(result.items).toMatchObject([{ status: 'approved', lead: 'study' }]);
    expect(await fx.models.Pledge.findOne({ memberId: old._id }).lean()).toMatchObject({
      oral: true,
      recordedBy: 1,
    });
    expect(await fx.models.Audit.countDocuments({ branchId: branch._id, action: 'pledge.oral' })).toBe(1);
    const open = await svc.openItems(branch, old._id);
    expect(open).toHaveLength(1);
  });
});
