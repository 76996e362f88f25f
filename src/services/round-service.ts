import type { Types } from 'mongoose';
import type { BranchDoc } from '../db/models/branch.js';
import type { RatingRoundRecord } from '../db/models/rating-round.js';
import type { BranchSettings } from '../domain/settings.js';
import type { RoundState } from '../domain/round-state.js';
import {
  activeMemberBranch,
  branchRoundState,
  openRoundOf,
  type RatingDeps,
} from './rating-round-support.js';

/** Reads of the rating rounds (评星轮次) for the bot and the jobs, which never query the store. */
export function createRoundService({ models }: Pick<RatingDeps, 'models'>) {
  const { RatingRound } = models;
  return {
    /** The branch's open round, if any. */
    open: (branchId: Types.ObjectId): Promise<RatingRoundRecord | null> => openRoundOf(models, branchId),
    /** The branch's latest round in `status`, if any. */
    latest(branchId: Types.ObjectId, status: RatingRoundRecord['status']): Promise<RatingRoundRecord | null> {
      return RatingRound.findOne({ branchId, status }).sort({ month: -1 }).lean<RatingRoundRecord>();
    },
    /** The round of a month in any status, if any. */
    ofMonth(branchId: Types.ObjectId, month: string): Promise<RatingRoundRecord | null> {
      return RatingRound.findOne({ branchId, month }).lean<RatingRoundRecord>();
    },
    /** The state the branch's latest round puts it in at `now` (for "no round open" answers). */
    state: (branchId: Types.ObjectId, now: Date, s: BranchSettings): Promise<RoundState> =>
      branchRoundState(models, branchId, now, s),
    /** The active branch a person is an active member of (the latest joined), if any. */
    memberBranch: (userId: number): Promise<BranchDoc | null> => activeMemberBranch(models, userId),
    /** Rounds to finalize (objection window passed by `asOf`) or to announce (final, not yet announced). */
    toFinish(branchId: Types.ObjectId, asOf: Date): Promise<RatingRoundRecord[]> {
      return RatingRound.find({
        branchId,
        $or: [
          { status: 'provisional', objectionDeadline: { $lte: asOf } },
          { status: 'final', announcedAt: null },
        ],
      }).lean<RatingRoundRecord[]>();
    },
    /** Records that the final results were announced (once: a second call changes nothing). */
    async markAnnounced(roundId: Types.ObjectId, at: Date): Promise<void> {
      await RatingRound.updateOne({ _id: roundId, announcedAt: null }, { $set: { announcedAt: at } });
    },
  };
}
export type RoundService = ReturnType<typeof createRoundService>;
