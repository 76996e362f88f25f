import { Types } from 'mongoose';
import type { Models } from '../../src/db/models/index.js';

/**
 * Store-level seeding for the committee's comparison: a tree's affiliations, a month's final round
 * with stored results, verified deeds and overdue pledge items. Only the fields the comparison reads
 * carry meaning; the rest is the minimum the models require.
 */
export async function seedAffiliation(
  models: Models,
  childId: Types.ObjectId,
  childKind: 'branch' | 'general',
  parentId: Types.ObjectId,
) {
  await models.Affiliation.create({
    childId,
    childKind,
    parentId,
    current: true,
    from: new Date('2026-01-01T00:00:00Z'),
    inviteCode: 'SEEDCODE',
    confirmedBy: 1,
  });
}

export interface SeededResult {
  memberId: Types.ObjectId;
  total: number;
  passed: boolean;
  /** Did the member self-evaluate (no 'self-missing' note)? Default yes. */
  self?: boolean;
  stars?: number;
}

/** A final round of the month and one stored result per row. */
export async function seedMonthResults(
  models: Models,
  branchId: Types.ObjectId,
  month: string,
  rows: SeededResult[],
  status: 'open' | 'provisional' | 'final' = 'final',
) {
  const round = await models.RatingRound.create({
    branchId,
    month,
    status,
    openedAt: new Date(`${month}-20T00:00:00Z`),
  });
  if (rows.length === 0) return round;
  await models.RatingResult.insertMany(
    rows.map((r) => ({
      branchId,
      month,
      memberId: r.memberId,
      roundId: round._id,
      inputs: { rating: { self: r.self === false ? null : {} } },
      computation: {
        total: r.total,
        passed: r.passed,
        notes: r.self === false ? ['self-missing'] : [],
      },
      after: { stars: r.stars ?? 1 },
      change: {},
      orgSource: 'suggested',
      status: 'final',
      computedAt: new Date(`${month}-28T00:00:00Z`),
    })),
  );
  return round;
}

export async function seedDeeds(
  models: Models,
  branchId: Types.ObjectId,
  memberId: Types.ObjectId,
  date: string,
  n: number,
  status: 'verified' | 'pending' = 'verified',
) {
  await models.Deed.insertMany(
    Array.from({ length: n }, (_, i) => ({
      branchId,
      memberId,
      userId: 1,
      what: `事${i}`,
      date,
      forWhom: '群众',
      peopleHelped: 1,
      status,
    })),
  );
}

export async function seedPledgeItems(
  models: Models,
  branchId: Types.ObjectId,
  memberId: Types.ObjectId,
  dueDate: string,
  n: number,
  status: 'approved' | 'claimed' | 'done' = 'approved',
) {
  await models.PledgeItem.insertMany(
    Array.from({ length: n }, (_, i) => ({
      branchId,
      pledgeId: new Types.ObjectId(),
      memberId,
      userId: 1,
      year: Number(dueDate.slice(0, 4)),
      lead: 'service',
      text: `承诺${i}`,
      dueDate,
      status,
    })),
  );
}
