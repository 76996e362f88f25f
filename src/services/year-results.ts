import type { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';
import type { MemberRecord } from '../db/models/member.js';
import type { RatingResultRecord } from '../db/models/rating-result.js';

/** A member with their year: each final monthly result's total and verdict, in month order. */
export interface MemberYear {
  member: MemberRecord;
  months: { total: number; passed: boolean }[];
}

/**
 * The branch's active members with the year's final monthly results (what the year-end rules
 * read: the annual appraisal and the top-ten candidates). Two queries, whatever the branch size.
 */
export async function memberYears(
  models: Pick<Models, 'Member' | 'RatingResult'>,
  branchId: Types.ObjectId,
  year: number,
): Promise<MemberYear[]> {
  const members = await models.Member.find({ branchId, status: 'active' }).lean<MemberRecord[]>();
  const results = await models.RatingResult.find({
    branchId,
    status: 'final',
    month: { $gte: `${year}-01`, $lte: `${year}-12` },
  })
    .sort({ month: 1 })
    .lean<RatingResultRecord[]>();
  const byMember = new Map<string, { total: number; passed: boolean }[]>();
  for (const r of results) {
    const list = byMember.get(String(r.memberId)) ?? [];
    list.push({ total: r.computation.total, passed: r.computation.passed });
    byMember.set(String(r.memberId), list);
  }
  return members.map((member) => ({ member, months: byMember.get(String(member._id)) ?? [] }));
}
