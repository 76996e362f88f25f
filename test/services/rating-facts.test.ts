import { Types } from 'mongoose';
import { afterEach, describe, expect, it } from 'vitest';
import { orgFactsFromStore } from '../../src/services/rating-facts.js';
import { testStore } from '../support/mongo.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

const TZ = 'Asia/Shanghai';
const at = (iso: string) => new Date(iso);

describe('organisation-score facts from the store', () => {
  it('counts each fact in its month only, by status and kind, per member and branch', async () => {
    const { models, ...db } = await testStore('rating_facts');
    cleanup = db.cleanup;
    const branchId = new Types.ObjectId();
    const other = new Types.ObjectId();
    const [a, b] = [new Types.ObjectId(), new Types.ObjectId()];
    const deed = (memberId: Types.ObjectId, date: string, status: string, br = branchId) => ({
      branchId: br,
      memberId,
      userId: 1,
      what: '帮扶',
      date,
      forWhom: '群众',
      peopleHelped: 1,
      status,
    });
    await models.Deed.insertMany([
      deed(a, '2026-11-01', 'verified'),
      deed(a, '2026-11-30', 'verified'),
      deed(a, '2026-12-01', 'verified'),
      deed(a, '2026-10-31', 'verified'),
      deed(b, '2026-11-15', 'pending'),
      deed(b, '2026-11-15', 'verified', other),
    ]);
    const item = (memberId: Types.ObjectId, status: string, dueDate: string, doneOn?: string) => ({
      branchId,
      pledgeId: new Types.ObjectId(),
      memberId,
      userId: 1,
      year: 2026,
      lead: 'service',
      text: '承诺',
      dueDate,
      status,
      ...(doneOn && { doneOn }),
    });
    await models.PledgeItem.insertMany([
      item(a, 'done', '2026-11-20', '2026-11-10'),
      item(a, 'done', '2026-10-20', '2026-10-10'),
      item(b, 'done', '2026-12-20', '2026-11-30'),
      item(b, 'approved', '2026-11-30'),
      item(b, 'claimed', '2026-10-01'),
      item(b, 'approved', '2026-12-01'),
      item(b, 'draft', '2026-10-01'),
    ]);
    const fb = (memberId: Types.ObjectId, kind: string, extra: Record<string, unknown>) => ({
      branchId,
      memberId,
      kind,
      text: '意见',
      anonymous: true,
      status: 'open',
      createdAt: at('2026-11-10T00:00:00Z'),
      updatedAt: at('2026-11-10T00:00:00Z'),
      ...extra,
    });
    const handled = (when: string, upheld: boolean) => ({
      status: 'handled',
      upheld,
      handledAt: at(when),
    });
    await models.Feedback.collection.insertMany([
      fb(a, 'complaint', handled('2026-11-20T00:00:00Z', true)),
      fb(a, 'complaint', handled('2026-11-20T00:00:00Z', false)),
      fb(a, 'complaint', handled('2026-11-30T16:30:00Z', true)), // Dec 1st in Shanghai
      fb(a, 'complaint', {}),
      fb(b, 'praise', {}),
      fb(b, 'praise', { createdAt: at('2026-10-31T15:30:00Z') }), // Oct 31st 23:30 in Shanghai
      fb(b, 'praise', { createdAt: at('2026-10-31T16:30:00Z') }), // Nov 1st 00:30 in Shanghai
      fb(b, 'praise', { status: 'handled', handledAt: at('2026-11-11T00:00:00Z') }),
    ]);
    const read = orgFactsFromStore(models);
    // Closed as scheduled, 1 December 09:00 in Shanghai.
    const facts = await read(branchId, [a, b], '2026-11', TZ, at('2026-12-01T01:00:00Z'));
    expect(facts.get(String(a))).toEqual({
      verifiedDeeds: 2,
      pledgeItemsDone: 1,
      pledgeItemsOverdue: 0,
      upheldComplaints: 1,
      praise: 0,
    });
    expect(facts.get(String(b))).toEqual({
      verifiedDeeds: 0,
      pledgeItemsDone: 1,
      pledgeItemsOverdue: 2,
      upheldComplaints: 0,
      praise: 3,
    });
    // Closed early on 5 November: the item due 30 November has not passed yet.
    const early = await read(branchId, [b], '2026-11', TZ, at('2026-11-05T01:00:00Z'));
    expect(early.get(String(b))?.pledgeItemsOverdue).toBe(1);
    // Closed late on 3 December: the item due 1 December belongs to December, not November.
    const late = await read(branchId, [b], '2026-11', TZ, at('2026-12-03T01:00:00Z'));
    expect(late.get(String(b))?.pledgeItemsOverdue).toBe(2);
  });
});
