import type { Types } from 'mongoose';
import type { Models } from '../../src/db/models/index.js';
import type { BranchDoc } from '../../src/db/models/branch.js';
import type { MemberRecord } from '../../src/db/models/member.js';

/** Creates a branch named 第一党支部 of 政务中心; `extra` adds or overrides fields. */
export async function seedBranch(
  models: Models,
  chatId: number,
  secretaryId: number,
  extra: Partial<BranchDoc> = {},
): Promise<BranchDoc> {
  const b = await models.Branch.create({
    chatId,
    name: '第一党支部',
    unit: '政务中心',
    secretaryId,
    ...extra,
  });
  return b.toObject() as BranchDoc;
}

/**
 * Creates an active, confirmed full member (not leading, not elderly) named 党员<userId>, submitted
 * and confirmed now; `extra` overrides any field.
 */
export async function seedMember(
  models: Models,
  branchId: Types.ObjectId,
  userId: number,
  extra: Partial<MemberRecord> = {},
): Promise<MemberRecord> {
  const m = await models.Member.create({
    branchId,
    userId,
    realName: `党员${userId}`,
    post: '窗口受理',
    unit: '一号窗口',
    membership: 'full',
    isLeading: false,
    isElderly: false,
    motto: '我的岗位我示范',
    status: 'active',
    submittedAt: new Date(),
    confirmedAt: new Date(),
    ...extra,
  });
  return m.toObject() as MemberRecord;
}

/**
 * Member fields for the i-th sandbox user of a seeded branch: their first name, post 窗口<i+1> in
 * 政务中心, one star, submitted and confirmed on 2026-01-01.
 */
export function rosterCard(user: { first_name: string }, i: number): Partial<MemberRecord> {
  return {
    realName: user.first_name,
    post: `窗口${i + 1}`,
    unit: '政务中心',
    stars: 1,
    submittedAt: new Date('2026-01-01T00:00:00Z'),
    confirmedAt: new Date('2026-01-01T00:00:00Z'),
  };
}

/** What a person types into /join: the card before the branch confirms it. */
export const joinCard = (realName: string) => ({
  realName,
  post: '综合窗口',
  unit: '一号窗口',
  membership: 'full' as const,
  isLeading: false,
  isElderly: false,
  motto: '我的岗位我示范',
});
