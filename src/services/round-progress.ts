import type { BranchDoc } from '../db/models/branch.js';
import type { Models } from '../db/models/index.js';
import type { MemberRecord } from '../db/models/member.js';
import type { PledgeItemRecord } from '../db/models/pledge-item.js';
import { localDate } from '../domain/dates.js';
import { itemStatus } from '../domain/pledge-item.js';
import { pledgeShortfall, pledgeYear } from '../domain/pledge.js';
import type { RoundState } from '../domain/round-state.js';
import { authorize, type Actor } from './authorize.js';
import { createPendingService } from './pending-service.js';
import { branchRoundState, openRoundOf, withSettings } from './rating-round-support.js';
import { activeMembersByName, roundGaps, type RoundGapList } from './round-gaps.js';

/** A member and how many of something they have (items missing, items overdue). */
export interface MemberCount {
  readonly member: MemberRecord;
  readonly count: number;
}

/** The round at a glance (考评进度) for `/progress`. Counts only where a name would reveal a rater. */
export interface RoundProgress {
  readonly state: RoundState;
  /** Who has not yet rated in each way; null when no round is open. */
  readonly gaps: RoundGapList | null;
  /** Leading members (担任领导职务) whose pledge of the year lacks approved items, and how many. */
  readonly leadingShort: MemberCount[];
  readonly leadingMin: number;
  /** Members with approved items past their due date (branch zone) not claimed done. */
  readonly overdue: MemberCount[];
  /** What awaits review: registrations, pledge items, done claims, deeds, feedback, standards. */
  readonly pending: Record<'registrations' | 'items' | 'claims' | 'deeds' | 'feedback' | 'standards', number>;
  readonly at: Date;
}

/** `/progress`: the branch's rating round and the work around it, for the secretary. */
export function createRoundProgress({ models, clock }: { models: Models; clock: () => Date }) {
  const pendingQueue = createPendingService({ models });
  const postKey = (branch: Pick<BranchDoc, '_id'>, chatId: number) => `${String(branch._id)}:${chatId}`;
  return {
    /** The message id of the branch's progress message in a chat, to edit in place. */
    async postIn(branch: Pick<BranchDoc, '_id'>, chatId: number): Promise<number | null> {
      const post = await models.ProgressPost.findById(postKey(branch, chatId)).lean();
      return post?.messageId ?? null;
    },
    /** Remembers the message now showing the branch's progress in a chat (a new one replaces it). */
    async rememberPost(branch: Pick<BranchDoc, '_id'>, chatId: number, messageId: number): Promise<void> {
      await models.ProgressPost.updateOne(
        { _id: postKey(branch, chatId) },
        { $set: { messageId, updatedAt: clock() } },
        { upsert: true },
      );
    },

    async of(branch: BranchDoc, actor: Actor): Promise<RoundProgress> {
      authorize(actor, 'viewProgress', { ownerId: 0, branchId: String(branch._id) });
      const { settings } = withSettings(branch);
      const now = clock();
      const branchId = branch._id;
      const round = await openRoundOf(models, branchId);
      type Item = Pick<PledgeItemRecord, 'memberId' | 'status' | 'dueDate'>;
      const fields = { memberId: 1, status: 1, dueDate: 1 };
      // Read once: the gaps are counted among the same members the lists below name.
      const active = activeMembersByName(models, branchId);
      const [state, gaps, members, items, late, queue, registrations, standards] = await Promise.all([
        branchRoundState(models, branchId, now, settings),
        round ? roundGaps(models, round, settings.massesMinBallots, active) : null,
        active,
        models.PledgeItem.find({ branchId, year: pledgeYear(now, settings.timeZone) }, fields).lean<Item[]>(),
        // Overdue items of any year (one due last December is still overdue in January).
        models.PledgeItem.find(
          { branchId, status: 'approved', dueDate: { $lt: localDate(now, settings.timeZone) } },
          fields,
        ).lean<Item[]>(),
        pendingQueue.queue(branch, 0),
        models.Member.countDocuments({ branchId, status: 'pending-confirmation' }),
        models.Standard.countDocuments({ branchId, status: 'commenting' }),
      ]);
      const byMember = (list: Item[]) => {
        const map = new Map<string, Item[]>();
        for (const i of list) map.set(String(i.memberId), [...(map.get(String(i.memberId)) ?? []), i]);
        return (m: MemberRecord) => map.get(String(m._id)) ?? [];
      };
      const itemsOf = byMember(items);
      const lateOf = byMember(late);
      const counted = (count: (m: MemberRecord) => number) =>
        members.map((member) => ({ member, count: count(member) })).filter((c) => c.count > 0);
      return {
        state,
        gaps,
        leadingShort: counted((m) => (m.isLeading ? pledgeShortfall(itemsOf(m), true, settings) : 0)),
        leadingMin: settings.leadingMinPledgeItems,
        overdue: counted(
          (m) => lateOf(m).filter((i) => itemStatus(i, now, settings.timeZone) === 'overdue').length,
        ),
        pending: { registrations, ...queue.counts, standards },
        at: now,
      };
    },
  };
}
export type RoundProgressService = ReturnType<typeof createRoundProgress>;
