import type { Models } from '../db/models/index.js';
import type { BranchDoc as Branch } from '../db/models/branch.js';
import type { DeedRecord } from '../db/models/deed.js';
import type { FeedbackRecord } from '../db/models/feedback.js';
import type { MemberRecord } from '../db/models/member.js';
import type { PledgeItemRecord } from '../db/models/pledge-item.js';

/** What awaits a reviewer of one branch (/pending), oldest first, with the members' names. */
export interface ReviewQueue {
  items: PledgeItemRecord[];
  claims: PledgeItemRecord[];
  deeds: DeedRecord[];
  feedback: FeedbackRecord[];
  names: Map<string, string>;
}

/** The reviewer's queue across pledges, done claims, deeds and the feedback book. */
export function createPendingService({ models }: { models: Models }) {
  const { Branch, PledgeItem, Deed, Feedback, Member } = models;
  return {
    /** Active branches where the user is listed as secretary or committee member (admin rights are checked by the caller). */
    async listedReviewerOf(userId: number): Promise<Branch[]> {
      return Branch.find({ active: true, $or: [{ secretaryId: userId }, { committeeIds: userId }] }).lean<
        Branch[]
      >();
    },

    /** The queue, oldest first, at most `limit` of each kind, with the counts of all. */
    async queue(
      branch: Branch,
      limit = 20,
    ): Promise<
      ReviewQueue & { total: number; counts: Record<'items' | 'claims' | 'deeds' | 'feedback', number> }
    > {
      const branchId = branch._id;
      const [items, claims, deeds, feedback] = await Promise.all([
        PledgeItem.find({ branchId, status: 'pending' }).sort({ _id: 1 }).lean<PledgeItemRecord[]>(),
        PledgeItem.find({ branchId, status: 'claimed' }).sort({ _id: 1 }).lean<PledgeItemRecord[]>(),
        Deed.find({ branchId, status: 'pending' }).sort({ _id: 1 }).lean<DeedRecord[]>(),
        Feedback.find({ branchId, status: 'open' }).sort({ createdAt: 1, _id: 1 }).lean<FeedbackRecord[]>(),
      ]);
      const members = await Member.find({ branchId }, { realName: 1 }).lean<
        Pick<MemberRecord, '_id' | 'realName'>[]
      >();
      const names = new Map(members.map((m) => [m._id.toString(), m.realName]));
      const total = items.length + claims.length + deeds.length + feedback.length;
      const counts = {
        items: items.length,
        claims: claims.length,
        deeds: deeds.length,
        feedback: feedback.length,
      };
      return {
        counts,
        items: items.slice(0, limit),
        claims: claims.slice(0, limit),
        deeds: deeds.slice(0, limit),
        feedback: feedback.slice(0, limit),
        names,
        total,
      };
    },
  };
}
export type PendingService = ReturnType<typeof createPendingService>;
